#pragma once
// Drives streams through the real position aggregate (decide/evolve) and appends what it
// decides to a real event log, the way the position actor and the paper broker would: each
// alert is recorded, decided, its orders accepted and filled at the given price with a fee
// of 0.5 per fill. The projection tests then check the tables against these events.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "events/position.hpp"
#include "storage/event_store.hpp"

namespace tvbot::projections::testing {

template <class Decimal>
Decimal dec(const std::string& text) {
  auto parsed = Decimal::parse_exact(text);
  if (!parsed.ok()) throw std::runtime_error("bad decimal literal " + text);
  return *parsed;
}

class TradingSim {
 public:
  TradingSim(storage::EventStore& store, PositionConfig config);

  // One alert on `stream` ("bot/SYMBOL"); every order it leads to fills at `price`.
  // Returns the events appended.
  std::vector<Event> alert(const std::string& stream, Action action,
                           std::optional<std::string> qty, const std::string& price,
                           const std::string& raw_body = R"({"secret":"***"})");
  // Appends payloads as the stream's next events (its state follows).
  std::vector<Event> append(const std::string& stream, const std::vector<EventPayload>& payloads);

  Timestamp now() const { return now_; }
  void advance_seconds(std::int64_t seconds) { now_ += seconds * 1'000'000'000LL; }

 private:
  std::vector<Event> decide_and_append(const std::string& stream, const Command& command);
  StreamState& state(const std::string& stream);

  storage::EventStore& store_;
  PositionConfig config_;
  std::map<std::string, StreamState> states_;
  Timestamp now_;
  std::uint64_t fills_ = 0;
  std::uint64_t requests_ = 0;
};

// 2026-11-20T10:00:00Z, where every simulation starts.
inline constexpr Timestamp sim_start = 1'795'168'800'000'000'000LL;

}  // namespace tvbot::projections::testing
