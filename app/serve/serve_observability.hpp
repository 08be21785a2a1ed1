#pragma once
// What `tvbot serve` observes itself with: the metrics registry, its own metrics, and the
// event tail that turns recorded events into counts and audit log lines.
#include <map>
#include <string>

#include "app/config/config.hpp"
#include "app/serve/event_journal.hpp"
#include "app/serve/event_tail.hpp"
#include "app/serve/serve_metrics.hpp"
#include "observability/metrics_registry.hpp"
#include "storage/event_store.hpp"

namespace tvbot::app {

class ServeObservability {
 public:
  // Follows the log from its current end: the counters count this process's work, as
  // Prometheus expects of a counter (it handles the reset at a restart). The config and the
  // store must outlive this object.
  ServeObservability(const config::Config& config, const storage::EventStore& store);

  [[nodiscard]] observability::Registry& registry() { return registry_; }
  [[nodiscard]] ServeMetrics& metrics() { return metrics_; }

 private:
  void on_event(const Event& event);

  observability::Registry registry_;
  ServeMetrics metrics_;
  std::map<std::string, std::string, std::less<>> broker_of_bot_;
  EventJournal journal_;
  EventTail tail_;  // last: its thread starts in the constructor and uses the members above
};

}  // namespace tvbot::app
