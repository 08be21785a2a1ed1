// decide() for a price tick: per open side with protection, at most one protective exit.
//
// Exactly once: while a protective exit (reason stop_loss, take_profit or trailing) of a
// side is in flight, ticks decide nothing for that side; nor do they while a close of the
// whole side is in flight (an alert's close, a reversal). If the exit is rejected or
// cancelled the next tick that still crosses the level orders it again.
//
// Precedence when one tick crosses several levels (a gap):
// 1. A stop (stop-loss, break-even or trailing) wins over any take-profit and closes the
//    whole side: the conservative reading of a price that is through both. When both stops
//    are crossed, the reason is the one whose stop is tighter (a long's higher stop), the
//    one the price fell through first; equal stops count as stop_loss.
// 2. Take-profits crossed together are taken together: one exit for the sum of their
//    fractions, one PriceObserved per level; when the ladder's last level is among them,
//    the exit closes the side.
// 3. Otherwise a trailing stop may record a new best (protection.hpp).
// Fractions are shares of the position as it stood before the ladder started: level i
// takes open·f_i / (f_i + ... + f_n) of what is still open, rounded down to the lot step,
// and the last level takes the rest. Levels 0.5/0.3/0.2 on 1 BTC: 0.5, then 0.3 of the
// 0.5 left (0.5·0.3/0.5), then the remaining 0.2.
#include "events/position_internal.hpp"
#include "events/protection.hpp"

namespace tvbot::position_detail {
namespace {

bool protective(OrderReason reason) {
  return reason == OrderReason::stop_loss || reason == OrderReason::take_profit ||
         reason == OrderReason::trailing;
}

bool exit_in_flight(const StreamState& state, PositionSide side) {
  for (const PendingOrder& order : state.pending) {
    if (order.position_side == side && protective(order.reason)) return true;
  }
  return false;
}

// The crossed stop that decides the exit, if any (precedence rule 1).
std::optional<OrderReason> crossed_stop(const ProtectionLevels& levels, Direction direction,
                                        Price price) {
  const bool sl = levels.stop_loss && stop_hit(direction, *levels.stop_loss, price);
  const bool trail = levels.trailing_stop && stop_hit(direction, *levels.trailing_stop, price);
  if (sl && trail) {
    const bool trail_tighter = direction == Direction::long_
                                   ? *levels.trailing_stop > *levels.stop_loss
                                   : *levels.trailing_stop < *levels.stop_loss;
    return trail_tighter ? OrderReason::trailing : OrderReason::stop_loss;
  }
  if (sl) return OrderReason::stop_loss;
  if (trail) return OrderReason::trailing;
  return std::nullopt;
}

Ratio fraction_sum(const std::vector<TakeProfitLevel>& ladder, std::size_t from, std::size_t to) {
  Ratio sum;
  for (std::size_t i = from; i < to; ++i) sum += ladder[i].fraction;
  return sum;
}

void check_side(const StreamState& state, PositionSide side, Price price,
                const PositionConfig& config, Emitter& out) {
  const SidePosition& position = position_of(state, side);
  const auto& protection = protection_of(state, side);
  if (position.is_flat() || !protection || exit_in_flight(state, side)) return;
  const Quantity projected = projected_signed(state, side);
  const int open_sign = position.direction == Direction::long_ ? 1 : -1;
  if (projected.signum() != open_sign) return;  // a close of the whole side is on its way
  // Entries in flight are not open yet; closes in flight already took their share.
  const Quantity open = std::min(position.qty, projected.abs());
  const Side exit_side = closing_side(position.direction);
  const ProtectionProgress& progress = progress_of(state, side);
  const ProtectionLevels levels = resolve_levels(*protection, progress, position);

  if (auto reason = crossed_stop(levels, position.direction, price)) {
    out.emit(PriceObserved{side, price, std::string(to_string(*reason))});
    out.order(exit_side, open, side, *reason, true);
    return;
  }

  const auto& ladder = protection->take_profits;
  const std::size_t first = std::min<std::size_t>(progress.take_profits_hit, ladder.size());
  std::size_t crossed = first;
  while (crossed < ladder.size() &&
         take_profit_hit(position.direction, levels.take_profits[crossed], price)) {
    ++crossed;
  }
  if (crossed > first) {
    Quantity qty = open;
    const Ratio rest = fraction_sum(ladder, first, ladder.size());
    if (crossed < ladder.size() && rest.is_positive()) {
      qty = round_down_to_step(
          mul_div<Quantity>(open, fraction_sum(ladder, first, crossed), rest,
                            Rounding::toward_zero),
          config.lot_step);
    }
    for (std::size_t i = first; i < crossed; ++i) out.emit(PriceObserved{side, price, "take_profit"});
    // A share that rounds to nothing still counts the level as taken: the next level's
    // share grows by it (its denominator no longer holds this level's fraction).
    if (qty.is_positive()) out.order(exit_side, qty, side, OrderReason::take_profit, true);
    return;
  }

  if (auto best = trailing_best_to_record(*protection, progress, position, price,
                                          config.trailing_record_fraction)) {
    out.emit(PriceObserved{side, *best, "trailing_moved"});
  }
}

}  // namespace

Result<Events> decide_tick(const StreamState& state, const PriceTickCommand& command,
                           const PositionConfig& config) {
  if (!command.price.is_positive()) return make_error("invalid_tick", "tick price must be > 0");
  Emitter out(state);
  // Ticks act while the bot is paused: pausing must not take a position's stop away.
  if (config.mode == PositionMode::one_way) {
    check_side(state, PositionSide::both, command.price, config, out);
  } else {
    check_side(state, PositionSide::long_side, command.price, config, out);
    check_side(state, PositionSide::short_side, command.price, config, out);
  }
  return out.take();
}

}  // namespace tvbot::position_detail
