#include "events/protection.hpp"

#include <algorithm>
#include <string>

#include "events/position.hpp"

namespace tvbot {
namespace {

const Price kHundred = Price::from_int(100);

bool is_long(Direction direction) { return direction == Direction::long_; }

// base·(100 + sign·p)/100, rounded once: 30000 with p = 2 and sign −1 is 29400.
Price percent_from(Price base, Price percent, int sign) {
  const Price factor = sign > 0 ? kHundred + percent : kHundred - percent;
  return mul_div<Price>(base, factor, kHundred);
}

// A stop-loss or take-profit: a percent away from `base` (sign −1 below it), or the
// absolute price as given.
Price level_price(const PriceLevel& level, Price base, int sign) {
  return level.percent ? percent_from(base, level.value, sign) : level.value;
}

// A trailing stop: a percent or an absolute distance from the best price.
std::optional<Price> trailing_stop_from(const ProtectionSet& protection, Price best,
                                        Direction direction) {
  if (!protection.trailing) return std::nullopt;
  const PriceLevel& trail = *protection.trailing;
  const int sign = is_long(direction) ? -1 : 1;
  if (trail.percent) return percent_from(best, trail.value, sign);
  return sign > 0 ? best + trail.value : best - trail.value;
}

// The best price the trailing stop hangs from, or nullopt before activation.
std::optional<Price> trailing_best(const ProtectionSet& protection,
                                   const ProtectionProgress& progress,
                                   const SidePosition& position) {
  if (progress.trailing_best) return progress.trailing_best;
  if (protection.trailing_activation) return std::nullopt;
  return position.avg_entry;
}

Error invalid(std::string message) { return make_error("invalid_protection", std::move(message)); }

Status check_level(const PriceLevel& level, std::string_view name, bool below_100) {
  if (!level.value.is_positive()) return invalid(std::string(name) + " must be > 0");
  if (below_100 && level.percent && level.value >= kHundred) {
    return invalid(std::string(name) + " must be below 100%");
  }
  return {};
}

}  // namespace

ProtectionLevels resolve_levels(const ProtectionSet& protection,
                                const ProtectionProgress& progress,
                                const SidePosition& position) {
  ProtectionLevels levels;
  const bool long_ = is_long(position.direction);
  const Price avg = position.avg_entry;
  if (protection.stop_loss) levels.stop_loss = level_price(*protection.stop_loss, avg, long_ ? -1 : 1);
  if (progress.break_even) {
    // The tighter of the two: a long's stop never moves down to break even.
    levels.stop_loss = !levels.stop_loss ? avg
                       : long_           ? std::max(*levels.stop_loss, avg)
                                         : std::min(*levels.stop_loss, avg);
  }
  for (const TakeProfitLevel& tp : protection.take_profits) {
    levels.take_profits.push_back(level_price(tp.level, avg, long_ ? 1 : -1));
  }
  if (auto best = trailing_best(protection, progress, position)) {
    levels.trailing_stop = trailing_stop_from(protection, *best, position.direction);
  }
  return levels;
}

bool stop_hit(Direction direction, Price stop, Price price) {
  return is_long(direction) ? price <= stop : price >= stop;
}

bool take_profit_hit(Direction direction, Price level, Price price) {
  return is_long(direction) ? price >= level : price <= level;
}

std::optional<Price> trailing_best_to_record(const ProtectionSet& protection,
                                             const ProtectionProgress& progress,
                                             const SidePosition& position, Price price,
                                             Ratio record_fraction) {
  if (!protection.trailing) return std::nullopt;
  const bool long_ = is_long(position.direction);
  const auto best = trailing_best(protection, progress, position);
  if (!best) {
    // Not active yet: the tick that reaches the activation price starts the trail there.
    const Price activation = *protection.trailing_activation;
    const bool reached = long_ ? price >= activation : price <= activation;
    return reached ? std::optional<Price>(price) : std::nullopt;
  }
  const bool better = long_ ? price > *best : price < *best;
  if (!better) return std::nullopt;
  const Price old_stop = *trailing_stop_from(protection, *best, position.direction);
  const Price new_stop = *trailing_stop_from(protection, price, position.direction);
  const Price distance = (*best - old_stop).abs();
  const Price moved = (new_stop - old_stop).abs();
  if (moved < mul<Price>(distance, record_fraction)) return std::nullopt;
  return price;
}

bool needs_price_ticks(const StreamState& state) {
  for (PositionSide side : {PositionSide::both, PositionSide::long_side, PositionSide::short_side}) {
    const auto& protection = protection_of(state, side);
    if (position_of(state, side).is_flat() || !protection) continue;
    if (protection->stop_loss || protection->trailing || !protection->take_profits.empty()) {
      return true;
    }
  }
  return false;
}

Status check_protection(const ProtectionSet& protection, Direction direction,
                        std::optional<Price> reference) {
  if (protection.stop_loss) {
    if (auto s = check_level(*protection.stop_loss, "stop-loss", true); !s) return s;
  }
  if (protection.trailing) {
    if (auto s = check_level(*protection.trailing, "trailing distance", true); !s) return s;
  }
  if (protection.trailing_activation && !protection.trailing_activation->is_positive()) {
    return invalid("trailing activation must be > 0");
  }
  for (const TakeProfitLevel& tp : protection.take_profits) {
    // A short's take-profit of 100% or more would sit at or below zero.
    const bool below_100 = direction == Direction::short_;
    if (auto s = check_level(tp.level, "take-profit", below_100); !s) return s;
    if (!tp.fraction.is_positive() || tp.fraction > Ratio::from_int(1)) {
      return invalid("take-profit fraction must be in (0, 1]");
    }
  }
  if (!reference) return {};
  const bool long_ = is_long(direction);
  const std::string at = " the entry price " + reference->to_string();
  if (protection.stop_loss && !protection.stop_loss->percent) {
    const Price stop = protection.stop_loss->value;
    if (long_ ? stop >= *reference : stop <= *reference) {
      return invalid("stop-loss " + stop.to_string() + (long_ ? " is not below" : " is not above") +
                     at);
    }
  }
  for (const TakeProfitLevel& tp : protection.take_profits) {
    if (tp.level.percent) continue;
    const Price level = tp.level.value;
    if (long_ ? level <= *reference : level >= *reference) {
      return invalid("take-profit " + level.to_string() +
                     (long_ ? " is not above" : " is not below") + at);
    }
  }
  return {};
}

void apply_price_observed(StreamState& state, const PriceObserved& event) {
  ProtectionProgress& progress = progress_of(state, event.position_side);
  if (event.trigger == "take_profit") {
    ++progress.take_profits_hit;
    ++progress.take_profits_in_flight;
  } else if (event.trigger == "trailing_moved") {
    progress.trailing_best = event.price;
  }
  // "stop_loss" and "trailing" change nothing here: their exit order, in flight, is what
  // keeps the next ticks from ordering another.
}

void apply_protection_set(StreamState& state, const ProtectionSet& event) {
  protection_of(state, event.position_side) = event;
  // A new ladder starts from its first level; the trail and break-even belong to the
  // position and carry on.
  ProtectionProgress& progress = progress_of(state, event.position_side);
  progress.take_profits_hit = 0;
  progress.take_profits_in_flight = 0;
}

void apply_exit_fill(StreamState& state, PositionSide side, OrderReason reason) {
  if (reason != OrderReason::take_profit) return;
  ProtectionProgress& progress = progress_of(state, side);
  progress.take_profits_in_flight = 0;
  const auto& protection = protection_of(state, side);
  if (protection && protection->break_even_after_first_tp) progress.break_even = true;
}

void apply_order_ended(StreamState& state, std::string_view client_order_id) {
  const PendingOrder* order = find_pending(state, client_order_id);
  if (order == nullptr || order->reason != OrderReason::take_profit || !order->filled.is_zero()) {
    return;
  }
  ProtectionProgress& progress = progress_of(state, order->position_side);
  progress.take_profits_hit -= std::min(progress.take_profits_hit, progress.take_profits_in_flight);
  progress.take_profits_in_flight = 0;
}

void reset_progress(StreamState& state, PositionSide side) {
  progress_of(state, side) = ProtectionProgress{};
}

}  // namespace tvbot
