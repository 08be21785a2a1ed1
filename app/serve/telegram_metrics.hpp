#pragma once
// The Telegram notifier's counters on /metrics (names reserved in
// observability/metric_names.hpp), read from Notifier::stats() at scrape time:
//   tvbot_notifier_messages_total{outcome="sent"|"failed"|"dropped"}  failed = refused by
//     Telegram (4xx) or given up after retries; dropped = oldest shed from a full queue
//   tvbot_notifier_queue_depth                                      messages waiting
//   tvbot_notifier_send_errors_total{kind="transport"|"server"|"rate_limited"}  per attempt
#include "actors/notify/notifier.hpp"
#include "observability/metrics_registry.hpp"

namespace tvbot::app {

// `notifier` must outlive the registry's scrapes.
void register_telegram_metrics(observability::Registry& registry, const notify::Notifier& notifier);

}  // namespace tvbot::app
