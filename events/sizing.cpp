#include "events/sizing.hpp"

namespace tvbot {
namespace {

Result<Quantity> raw_size(const SizingRule& rule, const SizingInput& input) {
  using Kind = SizingRule::Kind;
  const bool alert_qty_wins = !(rule.kind == Kind::fixed_qty && rule.ignore_alert_qty);
  if (input.alert_qty && alert_qty_wins) return *input.alert_qty;

  switch (rule.kind) {
    case Kind::fixed_qty:
      return rule.fixed_qty;
    case Kind::from_alert:
      return make_error("missing_qty", "sizing is from_alert and the alert has no qty");
    case Kind::quote_amount:
      if (!input.price) return make_error("missing_price", "quote sizing needs a price");
      if (!input.price->is_positive()) return make_error("missing_price", "price must be > 0");
      return div<Quantity>(rule.quote_amount, *input.price, Rounding::toward_zero);
    case Kind::percent_of_equity: {
      if (!input.price) return make_error("missing_price", "percent sizing needs a price");
      if (!input.price->is_positive()) return make_error("missing_price", "price must be > 0");
      if (!input.equity) return make_error("missing_equity", "percent sizing needs equity");
      // qty = equity·percent/100/price, rounded down once. floor(floor(x)/100) == floor(x/100)
      // for x >= 0, so truncating the raw mantissa by 100 keeps the single rounding:
      // 1000 USDT · 2 / 25000 = 0.08 (as 8000000 raw) -> 80000 raw = 0.0008.
      const auto hundredfold = mul_div<Quantity>(*input.equity, rule.percent, *input.price,
                                                 Rounding::toward_zero);
      return Quantity::from_raw(hundredfold.raw() / 100);
    }
  }
  return make_error("invalid_config", "unknown sizing kind");
}

}  // namespace

Quantity round_down_to_step(Quantity qty, Quantity step) {
  if (!step.is_positive()) return qty;
  return Quantity::from_raw(qty.raw() - qty.raw() % step.raw());
}

Result<Quantity> size_entry(const SizingRule& rule, const SizingInput& input, Quantity lot_step) {
  auto sized = raw_size(rule, input);
  if (!sized) return sized;
  if (sized->is_negative()) return make_error("invalid_quantity", "quantity is negative");
  const Quantity qty = round_down_to_step(*sized, lot_step);
  if (qty.is_zero()) return make_error("zero_quantity", "quantity rounds to zero");
  return qty;
}

}  // namespace tvbot
