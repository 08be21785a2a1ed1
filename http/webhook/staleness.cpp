#include "http/webhook/staleness.hpp"

#include <limits>
#include <string>

namespace tvbot::webhook {

std::string format_duration(Timestamp nanoseconds) {
  constexpr Timestamp nanos_per_milli = 1'000'000;
  const bool negative = nanoseconds < 0;
  // Work on the magnitude in milliseconds; the division first avoids overflow at the minimum.
  Timestamp millis = nanoseconds / nanos_per_milli;
  if (negative) millis = -millis;
  std::string text = negative ? "-" : "";
  text += std::to_string(millis / 1000);
  Timestamp fraction = millis % 1000;
  if (fraction != 0) {
    std::string digits = std::to_string(fraction);
    digits.insert(0, 3 - digits.size(), '0');
    while (digits.back() == '0') digits.pop_back();
    text += "." + digits;
  }
  return text + " s";
}

namespace {

// The difference of two timestamps, clamped: parse_timestamp accepts 1677..2262, whose
// span does not fit in int64 nanoseconds.
Timestamp clamped_difference(Timestamp later, Timestamp earlier) {
  const int128 difference = static_cast<int128>(later) - earlier;
  constexpr Timestamp max = std::numeric_limits<Timestamp>::max();
  return difference > max ? max : static_cast<Timestamp>(difference);
}

}  // namespace

Status check_staleness(std::optional<Timestamp> alert_time, Timestamp now, const StalenessPolicy& policy) {
  if (!alert_time) return {};
  if (*alert_time > now) {
    const Timestamp ahead = clamped_difference(*alert_time, now);
    if (ahead > policy.max_future_skew) {
      return make_error("stale_alert", "alert time is " + format_duration(ahead) +
                                           " in the future (allowed clock skew " +
                                           format_duration(policy.max_future_skew) + ")");
    }
    return {};
  }
  const Timestamp lag = clamped_difference(now, *alert_time);
  if (policy.max_lag && lag > *policy.max_lag) {
    return make_error("stale_alert", "alert is " + format_duration(lag) + " old (max_lag " +
                                         format_duration(*policy.max_lag) + ")");
  }
  return {};
}

}  // namespace tvbot::webhook
