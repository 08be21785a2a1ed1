#pragma once
// What the position aggregate is asked to do. Commands carry the time and the prices the
// decision needs, so decide() stays pure: no clock, no price feed.
#include <cstdint>
#include <optional>
#include <string>
#include <variant>

#include "events/decimal.hpp"
#include "events/event_types.hpp"

namespace tvbot {

// An alert already recorded as AlertReceived at stream seq `alert_seq`.
struct SignalCommand {
  Signal signal;
  std::uint64_t alert_seq = 0;
  Timestamp now = 0;
  std::optional<Price> mark_price;  // sizing falls back to it when the alert has no price
  std::optional<Money> equity;      // for percent-of-equity sizing
};

// A fill reported by the broker (or found by reconciliation).
struct FillCommand {
  OrderFilled fill;
  Timestamp now = 0;
};

struct OrderAcceptedCommand {
  OrderAccepted accepted;
  Timestamp now = 0;
};

struct OrderRejectedCommand {
  OrderRejected rejected;
  Timestamp now = 0;
};

struct OrderCancelledCommand {
  OrderCancelled cancelled;
  Timestamp now = 0;
};

struct PauseCommand {
  std::string reason;
  Timestamp now = 0;
};

struct ResumeCommand {
  std::string reason;
  Timestamp now = 0;
};

// Close a position outside any alert: an operator (reason manual), or later the monitor
// (stop_loss / take_profit / trailing). `both` closes everything open: the net position in
// one-way mode, both legs in hedge mode. Allowed while paused: pausing must not trap a position.
struct ManualCloseCommand {
  PositionSide position_side = PositionSide::both;
  OrderReason reason = OrderReason::manual;
  Timestamp now = 0;
};

// The last price of the stream's instrument, from the monitor. decide() checks every open
// side's protection against it (events/protection.hpp) and may order one protective exit.
struct PriceTickCommand {
  Price price;
  Timestamp now = 0;
};

using Command = std::variant<SignalCommand, FillCommand, OrderAcceptedCommand,
                             OrderRejectedCommand, OrderCancelledCommand, PauseCommand,
                             ResumeCommand, ManualCloseCommand, PriceTickCommand>;

}  // namespace tvbot
