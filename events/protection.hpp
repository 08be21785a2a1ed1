#pragma once
// Stop-loss, take-profit ladder and trailing stop of an open position: the price levels
// they mean right now, and how the events that record their progress change the state.
// decide() for a PriceTickCommand (position_tick.cpp) is built from these.
//
// Levels. Percent levels are relative to the position's CURRENT average entry, so a
// pyramid entry re-bases them: long at 30000 with sl 2% stops at 29400; after a second
// entry moves the average to 31000 it stops at 30380. Absolute levels stay as given.
// Prices round once, half-to-even, at the Price scale (10 decimals).
//   long : stop = avg·(100−p)/100   take-profit = avg·(100+p)/100   trailing = best·(100−p)/100 or best−d
//   short: stop = avg·(100+p)/100   take-profit = avg·(100−p)/100   trailing = best·(100+p)/100 or best+d
// A long's stop is hit at price <= stop, its take-profit at price >= level (short mirrored).
// Break-even: once an exit of the first take-profit fills (and the protection asks for it)
// the stop moves to the average entry, or stays where it is if that is already tighter.
//
// Trailing. "best" is the best price since the entry (the average entry until one is
// recorded) or, with an activation price, since the price first reached it (nothing trails
// before). The best is state only once recorded as PriceObserved "trailing_moved", so a
// replay restores exactly the stop the live actor had. Recording every new high would write
// an event per tick in a steady rise; instead a new best is recorded when it moves the stop
// by at least `trailing_record_fraction` of the trailing distance (default 0.1). Example:
// trail 1% from best 30000 (stop 29700, distance 300): 30020 moves the stop by 19.8 < 30,
// not recorded; 30031 moves it 30.69 >= 30, recorded. The stop therefore lags the true best
// by less than a tenth of its distance, and a rise of N distances costs at most 10·N events.
// A tick at a new best never triggers (it is above its own stop), so the unrecorded part
// only matters for later ticks, which see the recorded best.
#include <optional>
#include <vector>

#include "events/decimal.hpp"
#include "events/event_types.hpp"
#include "events/position_state.hpp"
#include "events/result.hpp"

namespace tvbot {

struct ProtectionLevels {
  std::optional<Price> stop_loss;      // break-even included
  std::optional<Price> trailing_stop;  // nullopt: no trailing, or not yet activated
  std::vector<Price> take_profits;     // the whole ladder, in order
};

// Throws DecimalError only on overflow.
ProtectionLevels resolve_levels(const ProtectionSet& protection,
                                const ProtectionProgress& progress,
                                const SidePosition& position);

bool stop_hit(Direction direction, Price stop, Price price);
bool take_profit_hit(Direction direction, Price level, Price price);

// The best price to record as "trailing_moved" after this tick, if any (see above).
std::optional<Price> trailing_best_to_record(const ProtectionSet& protection,
                                             const ProtectionProgress& progress,
                                             const SidePosition& position, Price price,
                                             Ratio record_fraction);

// True when some open side has protection: the monitor should send this stream ticks.
bool needs_price_ticks(const StreamState& state);

// Nonsense refused before an entry is ordered ("invalid_protection"): non-positive levels,
// percent stops and trails of 100% or more, take-profit fractions outside (0, 1], and, when
// the entry's price is known (the alert's price or the mark), absolute levels on the wrong
// side of it (a long's stop at or above it, its take-profit at or below it).
[[nodiscard]] Status check_protection(const ProtectionSet& protection, Direction direction,
                                      std::optional<Price> reference);

// evolve() rules: the progress follows PriceObserved, exits that fill and exits that end
// unfilled; it starts afresh whenever the side opens or closes.
void apply_price_observed(StreamState& state, const PriceObserved& event);
void apply_protection_set(StreamState& state, const ProtectionSet& event);
void apply_exit_fill(StreamState& state, PositionSide side, OrderReason reason);
// Before the order leaves `pending`: a take-profit exit that ended without any fill
// re-arms the levels it was ordered for, so the next tick tries them again.
void apply_order_ended(StreamState& state, std::string_view client_order_id);
void reset_progress(StreamState& state, PositionSide side);

}  // namespace tvbot
