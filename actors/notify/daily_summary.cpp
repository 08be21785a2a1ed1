#include "actors/notify/daily_summary.hpp"

#include <type_traits>
#include <variant>

#include "actors/notify/event_messages.hpp"
#include "events/codec.hpp"

namespace tvbot::notify {
namespace {

constexpr Timestamp kNanosPerMinute = 60'000'000'000;

bool two_digits(std::string_view text, int& value) {
  if (text.size() != 2 || text[0] < '0' || text[0] > '9' || text[1] < '0' || text[1] > '9') {
    return false;
  }
  value = (text[0] - '0') * 10 + (text[1] - '0');
  return true;
}

// Floor division: times before 1970 are negative and still belong to their own day.
Timestamp day_start(Timestamp time) {
  Timestamp days = time / kNanosPerDay;
  if (time % kNanosPerDay < 0) --days;
  return days * kNanosPerDay;
}

}  // namespace

std::optional<DailySummaryTime> parse_summary_time(std::string_view text) {
  DailySummaryTime time;
  if (text.size() != 5 || text[2] != ':' || !two_digits(text.substr(0, 2), time.hour) ||
      !two_digits(text.substr(3, 2), time.minute) || time.hour > 23 || time.minute > 59) {
    return std::nullopt;
  }
  return time;
}

Timestamp next_summary_at(DailySummaryTime time, Timestamp after) {
  const Timestamp offset = (time.hour * 60 + time.minute) * kNanosPerMinute;
  Timestamp at = day_start(after) + offset;
  if (at <= after) at += kNanosPerDay;
  return at;
}

void DaySummary::add(const Event& event) {
  if (event.time < from_ || event.time >= to_) return;
  std::visit(
      [&](const auto& e) {
        using T = std::decay_t<decltype(e)>;
        // Only position effects carry P&L and fees; every other event type is ignored.
        if constexpr (std::is_same_v<T, PositionOpened> || std::is_same_v<T, PositionIncreased>) {
          BotDay& day = bots_[split_stream(event.stream).bot];
          day.fees += e.fee;
          ++day.fills;
        } else if constexpr (std::is_same_v<T, PositionReduced> ||
                             std::is_same_v<T, PositionClosed>) {
          BotDay& day = bots_[split_stream(event.stream).bot];
          day.fees += e.fee;
          day.realized_gross += e.realized_gross;
          ++day.fills;
          if constexpr (std::is_same_v<T, PositionClosed>) ++day.closes;
        }
      },
      event.payload);
}

Text DaySummary::render() const {
  Text text;
  // "2026-11-24T20:00:00.000000000Z" -> "2026-11-24 20:00 UTC"
  const std::string end = format_timestamp(to_);
  text.plain("\xF0\x9F\x93\x8A ")
      .bold("Daily summary")
      .plain(" \xC2\xB7 24 h to " + end.substr(0, 10) + " " + end.substr(11, 5) + " UTC");
  if (bots_.empty()) {
    text.line().plain("No fills.");
    return text;
  }
  for (const auto& [bot, day] : bots_) {
    text.line().bold(bot).plain(": net ").bold(signed_amount(day.realized_gross - day.fees));
    text.plain(" (realized " + signed_amount(day.realized_gross) + ", fees " +
               day.fees.to_string() + "), " + std::to_string(day.fills) + " fills, " +
               std::to_string(day.closes) + " closed");
  }
  return text;
}

}  // namespace tvbot::notify
