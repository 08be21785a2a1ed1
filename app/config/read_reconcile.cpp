#include "app/config/read_reconcile.hpp"

namespace tvbot::config {

std::string_view to_string(OnDrift value) {
  return value == OnDrift::pause ? "pause" : "report";
}

namespace detail {

// A day: a venue checked less often than that is not being reconciled in any useful sense.
constexpr std::int64_t kLongestReconcileInterval = 86'400;

void read_reconcile_settings(TableReader& reader, BrokerConfig& broker) {
  if (auto seconds = reader.integer("reconcile_interval_seconds", 0, kLongestReconcileInterval)) {
    broker.reconcile_interval = std::chrono::seconds(*seconds);
  }
  if (auto reaction = reader.one_of("on_drift", {"report", "pause"})) {
    broker.on_drift = *reaction == "pause" ? OnDrift::pause : OnDrift::report;
  }
}

}  // namespace detail
}  // namespace tvbot::config
