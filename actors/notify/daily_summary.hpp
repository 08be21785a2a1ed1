#pragma once
// The optional daily summary: at a configured UTC time of day, the realized P&L per bot over
// the 24 hours before it, computed from the log (the events' own times), so it is right
// after any restart. Pure: time comes in as arguments.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "actors/notify/text.hpp"
#include "events/event_types.hpp"

namespace tvbot::notify {

struct DailySummaryTime {
  int hour = 0;    // 0..23, UTC
  int minute = 0;  // 0..59
  bool operator==(const DailySummaryTime&) const = default;
};

// "HH:MM", 24-hour, UTC. nullopt for anything else.
[[nodiscard]] std::optional<DailySummaryTime> parse_summary_time(std::string_view text);

inline constexpr Timestamp kNanosPerDay = 86'400'000'000'000;

// The first moment strictly after `after` whose UTC time of day is `time`.
[[nodiscard]] Timestamp next_summary_at(DailySummaryTime time, Timestamp after);

class DailySummaryClock {
 public:
  DailySummaryClock(DailySummaryTime time, Timestamp now) : due_(next_summary_at(time, now)) {}
  [[nodiscard]] bool due(Timestamp now) const { return now >= due_; }
  [[nodiscard]] Timestamp window_end() const { return due_; }
  // After a summary was sent, or when the process was asleep past several: the next one.
  void advance(Timestamp now) {
    while (due_ <= now) due_ += kNanosPerDay;
  }

 private:
  Timestamp due_;
};

// Realized P&L per bot of the events whose time is in [from, to).
class DaySummary {
 public:
  DaySummary(Timestamp from, Timestamp to) : from_(from), to_(to) {}
  void add(const Event& event);
  [[nodiscard]] Text render() const;

 private:
  struct BotDay {
    Money realized_gross;
    Money fees;
    std::uint32_t closes = 0;
    std::uint32_t fills = 0;
  };
  Timestamp from_;
  Timestamp to_;
  std::map<std::string, BotDay> bots_;
};

}  // namespace tvbot::notify
