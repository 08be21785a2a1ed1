#pragma once
// Helpers shared by the decide() translation units. Not part of the public API.
#include <cstdint>
#include <string>
#include <vector>

#include "events/position.hpp"

namespace tvbot::position_detail {

using Events = std::vector<EventPayload>;

template <class... Fs>
struct Overloaded : Fs... {
  using Fs::operator()...;
};
template <class... Fs>
Overloaded(Fs...) -> Overloaded<Fs...>;

inline Direction direction_of(Side side) {
  return side == Side::buy ? Direction::long_ : Direction::short_;
}
inline Side opening_side(Direction direction) {
  return direction == Direction::long_ ? Side::buy : Side::sell;
}
inline Side closing_side(Direction direction) {
  return direction == Direction::long_ ? Side::sell : Side::buy;
}
inline PositionSide leg_of(Direction direction) {
  return direction == Direction::long_ ? PositionSide::long_side : PositionSide::short_side;
}
inline Quantity signed_qty(Side side, Quantity qty) { return side == Side::buy ? qty : -qty; }

// The events decide() returns, numbered as they will be stored: the i-th payload gets
// stream seq state.version + 1 + i, which is also what its client order id says.
class Emitter {
 public:
  explicit Emitter(const StreamState& state) : state_(state) {}

  std::uint64_t next_seq() const { return state_.version + 1 + events_.size(); }
  const StreamState& state() const { return state_; }
  void emit(EventPayload payload) { events_.push_back(std::move(payload)); }
  void order(Side side, Quantity qty, PositionSide position_side, OrderReason reason,
             bool reduce_only);
  void reject(std::uint64_t alert_seq, std::string reason, std::string message);
  Events take() { return std::move(events_); }

 private:
  const StreamState& state_;
  Events events_;
};

// Signed quantity of the orders in flight for one position side (buy +, sell -).
Quantity signed_in_flight(const StreamState& state, PositionSide position_side);
// Signed position after every order in flight fills as requested.
Quantity projected_signed(const StreamState& state, PositionSide position_side);
// Orders in flight that would open or add to a `direction` position.
std::uint32_t entries_in_flight(const StreamState& state, PositionSide position_side,
                                Direction direction);

Result<Events> decide_signal(const StreamState& state, const SignalCommand& command,
                             const PositionConfig& config);
Result<Events> decide_fill(const StreamState& state, const FillCommand& command,
                           const PositionConfig& config);
Result<Events> decide_tick(const StreamState& state, const PriceTickCommand& command,
                           const PositionConfig& config);
Result<Events> decide_manual_close(const StreamState& state, const ManualCloseCommand& command,
                                   const PositionConfig& config);
// What a close asks for: one position side, optionally only if it points one way
// (close_long in one-way mode closes the net position only when it is long).
struct CloseRequest {
  PositionSide position_side = PositionSide::both;
  std::optional<Direction> only;
};
// close/flat -> both; close_long -> long_side; close_short -> short_side.
std::vector<CloseRequest> close_requests(PositionMode mode, PositionSide requested);

enum class CloseOutcome { ordered, nothing_open, zero_quantity };
// One reduce-only order per open side (orders in flight count). `partial` caps each order;
// a capped quantity rounds down to the lot step, a full close is exact.
CloseOutcome close_positions(const StreamState& state, const std::vector<CloseRequest>& requests,
                             OrderReason reason, std::optional<Quantity> partial,
                             Quantity lot_step, Emitter& out);

}  // namespace tvbot::position_detail
