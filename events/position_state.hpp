#pragma once
// The state of one stream ("bot/instrument") as folded from its events: positions,
// orders in flight, fill ids already applied, P&L totals. Built only by evolve().
#include <cstdint>
#include <optional>
#include <string>
#include <unordered_set>
#include <vector>

#include "events/decimal.hpp"
#include "events/event_types.hpp"

namespace tvbot {

// Realized profit and loss kept apart from fees: net is always gross minus every fee.
struct PnlTotals {
  Money realized_gross;
  Money fees;

  Money realized_net() const { return realized_gross - fees; }
  bool operator==(const PnlTotals&) const = default;
};

// One position of an instrument: the net position in one-way mode, or one of the two
// legs in hedge mode. Flat means qty 0, avg_entry 0, cost_basis 0 and entries 0.
struct SidePosition {
  Direction direction = Direction::long_;
  Quantity qty;  // magnitude; the sign lives in `direction`
  Price avg_entry;
  // Exact Σ(qty·price) of the open quantity, so the average rounds once, not once per entry.
  // After a reduction the rest is carried at the booked average: remaining_qty·avg_entry.
  Notional cost_basis;
  std::uint32_t entries = 0;  // entry fills in the current cycle (pyramid count)
  std::uint32_t cycle = 0;    // 1 for the first position opened from flat, +1 per reopening
  // The current cycle (or, once flat, the last one): gross realized and every fee paid.
  Money cycle_realized_gross;
  Money cycle_fees;
  PnlTotals lifetime;  // every cycle of this side

  static SidePosition flat(Direction direction) {
    SidePosition position;
    position.direction = direction;
    return position;
  }
  bool is_flat() const { return qty.is_zero(); }
  Quantity signed_qty() const { return direction == Direction::long_ ? qty : -qty; }
  Money cycle_realized_net() const { return cycle_realized_gross - cycle_fees; }
  bool operator==(const SidePosition&) const = default;
};

// An order tvbot requested and has not yet seen completed, rejected or cancelled.
struct PendingOrder {
  std::string client_order_id;
  std::string broker_order_id;  // once accepted
  Side side = Side::buy;
  PositionSide position_side = PositionSide::both;
  Quantity qty;     // requested
  Quantity filled;  // so far, over all partial fills
  OrderReason reason = OrderReason::signal;
  bool reduce_only = false;

  Quantity remaining() const { return qty - filled; }
  bool operator==(const PendingOrder&) const = default;
};

// How far the protection of one open position has got; reset when the position opens or
// closes. Changed only by events (PriceObserved, fills, rejections), so a replay restores it.
struct ProtectionProgress {
  std::uint32_t take_profits_hit = 0;        // levels triggered, in ladder order
  std::uint32_t take_profits_in_flight = 0;  // of those, levels whose exit has not filled yet
  bool break_even = false;                   // stop moved to the average entry
  std::optional<Price> trailing_best;        // best price recorded ("trailing_moved")
  bool operator==(const ProtectionProgress&) const = default;
};

struct StreamState {
  std::string stream;
  std::uint64_t version = 0;  // stream seq of the last event applied
  bool paused = false;
  SidePosition net;         // one-way mode
  SidePosition long_side = SidePosition::flat(Direction::long_);    // hedge mode
  SidePosition short_side = SidePosition::flat(Direction::short_);  // hedge mode
  std::vector<PendingOrder> pending;  // in request order; a handful at most
  // Every fill id ever applied to this stream. Not bounded on purpose: a broker may redeliver
  // an old fill during reconciliation, and dropping ids would make that fill count twice.
  // It grows with the stream's fills (each of which already costs two or more log events),
  // snapshots carry it, and a lookup is O(1).
  std::unordered_set<std::string> seen_fill_ids;
  PnlTotals totals;  // all sides, all cycles
  // The last protection set per position side; the monitor resolves percent levels.
  std::optional<ProtectionSet> protection_net;
  std::optional<ProtectionSet> protection_long;
  std::optional<ProtectionSet> protection_short;
  ProtectionProgress progress_net;
  ProtectionProgress progress_long;
  ProtectionProgress progress_short;

  bool operator==(const StreamState&) const = default;
};

SidePosition& position_of(StreamState& state, PositionSide side);
const SidePosition& position_of(const StreamState& state, PositionSide side);
std::optional<ProtectionSet>& protection_of(StreamState& state, PositionSide side);
const std::optional<ProtectionSet>& protection_of(const StreamState& state, PositionSide side);
ProtectionProgress& progress_of(StreamState& state, PositionSide side);
const ProtectionProgress& progress_of(const StreamState& state, PositionSide side);
const PendingOrder* find_pending(const StreamState& state, std::string_view client_order_id);

}  // namespace tvbot
