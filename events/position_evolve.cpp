// evolve(): applies one event to the state. It books what decide() computed and derives
// nothing that needs rounding; the only arithmetic is exact (Notional cost basis, sums).
#include <algorithm>
#include <cassert>
#include <string>

#include "events/position.hpp"
#include "events/position_internal.hpp"
#include "events/protection.hpp"

namespace tvbot {
namespace {

using position_detail::Overloaded;

void add_fee(StreamState& state, SidePosition& position, Money fee) {
  position.cycle_fees += fee;
  position.lifetime.fees += fee;
  state.totals.fees += fee;
}

void add_realized(StreamState& state, SidePosition& position, Money gross) {
  position.lifetime.realized_gross += gross;
  state.totals.realized_gross += gross;
}

void erase_pending(StreamState& state, std::string_view client_order_id) {
  std::erase_if(state.pending, [&](const PendingOrder& order) {
    return order.client_order_id == client_order_id;
  });
}

void apply_fill_to_orders(StreamState& state, const OrderFilled& fill) {
  state.seen_fill_ids.insert(fill.fill_id);
  auto it = std::find_if(state.pending.begin(), state.pending.end(),
      [&](const PendingOrder& order) { return order.client_order_id == fill.client_order_id; });
  if (it == state.pending.end()) return;
  it->filled += fill.qty;
  if (fill.order_complete || !it->remaining().is_positive()) state.pending.erase(it);
}

void apply(StreamState& state, const PositionOpened& event) {
  SidePosition& position = position_of(state, event.position_side);
  position.direction = event.direction;
  position.qty = event.qty;
  position.avg_entry = event.price;
  position.cost_basis = mul<Notional>(event.qty, event.price);
  position.entries = 1;
  position.cycle = event.cycle;
  position.cycle_realized_gross = Money{};
  position.cycle_fees = Money{};
  add_fee(state, position, event.fee);
  reset_progress(state, event.position_side);
}

void apply(StreamState& state, const PositionIncreased& event) {
  SidePosition& position = position_of(state, event.position_side);
  position.qty = event.new_qty;
  position.avg_entry = event.new_avg_entry;
  position.cost_basis += mul<Notional>(event.qty, event.price);
  position.entries = event.entries;
  add_fee(state, position, event.fee);
}

void apply(StreamState& state, const PositionReduced& event) {
  SidePosition& position = position_of(state, event.position_side);
  position.qty = event.remaining_qty;
  // The rest is carried at the booked average, so the next entry averages against it.
  position.cost_basis = mul<Notional>(event.remaining_qty, event.avg_entry);
  position.cycle_realized_gross += event.realized_gross;
  add_realized(state, position, event.realized_gross);
  add_fee(state, position, event.fee);
  apply_exit_fill(state, event.position_side, event.reason);
}

void apply(StreamState& state, const PositionClosed& event) {
  SidePosition& position = position_of(state, event.position_side);
  position.qty = Quantity{};
  position.avg_entry = Price{};
  position.cost_basis = Notional{};
  position.entries = 0;
  add_realized(state, position, event.realized_gross);
  add_fee(state, position, event.fee);
  // The closed cycle's totals stay readable until the next opening; these are the booked ones.
  position.cycle_realized_gross = event.cycle_realized_gross;
  position.cycle_fees = event.cycle_fees;
  reset_progress(state, event.position_side);
}

Status check_side(const SidePosition& position, std::string_view name) {
  const auto broken = [&](std::string_view rule) {
    return make_error("invariant_violated", std::string(name) + ": " + std::string(rule));
  };
  if (position.qty.is_negative()) return broken("quantity is negative; the sign is the direction");
  if (position.is_flat()) {
    if (!position.avg_entry.is_zero()) return broken("flat with an average entry");
    if (!position.cost_basis.is_zero()) return broken("flat with a cost basis");
    if (position.entries != 0) return broken("flat with entries");
    return {};
  }
  if (position.entries == 0) return broken("open without entries");
  if (position.cycle == 0) return broken("open outside a cycle");
  if (div<Price>(position.cost_basis, position.qty) != position.avg_entry) {
    return broken("average entry is not cost basis / quantity rounded once");
  }
  return {};
}

}  // namespace

void evolve_in_place(StreamState& state, const Event& event) {
  state.version = event.stream_seq;
  std::visit(
      Overloaded{
          [&](const OrderRequested& e) {
            state.pending.push_back(PendingOrder{e.client_order_id, {}, e.side,
                                                 e.position_side, e.qty, Quantity{},
                                                 e.reason, e.reduce_only});
          },
          [&](const OrderAccepted& e) {
            for (PendingOrder& order : state.pending) {
              if (order.client_order_id == e.client_order_id) {
                order.broker_order_id = e.broker_order_id;
              }
            }
          },
          [&](const OrderFilled& e) { apply_fill_to_orders(state, e); },
          [&](const OrderRejected& e) {
            apply_order_ended(state, e.client_order_id);
            erase_pending(state, e.client_order_id);
          },
          [&](const OrderCancelled& e) {
            apply_order_ended(state, e.client_order_id);
            erase_pending(state, e.client_order_id);
          },
          [&](const PositionOpened& e) { apply(state, e); },
          [&](const PositionIncreased& e) { apply(state, e); },
          [&](const PositionReduced& e) { apply(state, e); },
          [&](const PositionClosed& e) { apply(state, e); },
          [&](const ProtectionSet& e) { apply_protection_set(state, e); },
          [&](const PriceObserved& e) { apply_price_observed(state, e); },
          [&](const BotPaused&) { state.paused = true; },
          [&](const BotResumed&) { state.paused = false; },
          // Recorded for the audit trail; they change nothing here.
          [](const AlertReceived&) {},
          [](const AlertRejected&) {},
          // Kept in reconciliation/<broker>, never a position's stream.
          [](const ReconciliationDrift&) {},
          [](const ReconciliationResolved&) {},
      },
      event.payload);
  assert(check_invariants(state).ok());
}

StreamState evolve(StreamState state, const Event& event) {
  evolve_in_place(state, event);
  return state;
}

Money unrealized_pnl(const SidePosition& position, Price mark) {
  if (position.is_flat()) return Money{};
  const Money per_long = mul<Money>(mark - position.avg_entry, position.qty);
  return position.direction == Direction::long_ ? per_long : -per_long;
}

Status check_invariants(const StreamState& state) {
  try {
    if (auto s = check_side(state.net, "net"); !s) return s;
    if (auto s = check_side(state.long_side, "long_side"); !s) return s;
    if (auto s = check_side(state.short_side, "short_side"); !s) return s;
  } catch (const DecimalError& error) {
    return make_error("invariant_violated", std::string("average check: ") + error.what());
  }
  if (state.long_side.direction != Direction::long_ ||
      state.short_side.direction != Direction::short_) {
    return make_error("invariant_violated", "a hedge leg points the wrong way");
  }
  if (!state.net.is_flat() && !(state.long_side.is_flat() && state.short_side.is_flat())) {
    return make_error("invariant_violated", "one-way and hedge positions open at once");
  }
  const Money gross = state.net.lifetime.realized_gross + state.long_side.lifetime.realized_gross +
                      state.short_side.lifetime.realized_gross;
  const Money fees =
      state.net.lifetime.fees + state.long_side.lifetime.fees + state.short_side.lifetime.fees;
  if (gross != state.totals.realized_gross || fees != state.totals.fees) {
    return make_error("invariant_violated", "stream totals differ from the sum of the sides");
  }
  for (const PendingOrder& order : state.pending) {
    if (!order.remaining().is_positive()) {
      return make_error("invariant_violated", "order " + order.client_order_id + " in flight "
                                              "with nothing left to fill");
    }
  }
  return {};
}

}  // namespace tvbot
