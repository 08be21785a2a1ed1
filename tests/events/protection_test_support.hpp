#pragma once
// Given / when / then for protection: open a position with protection through the real
// decide() (alert, order, fill), then feed it price ticks.
#include <string>
#include <string_view>
#include <vector>

#include "events/protection.hpp"
#include "tests/events/position_test_support.hpp"

namespace tvbot::testing {

inline PriceLevel pct(std::string_view value) { return PriceLevel{true, px(value)}; }
inline PriceLevel abs_level(std::string_view value) { return PriceLevel{false, px(value)}; }

inline Signal protected_entry(Action action, std::string_view quantity,
                              std::optional<PriceLevel> sl, std::optional<PriceLevel> tp = {},
                              std::optional<PriceLevel> trail = {}) {
  Signal result = signal(action, quantity);
  result.stop_loss = sl;
  result.take_profit = tp;
  result.trailing = trail;
  return result;
}

// The client order id of the last OrderRequested in the history.
inline std::string last_order_id(const Scenario& scenario) {
  for (auto it = scenario.history().rbegin(); it != scenario.history().rend(); ++it) {
    if (const auto* order = std::get_if<OrderRequested>(&it->payload)) return order->client_order_id;
  }
  ADD_FAILURE() << "no order in the history";
  return "";
}

// given: an entry alert and the complete fill of its order at `price`.
inline void enter(Scenario& scenario, Signal entry, std::string_view price,
                  std::string fill_id) {
  scenario.given_signal(entry);
  const std::string id = last_order_id(scenario);
  const Side side =
      (entry.action == Action::buy || entry.action == Action::long_) ? Side::buy : Side::sell;
  const std::string quantity = entry.qty->to_string();
  const auto* order = find_pending(scenario.state(), id);
  const PositionSide position_side = order ? order->position_side : PositionSide::both;
  scenario.given_fill(
      for_order(fill(std::move(fill_id), side, quantity, price, "0", position_side), id));
}

// given: the exit the last tick ordered fills completely at `price` with `fee`.
inline std::vector<EventPayload> fill_exit(Scenario& scenario, std::string fill_id,
                                           std::string_view price, std::string_view fee = "0") {
  const std::string id = last_order_id(scenario);
  const auto* order = find_pending(scenario.state(), id);
  EXPECT_NE(order, nullptr) << "no exit in flight";
  if (order == nullptr) return {};
  const std::string quantity = order->qty.to_string();
  return events_of(scenario.when_fill(
      for_order(fill(std::move(fill_id), order->side, quantity, price, fee, order->position_side),
                id)));
}

inline Result<std::vector<EventPayload>> tick(Scenario& scenario, std::string_view price) {
  return scenario.when(PriceTickCommand{px(price), 0});
}

inline OrderRequested exit_order(std::string id, Side side, std::string_view quantity,
                                 OrderReason reason, PositionSide position_side = PositionSide::both) {
  OrderRequested order;
  order.client_order_id = std::move(id);
  order.side = side;
  order.qty = qty(quantity);
  order.type = OrderType::market;
  order.reason = reason;
  order.position_side = position_side;
  order.reduce_only = true;
  return order;
}

}  // namespace tvbot::testing
