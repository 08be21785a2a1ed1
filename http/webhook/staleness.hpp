#pragma once
// An alert that arrives long after TradingView fired it (a queue backlog, a replayed
// request) must not trade at today's price; one stamped far in the future means a wrong
// clock somewhere. Both are refused with code "stale_alert" and the lag in the message.
#include <optional>
#include <string>

#include "events/event_types.hpp"
#include "events/result.hpp"

namespace tvbot::webhook {

struct StalenessPolicy {
  std::optional<Timestamp> max_lag;  // nanoseconds; nullopt: no limit
  Timestamp max_future_skew = 5'000'000'000;  // TradingView's and our clocks may differ a little
};

// Alerts without a time pass: only the sender can stamp one. An alert exactly max_lag old
// passes; one nanosecond older does not.
[[nodiscard]] Status check_staleness(std::optional<Timestamp> alert_time, Timestamp now,
                                     const StalenessPolicy& policy);

// "1.5 s", "0.001 s", "120 s": whole milliseconds, trailing zeros dropped.
[[nodiscard]] std::string format_duration(Timestamp nanoseconds);

}  // namespace tvbot::webhook
