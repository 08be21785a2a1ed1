// decide() for fills: OrderFilled, then what the fill does to the position
// (Opened / Increased / Reduced / Closed, or Closed then Opened for a one-way flip).
// Every number the events record is computed here; evolve() only applies it.
#include "events/position_internal.hpp"

namespace tvbot::position_detail {
namespace {

struct FillPart {
  Quantity qty;
  Money fee;
};

Money realized_gross(const SidePosition& position, Price exit, Quantity qty) {
  const Money per_long = mul<Money>(exit - position.avg_entry, qty);
  return position.direction == Direction::long_ ? per_long : -per_long;
}

PositionOpened opened(const OrderFilled& fill, Direction direction, FillPart part,
                      std::uint32_t cycle) {
  return PositionOpened{fill.position_side, direction, fill.fill_id, part.qty, fill.price,
                        part.fee, cycle};
}

PositionIncreased increased(const SidePosition& position, const OrderFilled& fill,
                            std::uint32_t entries) {
  PositionIncreased event;
  event.position_side = fill.position_side;
  event.direction = position.direction;
  event.fill_id = fill.fill_id;
  event.qty = fill.qty;
  event.price = fill.price;
  event.fee = fill.fee;
  event.new_qty = position.qty + fill.qty;
  // Σ(qty·price) is exact in Notional; the division rounds once, half-even.
  // 0.01@30000 + 0.02@31000 + 0.03@29500: 1805/0.06 = 30083.33333333333.. -> 30083.3333333333
  const Notional cost = position.cost_basis + mul<Notional>(fill.qty, fill.price);
  event.new_avg_entry = div<Price>(cost, event.new_qty);
  event.entries = entries;
  return event;
}

PositionReduced reduced(const SidePosition& position, const OrderFilled& fill,
                        OrderReason reason) {
  PositionReduced event;
  event.position_side = fill.position_side;
  event.direction = position.direction;
  event.fill_id = fill.fill_id;
  event.qty = fill.qty;
  event.price = fill.price;
  event.fee = fill.fee;
  event.avg_entry = position.avg_entry;  // reducing never moves the average
  event.realized_gross = realized_gross(position, fill.price, fill.qty);
  event.remaining_qty = position.qty - fill.qty;
  event.reason = reason;
  return event;
}

PositionClosed closed(const SidePosition& position, const OrderFilled& fill, FillPart part,
                      OrderReason reason) {
  PositionClosed event;
  event.position_side = fill.position_side;
  event.direction = position.direction;
  event.fill_id = fill.fill_id;
  event.qty = part.qty;
  event.price = fill.price;
  event.fee = part.fee;
  event.avg_entry = position.avg_entry;
  event.realized_gross = realized_gross(position, fill.price, part.qty);
  event.cycle_realized_gross = position.cycle_realized_gross + event.realized_gross;
  event.cycle_fees = position.cycle_fees + part.fee;
  event.cycle_realized_net = event.cycle_realized_gross - event.cycle_fees;
  event.exit_reason = reason;
  return event;
}

// A one-way fill larger than the opposite position: close it, open the rest at the fill
// price. The fee is shared by quantity and the shares add up exactly:
// fee 0.00000003, close 1 of 2 -> 0.000000015 rounds half-even to 0.00000002 for the close,
// and the open gets 0.00000003 - 0.00000002 = 0.00000001.
void flip(const SidePosition& position, const OrderFilled& fill, OrderReason reason,
          Events& events) {
  const Quantity close_qty = position.qty;
  const Money close_fee = mul_div<Money>(fill.fee, close_qty, fill.qty);
  events.emplace_back(closed(position, fill, {close_qty, close_fee}, reason));
  events.emplace_back(opened(fill, direction_of(fill.side),
                             {fill.qty - close_qty, fill.fee - close_fee}, position.cycle + 1));
}

Status check_fill(const OrderFilled& fill, PositionMode mode) {
  if (fill.fill_id.empty()) return make_error("invalid_fill", "a fill needs a fill id");
  if (!fill.qty.is_positive()) return make_error("invalid_fill", "fill qty must be > 0");
  if (!fill.price.is_positive()) return make_error("invalid_fill", "fill price must be > 0");
  const bool one_way_fill = fill.position_side == PositionSide::both;
  if (one_way_fill != (mode == PositionMode::one_way)) {
    return make_error("position_side_mismatch",
                      std::string("fill for position side ") +
                          std::string(to_string(fill.position_side)) + " in " +
                          (mode == PositionMode::one_way ? "one-way" : "hedge") + " mode");
  }
  return {};
}

}  // namespace

Result<Events> decide_fill(const StreamState& state, const FillCommand& command,
                           const PositionConfig& config) {
  const OrderFilled& fill = command.fill;
  if (auto valid = check_fill(fill, config.mode); !valid) return valid.error();
  if (state.seen_fill_ids.contains(fill.fill_id)) return Events{};  // replay is idempotent

  // A fill tvbot did not request (reconciliation found it at the broker) is still a fact
  // about the position; it counts as a sync.
  const PendingOrder* order = find_pending(state, fill.client_order_id);
  const OrderReason reason = order ? order->reason : OrderReason::sync;

  const SidePosition& position = position_of(state, fill.position_side);
  const Direction fill_direction = direction_of(fill.side);
  const bool hedge_leg = fill.position_side != PositionSide::both;
  const Direction leg_direction = hedge_leg ? position.direction : fill_direction;

  // An entry is an order, however many fills it takes: the pyramid count moves on the
  // order's first fill only. A fill of no known order is an entry of its own.
  const bool continues_order = order != nullptr && order->filled.is_positive();
  const std::uint32_t entries = continues_order ? position.entries : position.entries + 1;

  Events events{fill};
  if (position.is_flat() && (!hedge_leg || fill_direction == leg_direction)) {
    events.emplace_back(opened(fill, fill_direction, {fill.qty, fill.fee}, position.cycle + 1));
  } else if (fill_direction == position.direction) {
    events.emplace_back(increased(position, fill, entries));
  } else if (fill.qty < position.qty) {
    events.emplace_back(reduced(position, fill, reason));
  } else if (fill.qty == position.qty) {
    events.emplace_back(closed(position, fill, {fill.qty, fill.fee}, reason));
  } else if (!hedge_leg) {
    flip(position, fill, reason, events);
  } else {
    // A hedge leg cannot turn around; the broker would not fill this. Refuse loudly so
    // reconciliation looks at it rather than booking a long leg that is short.
    return make_error("fill_exceeds_position", "fill " + fill.fill_id + " of " +
                                                   fill.qty.to_string() + " exceeds the " +
                                                   std::string(to_string(fill.position_side)) +
                                                   " leg of " + position.qty.to_string());
  }
  return events;
}

}  // namespace tvbot::position_detail
