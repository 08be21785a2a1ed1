#pragma once
// The metrics `tvbot serve` itself reports (names: observability/metric_names.hpp). Counts
// of what the log records (alerts, orders, fills) come from the event tail, so they count
// facts that are durable, exactly once each; what never reaches the log (webhooks refused
// with a 4xx, the acknowledgement latency) is counted where it happens.
#include <memory>
#include <string>
#include <vector>
#include <string_view>

#include "events/event_types.hpp"
#include "http/server/server.hpp"
#include "observability/metrics_registry.hpp"
#include "storage/event_log.hpp"

namespace tvbot::app {

class ServeMetrics {
 public:
  explicit ServeMetrics(observability::Registry& registry);

  // A webhook refused before it was recorded (4xx), by its error code.
  void webhook_rejected(std::string_view reason);
  // From the request handed to the webhook handler to the 2xx handed back to the server.
  void acknowledged(std::int64_t microseconds) { ack_latency_.observe(microseconds); }
  // A recorded event; `broker` is the broker of the event's bot ("" when unknown).
  void recorded(const Event& event, std::string_view broker);

 private:
  observability::CounterFamily& alerts_received_;
  observability::CounterFamily& alerts_rejected_;
  observability::Histogram& ack_latency_;
  observability::CounterFamily& orders_requested_;
  observability::CounterFamily& orders_rejected_;
  observability::CounterFamily& fills_;
  observability::CounterFamily& positions_closed_;
};

// Scrape-time copies of the event log's group commit statistics. The log must outlive the
// registry's scrapes.
void register_event_log_metrics(observability::Registry& registry, const storage::EventLog& log);
// Scrape-time copies of the webhook listener's ServerStats, labelled listener="<name>".
// Called once the server has started; it must outlive the registry's scrapes.
void register_http_metrics(observability::Registry& registry, std::string listener,
                           const http::Server& server);

}  // namespace tvbot::app
