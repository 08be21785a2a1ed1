#pragma once
// The names of tvbot's metrics, in one place so that every component that reports one uses
// the same name and labels (README "Metrics" lists them with their meaning). A component
// registers its family at start-up (Registry::counter_family etc.) and keeps the reference.
// Names follow Prometheus conventions: tvbot_ prefix, base units (seconds), _total for counters.
#include <string_view>

namespace tvbot::observability::names {

// Registered by `tvbot serve` (app/serve/serve_metrics.cpp).
inline constexpr std::string_view kAlertsReceived = "tvbot_alerts_received_total";  // {bot}
// {stage="webhook"|"decision", reason}: webhook = refused with a 4xx before it was recorded;
// decision = recorded, then AlertRejected (paused, max_entries, ...).
inline constexpr std::string_view kAlertsRejected = "tvbot_alerts_rejected_total";
inline constexpr std::string_view kAlertAckSeconds = "tvbot_alert_ack_seconds";  // histogram
inline constexpr std::string_view kOrdersRequested = "tvbot_orders_requested_total";  // {broker,side,reason}
inline constexpr std::string_view kOrdersRejected = "tvbot_orders_rejected_total";    // {broker}
inline constexpr std::string_view kFills = "tvbot_fills_total";                       // {broker,side}
inline constexpr std::string_view kPositionsClosed = "tvbot_positions_closed_total";  // {exit_reason}
inline constexpr std::string_view kEventLogBatches = "tvbot_eventlog_batches_total";
inline constexpr std::string_view kEventLogAppends = "tvbot_eventlog_appends_total";
inline constexpr std::string_view kEventLogEvents = "tvbot_eventlog_events_total";
inline constexpr std::string_view kEventLogConflicts = "tvbot_eventlog_appends_conflicted_total";
inline constexpr std::string_view kEventLogFailures = "tvbot_eventlog_appends_failed_total";
inline constexpr std::string_view kEventLogLargestGroup = "tvbot_eventlog_largest_group";
inline constexpr std::string_view kEventLogLastSeq = "tvbot_eventlog_last_global_seq";
inline constexpr std::string_view kHttpRequests = "tvbot_http_requests_total";    // {listener}
inline constexpr std::string_view kHttpResponses = "tvbot_http_responses_total";  // {listener,class}
inline constexpr std::string_view kHttpConnectionsOpen = "tvbot_http_connections_open";  // {listener}

// Reserved for components that report into the registry once they exist. Until then they
// are not registered at all, so a scrape never shows a zero that measures nothing.
// Projector: gauges, events and seconds its checkpoint is behind the log's last event.
inline constexpr std::string_view kProjectionLagEvents = "tvbot_projection_lag_events";
inline constexpr std::string_view kProjectionLagSeconds = "tvbot_projection_lag_seconds";  // scale 3
// Telegram notifier: gauge of queued messages; counter {outcome="sent"|"failed"|"dropped"}.
inline constexpr std::string_view kNotifierQueueDepth = "tvbot_notifier_queue_depth";
inline constexpr std::string_view kNotifierMessages = "tvbot_notifier_messages_total";
// Brokers: counter {broker, operation="place"|"query"|"cancel"|..., kind="timeout"|"http"|...}.
inline constexpr std::string_view kBrokerErrors = "tvbot_broker_errors_total";

}  // namespace tvbot::observability::names
