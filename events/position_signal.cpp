// decide() for alerts: entries (open, pyramid, one-way reversal), closes and
// strategy-sync (target_position). Every refusal is an AlertRejected naming the alert.
#include <string>

#include "events/position_internal.hpp"
#include "events/protection.hpp"

namespace tvbot::position_detail {
namespace {

std::optional<ProtectionSet> protection_for(const Signal& signal,
                                            const ProtectionDefaults& defaults,
                                            PositionSide position_side) {
  const auto stop_loss = signal.stop_loss ? signal.stop_loss : defaults.stop_loss;
  const auto take_profit = signal.take_profit ? signal.take_profit : defaults.take_profit;
  const auto trailing = signal.trailing ? signal.trailing : defaults.trailing;
  const bool ladder = !take_profit && !defaults.take_profits.empty();
  if (!stop_loss && !take_profit && !trailing && !ladder) return std::nullopt;
  ProtectionSet protection;
  protection.position_side = position_side;
  protection.stop_loss = stop_loss;
  // One level closes everything; without one, the configured ladder of partial levels.
  if (take_profit) protection.take_profits.push_back({*take_profit, Ratio::from_int(1)});
  if (ladder) protection.take_profits = defaults.take_profits;
  protection.trailing = trailing;
  if (trailing) protection.trailing_activation = defaults.trailing_activation;
  protection.break_even_after_first_tp = defaults.break_even_after_first_tp;
  return protection;
}

// An entry that adds to an open position changes only the levels its alert names and keeps
// the others in force; nothing named, nothing recorded. A new position starts from the
// config's defaults.
std::optional<ProtectionSet> protection_for(const Signal& signal, const PositionConfig& config,
                                            const StreamState& state, PositionSide position_side,
                                            bool opens_new) {
  const auto& current = protection_of(state, position_side);
  if (opens_new || !current) return protection_for(signal, config.protection, position_side);
  if (!signal.stop_loss && !signal.take_profit && !signal.trailing) return std::nullopt;
  ProtectionSet changed = *current;
  if (signal.stop_loss) changed.stop_loss = signal.stop_loss;
  if (signal.take_profit) changed.take_profits = {{*signal.take_profit, Ratio::from_int(1)}};
  if (signal.trailing) changed.trailing = signal.trailing;
  return changed;
}

// `opens_new`: the order starts a new position (from flat, or a reversal). Without any
// protection asked for, the one left from an earlier position is cleared, so it cannot
// guard a position it was never set for.
void emit_protection(const SignalCommand& command, const PositionConfig& config,
                     PositionSide position_side, bool opens_new, Emitter& out) {
  if (auto protection =
          protection_for(command.signal, config, out.state(), position_side, opens_new)) {
    out.emit(std::move(*protection));
  } else if (opens_new && protection_of(out.state(), position_side)) {
    ProtectionSet cleared;
    cleared.position_side = position_side;
    out.emit(std::move(cleared));
  }
}

bool exceeds_max_position(const PositionConfig& config, Quantity projected_after) {
  return config.max_position && projected_after.abs() > *config.max_position;
}

Events decide_entry(const StreamState& state, const SignalCommand& command,
                    const PositionConfig& config, Direction direction) {
  Emitter out(state);
  const Signal& signal = command.signal;
  const PositionSide position_side =
      config.mode == PositionMode::one_way ? PositionSide::both : leg_of(direction);

  const SizingInput input{signal.qty, signal.price ? signal.price : command.mark_price,
                          command.equity};
  const auto sized = size_entry(config.sizing, input, config.lot_step);
  if (!sized) {
    out.reject(command.alert_seq, sized.error().code, sized.error().message);
    return out.take();
  }
  const Quantity qty = *sized;
  const Quantity projected = projected_signed(state, position_side);
  const bool reverses = !projected.is_zero() &&
                        (projected.is_positive() != (direction == Direction::long_));
  const bool opens_new = reverses || projected.is_zero();
  if (auto protection = protection_for(signal, config, state, position_side, opens_new)) {
    const auto reference = signal.price ? signal.price : command.mark_price;
    if (auto valid = check_protection(*protection, direction, reference); !valid) {
      out.reject(command.alert_seq, valid.error().code, valid.error().message);
      return out.take();
    }
  }

  // strategy.entry against an opposite position: one order closes it and opens qty.
  // Short 0.5, buy 0.2 -> one buy of 0.7; the fill closes 0.5 and opens 0.2 long.
  const Quantity order_qty = reverses ? projected.abs() + qty : qty;

  if (!reverses) {  // a reversal starts a new position at entry 1
    // The open position's entries count only if it stays open once the orders in flight
    // fill: close and re-enter on one bar must not be refused while the close is in flight.
    const SidePosition& position = position_of(state, position_side);
    const bool stays_open = projected.signum() == (direction == Direction::long_ ? 1 : -1);
    const std::uint32_t open_entries =
        (stays_open && !position.is_flat() && position.direction == direction)
            ? position.entries
            : 0;
    const std::uint32_t entries =
        open_entries + entries_in_flight(state, position_side, direction);
    if (entries >= config.max_entries) {
      out.reject(command.alert_seq, "max_entries",
                 std::to_string(entries) + " entries open or in flight, limit " +
                     std::to_string(config.max_entries));
      return out.take();
    }
  }
  const Side side = opening_side(direction);
  if (exceeds_max_position(config, projected + signed_qty(side, order_qty))) {
    out.reject(command.alert_seq, "max_position",
               "position would exceed " + config.max_position->to_string());
    return out.take();
  }
  out.order(side, order_qty, position_side, OrderReason::signal, false);
  emit_protection(command, config, position_side, opens_new, out);
  return out.take();
}

Events decide_close(const StreamState& state, const SignalCommand& command,
                    const PositionConfig& config, PositionSide requested) {
  Emitter out(state);
  const bool alert_qty_counts = !(config.sizing.kind == SizingRule::Kind::fixed_qty &&
                                  config.sizing.ignore_alert_qty);
  const std::optional<Quantity> partial =
      alert_qty_counts ? command.signal.qty : std::optional<Quantity>{};
  switch (close_positions(state, close_requests(config.mode, requested), OrderReason::signal,
                          partial, config.lot_step, out)) {
    case CloseOutcome::ordered: break;
    case CloseOutcome::nothing_open:
      out.reject(command.alert_seq, "no_position", "nothing open to close");
      break;
    case CloseOutcome::zero_quantity:
      out.reject(command.alert_seq, "zero_quantity", "close quantity rounds to zero");
      break;
  }
  return out.take();
}

// Moves one hedge leg (magnitude `projected`) to magnitude `target`.
void sync_leg(PositionSide leg, Direction direction, Quantity projected, Quantity target,
              const SignalCommand& command, const PositionConfig& config, Emitter& out) {
  if (target > projected) {
    out.order(opening_side(direction), target - projected, leg, OrderReason::sync, false);
    emit_protection(command, config, leg, projected.is_zero(), out);
  } else if (target < projected) {
    out.order(closing_side(direction), projected - target, leg, OrderReason::sync, true);
  }
}

// A missed alert heals at the next one: order whatever separates the position (with the
// orders in flight) from the strategy's own position. Already there: no event at all.
Events decide_sync(const StreamState& state, const SignalCommand& command,
                   const PositionConfig& config) {
  Emitter out(state);
  const Quantity requested = *command.signal.target_position;
  const Quantity magnitude = round_down_to_step(requested.abs(), config.lot_step);
  const Quantity target = requested.is_negative() ? -magnitude : magnitude;
  if (exceeds_max_position(config, target)) {
    out.reject(command.alert_seq, "max_position",
               "target exceeds " + config.max_position->to_string());
    return out.take();
  }

  if (config.mode == PositionMode::hedge) {
    const Quantity long_projected = projected_signed(state, PositionSide::long_side);
    const Quantity short_projected = -projected_signed(state, PositionSide::short_side);
    const Quantity long_target = target.is_positive() ? target : Quantity{};
    const Quantity short_target = target.is_negative() ? -target : Quantity{};
    // The leg that must close goes first: it frees margin for the other.
    if (target.is_positive()) {
      sync_leg(PositionSide::short_side, Direction::short_, short_projected, short_target,
               command, config, out);
      sync_leg(PositionSide::long_side, Direction::long_, long_projected, long_target,
               command, config, out);
    } else {
      sync_leg(PositionSide::long_side, Direction::long_, long_projected, long_target,
               command, config, out);
      sync_leg(PositionSide::short_side, Direction::short_, short_projected, short_target,
               command, config, out);
    }
    return out.take();
  }

  const Quantity projected = projected_signed(state, PositionSide::both);
  if (target == projected) return {};
  const Quantity delta = target - projected;
  // Reduce-only when moving toward flat without crossing it: long 3 -> 1 or -> 0.
  // Long 3 -> short 2 is one order of 5, like a strategy.entry reversal.
  const bool same_way = target.is_zero() || (target.signum() == projected.signum());
  const bool reduces = !projected.is_zero() && same_way && target.abs() < projected.abs();
  out.order(delta.is_positive() ? Side::buy : Side::sell, delta.abs(), PositionSide::both,
            OrderReason::sync, reduces);
  if (!reduces) {
    const bool opens_new = projected.is_zero() || target.signum() != projected.signum();
    emit_protection(command, config, PositionSide::both, opens_new, out);
  }
  return out.take();
}

}  // namespace

Result<Events> decide_signal(const StreamState& state, const SignalCommand& command,
                             const PositionConfig& config) {
  if (state.paused) {
    Emitter out(state);
    out.reject(command.alert_seq, "bot_paused", "the bot is paused");
    return out.take();
  }
  if (command.signal.target_position) return decide_sync(state, command, config);
  switch (command.signal.action) {
    case Action::buy:
    case Action::long_: return decide_entry(state, command, config, Direction::long_);
    case Action::sell:
    case Action::short_: return decide_entry(state, command, config, Direction::short_);
    case Action::close:
    case Action::flat: return decide_close(state, command, config, PositionSide::both);
    case Action::close_long: return decide_close(state, command, config, PositionSide::long_side);
    case Action::close_short:
      return decide_close(state, command, config, PositionSide::short_side);
    case Action::cancel: break;
  }
  Emitter out(state);
  out.reject(command.alert_seq, "unsupported_action",
             "cancel needs a cancel request event, not yet in the event model");
  return out.take();
}

}  // namespace tvbot::position_detail
