// decide(): the command dispatcher, the order-lifecycle commands, pause/resume, manual
// closes and the helpers every decision shares. Signals: position_signal.cpp; fills:
// position_fill.cpp; evolve: position_evolve.cpp.
#include "events/position.hpp"

#include <algorithm>

#include "events/position_internal.hpp"

namespace tvbot {

using position_detail::Events;

namespace {

// One lookup for both constnesses.
template <class State>
auto& side_of(State& state, PositionSide side) {
  switch (side) {
    case PositionSide::long_side: return state.long_side;
    case PositionSide::short_side: return state.short_side;
    case PositionSide::both: break;
  }
  return state.net;
}

template <class State>
auto& protection_in(State& state, PositionSide side) {
  switch (side) {
    case PositionSide::long_side: return state.protection_long;
    case PositionSide::short_side: return state.protection_short;
    case PositionSide::both: break;
  }
  return state.protection_net;
}

template <class State>
auto& progress_in(State& state, PositionSide side) {
  switch (side) {
    case PositionSide::long_side: return state.progress_long;
    case PositionSide::short_side: return state.progress_short;
    case PositionSide::both: break;
  }
  return state.progress_net;
}

}  // namespace

SidePosition& position_of(StreamState& state, PositionSide side) { return side_of(state, side); }

const SidePosition& position_of(const StreamState& state, PositionSide side) {
  return side_of(state, side);
}

std::optional<ProtectionSet>& protection_of(StreamState& state, PositionSide side) {
  return protection_in(state, side);
}
const std::optional<ProtectionSet>& protection_of(const StreamState& state, PositionSide side) {
  return protection_in(state, side);
}
ProtectionProgress& progress_of(StreamState& state, PositionSide side) {
  return progress_in(state, side);
}
const ProtectionProgress& progress_of(const StreamState& state, PositionSide side) {
  return progress_in(state, side);
}

const PendingOrder* find_pending(const StreamState& state, std::string_view client_order_id) {
  const auto it = std::find_if(state.pending.begin(), state.pending.end(),
      [&](const PendingOrder& order) { return order.client_order_id == client_order_id; });
  return it == state.pending.end() ? nullptr : &*it;
}

std::string make_client_order_id(std::string_view stream, std::uint64_t seq) {
  std::string id;
  id.reserve(stream.size() + 21);  // ':' and at most 20 digits of a uint64
  id.append(stream).append(":").append(std::to_string(seq));
  return id;
}

Status validate(const PositionConfig& config) {
  if (config.max_entries < 1) return make_error("invalid_config", "max_entries must be >= 1");
  if (config.lot_step.is_negative()) return make_error("invalid_config", "lot_step < 0");
  if (config.max_position && config.max_position->is_negative()) {
    return make_error("invalid_config", "max_position < 0");
  }
  if (config.trailing_record_fraction.is_negative() ||
      config.trailing_record_fraction > Ratio::from_int(1)) {
    return make_error("invalid_config", "trailing_record_fraction outside [0, 1]");
  }
  return {};
}

StreamState initial_state(std::string stream) {
  StreamState state;
  state.stream = std::move(stream);
  return state;
}

namespace position_detail {

void Emitter::order(Side side, Quantity qty, PositionSide position_side, OrderReason reason,
                    bool reduce_only) {
  OrderRequested order;
  order.client_order_id = make_client_order_id(state_.stream, next_seq());
  order.side = side;
  order.qty = qty;
  order.type = OrderType::market;
  order.reason = reason;
  order.position_side = position_side;
  order.reduce_only = reduce_only;
  emit(std::move(order));
}

void Emitter::reject(std::uint64_t alert_seq, std::string reason, std::string message) {
  emit(AlertRejected{alert_seq, std::move(reason), std::move(message)});
}

Quantity signed_in_flight(const StreamState& state, PositionSide position_side) {
  Quantity total;
  for (const PendingOrder& order : state.pending) {
    if (order.position_side == position_side) total += signed_qty(order.side, order.remaining());
  }
  return total;
}

Quantity projected_signed(const StreamState& state, PositionSide position_side) {
  return position_of(state, position_side).signed_qty() + signed_in_flight(state, position_side);
}

std::uint32_t entries_in_flight(const StreamState& state, PositionSide position_side,
                                Direction direction) {
  // An order partly filled into the open position already counts in its entries.
  const SidePosition& position = position_of(state, position_side);
  const bool open_that_way = !position.is_flat() && position.direction == direction;
  const auto count = std::count_if(state.pending.begin(), state.pending.end(),
      [&](const PendingOrder& order) {
        const bool counted = open_that_way && order.filled.is_positive();
        return order.position_side == position_side && !order.reduce_only &&
               order.side == opening_side(direction) && !counted;
      });
  return static_cast<std::uint32_t>(count);
}

std::vector<CloseRequest> close_requests(PositionMode mode, PositionSide requested) {
  if (mode == PositionMode::one_way) {
    switch (requested) {
      case PositionSide::both: return {{PositionSide::both, std::nullopt}};
      case PositionSide::long_side: return {{PositionSide::both, Direction::long_}};
      case PositionSide::short_side: return {{PositionSide::both, Direction::short_}};
    }
  }
  switch (requested) {
    case PositionSide::long_side: return {{PositionSide::long_side, Direction::long_}};
    case PositionSide::short_side: return {{PositionSide::short_side, Direction::short_}};
    case PositionSide::both: break;
  }
  return {{PositionSide::long_side, Direction::long_},
          {PositionSide::short_side, Direction::short_}};
}

CloseOutcome close_positions(const StreamState& state, const std::vector<CloseRequest>& requests,
                             OrderReason reason, std::optional<Quantity> partial,
                             Quantity lot_step, Emitter& out) {
  bool rounded_to_zero = false;
  bool ordered = false;
  for (const CloseRequest& request : requests) {
    const Quantity projected = projected_signed(state, request.position_side);
    if (projected.is_zero()) continue;
    const Direction open_direction =
        projected.is_positive() ? Direction::long_ : Direction::short_;
    if (request.only && *request.only != open_direction) continue;
    Quantity qty = projected.abs();
    if (partial && *partial < qty) {
      qty = round_down_to_step(std::max(*partial, Quantity{}), lot_step);
      if (qty.is_zero()) {
        rounded_to_zero = true;
        continue;
      }
    }
    out.order(closing_side(open_direction), qty, request.position_side, reason, true);
    ordered = true;
  }
  if (ordered) return CloseOutcome::ordered;
  return rounded_to_zero ? CloseOutcome::zero_quantity : CloseOutcome::nothing_open;
}

Result<Events> decide_manual_close(const StreamState& state, const ManualCloseCommand& command,
                                   const PositionConfig& config) {
  Emitter out(state);
  const auto outcome = close_positions(state, close_requests(config.mode, command.position_side),
                                       command.reason, std::nullopt, config.lot_step, out);
  if (outcome != CloseOutcome::ordered) out.reject(0, "no_position", "nothing open to close");
  return out.take();
}

}  // namespace position_detail

namespace {

using namespace position_detail;

// Acknowledgements for an order not in flight are repeats (or late, after its last fill):
// no event.
template <class Payload>
Events acknowledge(const StreamState& state, const Payload& payload) {
  if (find_pending(state, payload.client_order_id) == nullptr) return {};
  return {payload};
}

Result<Events> dispatch(const StreamState& state, const Command& command,
                        const PositionConfig& config) {
  return std::visit(
      Overloaded{
          [&](const SignalCommand& c) { return decide_signal(state, c, config); },
          [&](const FillCommand& c) { return decide_fill(state, c, config); },
          [&](const ManualCloseCommand& c) { return decide_manual_close(state, c, config); },
          [&](const PriceTickCommand& c) { return decide_tick(state, c, config); },
          [&](const OrderAcceptedCommand& c) -> Result<Events> {
            return acknowledge(state, c.accepted);
          },
          [&](const OrderRejectedCommand& c) -> Result<Events> {
            return acknowledge(state, c.rejected);
          },
          [&](const OrderCancelledCommand& c) -> Result<Events> {
            return acknowledge(state, c.cancelled);
          },
          [&](const PauseCommand& c) -> Result<Events> {
            if (state.paused) return Events{};
            return Events{BotPaused{c.reason}};
          },
          [&](const ResumeCommand& c) -> Result<Events> {
            if (!state.paused) return Events{};
            return Events{BotResumed{c.reason}};
          },
      },
      command);
}

}  // namespace

Result<std::vector<EventPayload>> decide(const StreamState& state, const Command& command,
                                         const PositionConfig& config) {
  if (auto valid = validate(config); !valid) return valid.error();
  try {
    return dispatch(state, command, config);
  } catch (const DecimalError& error) {
    // Overflow is not a business rule: the command fails as a whole and nothing is emitted.
    return make_error("decimal_overflow", error.what());
  }
}

}  // namespace tvbot
