#include "app/serve/serve_metrics.hpp"

#include <variant>

#include "observability/metric_names.hpp"

namespace tvbot::app {
namespace names = observability::names;
using observability::MetricType;
using observability::Sample;

namespace {

// Acknowledgement latency buckets in microseconds (exported in seconds): an fsync here is
// 0.1-0.3 ms and a loaded ack p99 about 10-60 ms (README benchmarks), so the bounds span
// 250 us to 2.5 s, the engine's own answer deadline.
std::vector<std::int64_t> ack_bounds() {
  return {250, 500, 1000, 2500, 5000, 10000, 25000, 50000, 100000, 250000, 500000, 1000000,
          2500000};
}

std::string_view bot_of(const Event& event) {
  return std::string_view(event.stream).substr(0, event.stream.find('/'));
}

}  // namespace

ServeMetrics::ServeMetrics(observability::Registry& registry)
    : alerts_received_(registry.counter_family(
          std::string(names::kAlertsReceived), "Alerts recorded in the event log.", {"bot"})),
      alerts_rejected_(registry.counter_family(
          std::string(names::kAlertsRejected),
          "Alerts refused: stage webhook (4xx, never recorded) or decision (AlertRejected).",
          {"stage", "reason"})),
      ack_latency_(registry
                       .histogram_family(std::string(names::kAlertAckSeconds),
                                         "From a webhook handed to the handler to its 2xx.", {},
                                         ack_bounds(), 6)
                       .with({})),
      orders_requested_(registry.counter_family(std::string(names::kOrdersRequested),
                                                "Orders requested (OrderRequested events).",
                                                {"broker", "side", "reason"})),
      orders_rejected_(registry.counter_family(std::string(names::kOrdersRejected),
                                               "Orders the broker refused (OrderRejected).",
                                               {"broker"})),
      fills_(registry.counter_family(std::string(names::kFills),
                                     "Fills recorded (OrderFilled events, partial ones each).",
                                     {"broker", "side"})),
      positions_closed_(registry.counter_family(std::string(names::kPositionsClosed),
                                                "Positions closed to flat (PositionClosed).",
                                                {"exit_reason"})) {}

void ServeMetrics::webhook_rejected(std::string_view reason) {
  alerts_rejected_.with({"webhook", std::string(reason)}).inc();
}

void ServeMetrics::recorded(const Event& event, std::string_view broker) {
  std::visit(
      [&](const auto& payload) {
        using T = std::decay_t<decltype(payload)>;
        if constexpr (std::is_same_v<T, AlertReceived>) {
          alerts_received_.with({std::string(bot_of(event))}).inc();
        } else if constexpr (std::is_same_v<T, AlertRejected>) {
          alerts_rejected_.with({"decision", payload.reason}).inc();
        } else if constexpr (std::is_same_v<T, OrderRequested>) {
          orders_requested_
              .with({std::string(broker), std::string(to_string(payload.side)),
                     std::string(to_string(payload.reason))})
              .inc();
        } else if constexpr (std::is_same_v<T, OrderRejected>) {
          orders_rejected_.with({std::string(broker)}).inc();
        } else if constexpr (std::is_same_v<T, OrderFilled>) {
          fills_.with({std::string(broker), std::string(to_string(payload.side))}).inc();
        } else if constexpr (std::is_same_v<T, PositionClosed>) {
          positions_closed_.with({std::string(to_string(payload.exit_reason))}).inc();
        }
      },
      event.payload);
}

void register_event_log_metrics(observability::Registry& registry, const storage::EventLog& log) {
  auto stat = [&registry, &log](std::string_view name, std::string help, MetricType type,
                                std::uint64_t storage::EventLogStatistics::*field) {
    registry.add_callback(std::string(name), std::move(help), type, {}, 0, [&log, field] {
      return std::vector<Sample>{{{}, static_cast<std::int64_t>(log.statistics().*field)}};
    });
  };
  using S = storage::EventLogStatistics;
  // Mean group size = appends / batches: the group commit's effect on fsyncs per append.
  stat(names::kEventLogBatches, "Group commit batches written (one fsync each with sync on).",
       MetricType::counter, &S::batches_written);
  stat(names::kEventLogAppends, "Appends committed; divided by batches: mean group size.",
       MetricType::counter, &S::appends_committed);
  stat(names::kEventLogEvents, "Events written.", MetricType::counter, &S::events_written);
  stat(names::kEventLogConflicts, "Appends refused for a wrong expected version.",
       MetricType::counter, &S::appends_conflicted);
  stat(names::kEventLogFailures, "Appends lost to a write error.", MetricType::counter,
       &S::appends_failed);
  stat(names::kEventLogLargestGroup, "Most appends one batch has committed.", MetricType::gauge,
       &S::largest_group);
  registry.add_callback(std::string(names::kEventLogLastSeq), "Global seq of the log's last event.",
                        MetricType::gauge, {}, 0, [&log] {
                          return std::vector<Sample>{
                              {{}, static_cast<std::int64_t>(log.last_global_seq())}};
                        });
}

void register_http_metrics(observability::Registry& registry, std::string listener,
                           const http::Server& server) {
  const http::Server* stats_of = &server;
  registry.add_callback(std::string(names::kHttpRequests), "Complete requests handed to a handler.",
                        MetricType::counter, {"listener"}, 0, [listener, stats_of] {
                          return std::vector<Sample>{
                              {{listener}, static_cast<std::int64_t>(stats_of->stats().requests)}};
                        });
  registry.add_callback(std::string(names::kHttpResponses), "Responses by status class.",
                        MetricType::counter, {"listener", "class"}, 0, [listener, stats_of] {
                          auto stats = stats_of->stats();
                          std::vector<Sample> out;
                          for (std::size_t c = 1; c < http::kStatusClasses; ++c) {
                            out.push_back({{listener, std::to_string(c) + "xx"},
                                           static_cast<std::int64_t>(stats.responses_by_class[c])});
                          }
                          return out;
                        });
  registry.add_callback(std::string(names::kHttpConnectionsOpen), "Connections open now.",
                        MetricType::gauge, {"listener"}, 0, [listener, stats_of] {
                          return std::vector<Sample>{
                              {{listener},
                               static_cast<std::int64_t>(stats_of->stats().connections_open)}};
                        });
}

}  // namespace tvbot::app
