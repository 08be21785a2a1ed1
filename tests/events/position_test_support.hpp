#pragma once
// Given / when / then for the position aggregate: a Scenario keeps the stream's history,
// folds it, and checks the invariants after every event it applies.
#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <vector>

#include "events/position.hpp"
#include "events/position_fold.hpp"

namespace tvbot::testing {

template <class Decimal>
Decimal dec(std::string_view text) {
  auto parsed = Decimal::parse_exact(text);
  EXPECT_TRUE(parsed.ok()) << "bad test literal " << text;
  return parsed.ok() ? *parsed : Decimal{};
}
inline Price px(std::string_view text) { return dec<Price>(text); }
inline Quantity qty(std::string_view text) { return dec<Quantity>(text); }
inline Money money(std::string_view text) { return dec<Money>(text); }
inline Ratio ratio(std::string_view text) { return dec<Ratio>(text); }

inline OrderFilled fill(std::string fill_id, Side side, std::string_view quantity,
                        std::string_view price, std::string_view fee = "0",
                        PositionSide position_side = PositionSide::both) {
  OrderFilled filled;
  filled.fill_id = std::move(fill_id);
  filled.broker_order_id = "b-" + filled.fill_id;
  filled.side = side;
  filled.position_side = position_side;
  filled.qty = qty(quantity);
  filled.price = px(price);
  filled.fee = money(fee);
  filled.fee_asset = "USDT";
  return filled;
}

// The same fill, for an order tvbot requested.
inline OrderFilled for_order(OrderFilled filled, std::string client_order_id,
                             bool order_complete = true) {
  filled.client_order_id = std::move(client_order_id);
  filled.order_complete = order_complete;
  return filled;
}

inline Signal signal(Action action, std::optional<std::string_view> quantity = std::nullopt) {
  Signal result;
  result.action = action;
  result.ticker = "BINANCE:BTCUSDT.P";
  result.symbol = "BTCUSDT";
  if (quantity) result.qty = qty(*quantity);
  return result;
}

inline Signal target(std::string_view position_size) {
  Signal result = signal(Action::buy);
  result.target_position = qty(position_size);
  return result;
}

inline PositionConfig one_way(std::uint32_t max_entries = 1) {
  PositionConfig config;
  config.mode = PositionMode::one_way;
  config.max_entries = max_entries;
  return config;
}

inline PositionConfig hedge(std::uint32_t max_entries = 1) {
  PositionConfig config = one_way(max_entries);
  config.mode = PositionMode::hedge;
  return config;
}

class Scenario {
 public:
  explicit Scenario(PositionConfig config = one_way(), std::string stream = "bot/BTCUSDT")
      : config(config), state_(initial_state(std::move(stream))) {}

  // given: a command that must succeed; its events become history.
  Scenario& given(const Command& command) {
    auto events = when(command);
    EXPECT_TRUE(events.ok()) << (events.ok() ? "" : events.error().code);
    return *this;
  }
  Scenario& given_fill(OrderFilled filled) { return given(FillCommand{std::move(filled), 0}); }
  Scenario& given_fills(std::vector<OrderFilled> fills) {
    for (auto& filled : fills) given_fill(std::move(filled));
    return *this;
  }
  // given: an alert whose decision must succeed (an order, a rejection, ...).
  Scenario& given_signal(Signal alert) {
    auto events = when_signal(std::move(alert));
    EXPECT_TRUE(events.ok()) << (events.ok() ? "" : events.error().code);
    return *this;
  }

  // when: decide; on success the events are applied as the position actor would.
  Result<std::vector<EventPayload>> when(const Command& command) {
    auto decided = decide(state_, command, config);
    if (decided.ok()) apply(*decided);
    return decided;
  }
  Result<std::vector<EventPayload>> when_fill(OrderFilled filled) {
    return when(FillCommand{std::move(filled), 0});
  }
  // The ingress router records AlertReceived first; the signal then names its seq.
  Result<std::vector<EventPayload>> when_signal(Signal alert,
                                                std::optional<Price> mark = std::nullopt,
                                                std::optional<Money> equity = std::nullopt) {
    AlertReceived received;
    received.signal = alert;
    apply({received});
    return when(SignalCommand{std::move(alert), state_.version, 0, mark, equity});
  }

  void apply(const std::vector<EventPayload>& payloads) {
    for (Event& event : number_events(state_, payloads, 0)) {
      evolve_in_place(state_, event);
      const Status invariants = check_invariants(state_);
      EXPECT_TRUE(invariants.ok()) << invariants.error().message;
      history_.push_back(std::move(event));
    }
  }

  const StreamState& state() const { return state_; }
  const std::vector<Event>& history() const { return history_; }
  std::uint64_t last_alert_seq() const { return state_.version; }

  PositionConfig config;

 private:
  StreamState state_;
  std::vector<Event> history_;
};

template <class Payload>
const Payload& event_at(const std::vector<EventPayload>& events, std::size_t index) {
  static const Payload missing{};
  EXPECT_LT(index, events.size());
  if (index >= events.size()) return missing;
  EXPECT_TRUE(std::holds_alternative<Payload>(events[index])) << "event " << index;
  const auto* payload = std::get_if<Payload>(&events[index]);
  return payload ? *payload : missing;
}

inline std::vector<EventPayload> events_of(Result<std::vector<EventPayload>> decided) {
  EXPECT_TRUE(decided.ok()) << (decided.ok() ? "" : decided.error().code);
  return decided.ok() ? std::move(decided).value() : std::vector<EventPayload>{};
}

}  // namespace tvbot::testing
