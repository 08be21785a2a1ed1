#pragma once
// A venue's filters for one instrument, and the arithmetic that makes an order obey them.
// Names of the violations follow Binance's filters, which most venues mirror.
#include <string_view>

#include "events/decimal.hpp"
#include "events/result.hpp"

namespace tvbot {

// A zero value means the venue has no such filter.
struct InstrumentRules {
  Price tick_size;    // prices must be whole multiples of it
  Quantity lot_step;  // quantities must be whole multiples of it
  Quantity min_qty;
  Quantity max_qty;
  Money min_notional;  // price * qty, in the quote currency
  bool operator==(const InstrumentRules&) const = default;
};

// The Error codes of check_rules, also used as an OrderReport's reject_reason.
namespace rule_violation {
inline constexpr std::string_view price_filter = "price_filter";
inline constexpr std::string_view min_qty = "min_qty";
inline constexpr std::string_view max_qty = "max_qty";
inline constexpr std::string_view lot_size = "lot_size";
inline constexpr std::string_view min_notional = "min_notional";
}  // namespace rule_violation

// value rounded to a whole multiple of step (step > 0); a zero step leaves value as it is.
// Works on the raw mantissas, which share one scale, so the only rounding is this one.
// Example: round_to_multiple(Price 100.037, tick 0.01, half_even) -> 100.04.
template <class Decimal>
[[nodiscard]] Decimal round_to_multiple(Decimal value, Decimal step, Rounding rounding);

struct RoundedOrder {
  Quantity qty;
  Price price;
  bool operator==(const RoundedOrder&) const = default;
};

// qty down to the lot step (never more than asked), price to the nearest tick (a midpoint
// goes to the even tick). Bounds are not touched: check_rules reports them.
[[nodiscard]] RoundedOrder round_to_rules(Quantity qty, Price price, const InstrumentRules& rules);

// price_filter: the price is positive and a whole number of ticks.
[[nodiscard]] Status check_price(Price price, const InstrumentRules& rules);
// min_qty, max_qty, lot_size (positive quantities only reach here).
[[nodiscard]] Status check_quantity(Quantity qty, const InstrumentRules& rules);
// min_notional: price * qty, compared exactly.
[[nodiscard]] Status check_notional(Quantity qty, Price price, const InstrumentRules& rules);
// All of the above, in the order venues apply them; the first violation is the answer.
[[nodiscard]] Status check_rules(Quantity qty, Price price, const InstrumentRules& rules);

namespace detail {
// numerator / denominator rounded once; denominator > 0.
template <class Rep>
Rep divide_rounded(Rep numerator, Rep denominator, Rounding rounding) {
  const Rep quotient = numerator / denominator;  // truncated toward zero
  const Rep remainder = numerator % denominator;
  if (remainder == 0) return quotient;
  const Rep away = numerator < 0 ? quotient - 1 : quotient + 1;
  switch (rounding) {
    case Rounding::toward_zero: return quotient;
    case Rounding::away_from_zero: return away;
    case Rounding::floor: return numerator < 0 ? away : quotient;
    case Rounding::ceiling: return numerator < 0 ? quotient : away;
    case Rounding::half_even: {
      const Rep distance = remainder < 0 ? -remainder : remainder;
      const Rep rest = denominator - distance;  // no 2*distance: it could overflow
      if (distance != rest) return distance > rest ? away : quotient;
      return quotient % 2 == 0 ? quotient : away;
    }
  }
  return quotient;
}
}  // namespace detail

template <class Decimal>
Decimal round_to_multiple(Decimal value, Decimal step, Rounding rounding) {
  if (!step.is_positive()) return value;
  const auto steps = detail::divide_rounded(value.raw(), step.raw(), rounding);
  return Decimal::from_raw(steps * step.raw());
}

}  // namespace tvbot
