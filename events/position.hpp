#pragma once
// The position aggregate: one per stream ("bot/instrument"), written as a Decider.
//   initial_state(stream)              the state before any event
//   decide(state, command, config)     the events a command produces, or an Error
//   evolve(state, event)               the state after one event; it only applies what
//                                      decide computed (P&L, averages, cycle totals)
// A business refusal is an AlertRejected event; a repeat (a fill id seen before, a second
// pause) is an empty vector; an Error means a malformed command or a decimal overflow
// ("decimal_overflow"), and nothing is emitted.
//
// Signals in one-way mode follow TradingView's strategy.entry: buy/long while short is ONE
// order of short_qty + qty that closes the short and opens qty long (sell/short mirrors).
// Hedge mode keeps a long and a short leg per instrument; buy/long adds to the long leg,
// sell/short to the short leg, close/flat closes both with one order per leg.
// A signal with target_position ({{strategy.position_size}}) ignores the action and orders
// the difference between the target and the position including orders still in flight.
//
// Further rules, each tested:
// - Entries count orders, not fills (a partly filled order is one entry). max_entries and
//   max_position count orders in flight; a reversal starts a new position at entry 1.
// - An alert qty is the size of the NEW position, not of the order (TradingView's
//   {{strategy.order.contracts}} on a reversal is close + open; such bots should use sync).
// - A close with an alert qty below the open quantity closes that much (lot-step rounded);
//   otherwise it closes exactly what is open.
// - A fill of an unknown client order id (reconciliation) is applied, with reason sync.
// - Hedge legs never turn around: a fill larger than its leg is Error fill_exceeds_position.
// - Entry orders (and sync orders that open) also emit ProtectionSet for their side when
//   the alert or the config names a stop-loss, take-profit or trailing level (a pyramid
//   entry changes only the levels its alert names, keeping the others); an entry that
//   opens a new position without any clears the old one (an empty ProtectionSet). Absolute
//   levels on the wrong side of the entry's known price reject the alert (invalid_protection).
// - A PriceTickCommand checks the protection of every open side: see events/protection.hpp.
#include <optional>
#include <string>
#include <vector>

#include "events/commands.hpp"
#include "events/decimal.hpp"
#include "events/event_types.hpp"
#include "events/position_state.hpp"
#include "events/result.hpp"
#include "events/sizing.hpp"

namespace tvbot {

enum class PositionMode : std::uint8_t { one_way, hedge };

// Protection applied to every entry unless the alert carries its own level (field by field).
struct ProtectionDefaults {
  std::optional<PriceLevel> stop_loss;
  std::optional<PriceLevel> take_profit;
  std::optional<PriceLevel> trailing;
  // A ladder of partial take-profits, used when neither the alert nor `take_profit` names
  // one. An alert's `tp` replaces the whole ladder with one level that closes everything.
  std::vector<TakeProfitLevel> take_profits;
  std::optional<Price> trailing_activation;
  bool break_even_after_first_tp = false;
  bool operator==(const ProtectionDefaults&) const = default;
};

struct PositionConfig {
  PositionMode mode = PositionMode::one_way;
  std::uint32_t max_entries = 1;          // pyramiding limit per position, >= 1
  std::optional<Quantity> max_position;   // on the absolute size, orders in flight included
  SizingRule sizing;
  Quantity lot_step;                      // entry quantities round down to it; 0 = none
  ProtectionDefaults protection;
  // A trailing stop's best price is recorded (PriceObserved "trailing_moved") only when the
  // stop moves by at least this share of the trailing distance; see events/protection.hpp.
  Ratio trailing_record_fraction = Ratio::from_raw(1'000'000'000);  // 0.1
  bool operator==(const PositionConfig&) const = default;
};

Status validate(const PositionConfig& config);

StreamState initial_state(std::string stream);

[[nodiscard]] Result<std::vector<EventPayload>> decide(const StreamState& state,
                                                       const Command& command,
                                                       const PositionConfig& config);

// In place, for folding long streams; the stream seq of the event becomes the version.
// Debug builds assert check_invariants after every event.
void evolve_in_place(StreamState& state, const Event& event);
[[nodiscard]] StreamState evolve(StreamState state, const Event& event);

// (mark - avg_entry)·qty·direction, rounded once half-even; fees left out. 0 when flat.
// Throws DecimalError only on overflow.
Money unrealized_pnl(const SidePosition& position, Price mark);

// Side matches sign, flat means zero qty and no average, totals add up, orders in flight
// have something left. An Error names the first broken rule.
[[nodiscard]] Status check_invariants(const StreamState& state);

// "<stream>:<seq>": the client order id of the OrderRequested stored at `seq`.
std::string make_client_order_id(std::string_view stream, std::uint64_t seq);

}  // namespace tvbot
