#include "brokers/instrument_rules.hpp"

#include <string>

namespace tvbot {
namespace {

Error violation(std::string_view code, std::string message) {
  return make_error(std::string(code), std::move(message));
}

bool is_multiple(Quantity value, Quantity step) {
  return !step.is_positive() || value.raw() % step.raw() == 0;
}

}  // namespace

RoundedOrder round_to_rules(Quantity qty, Price price, const InstrumentRules& rules) {
  return RoundedOrder{round_to_multiple(qty, rules.lot_step, Rounding::floor),
                      round_to_multiple(price, rules.tick_size, Rounding::half_even)};
}

Status check_price(Price price, const InstrumentRules& rules) {
  if (!price.is_positive()) {
    return violation(rule_violation::price_filter,
                     "price " + price.to_string() + " is not positive");
  }
  if (rules.tick_size.is_positive() && price.raw() % rules.tick_size.raw() != 0) {
    return violation(rule_violation::price_filter, "price " + price.to_string() +
                                                       " is not a multiple of the tick size " +
                                                       rules.tick_size.to_string());
  }
  return {};
}

Status check_quantity(Quantity qty, const InstrumentRules& rules) {
  if (qty < rules.min_qty || !qty.is_positive()) {
    return violation(
        rule_violation::min_qty,
        "quantity " + qty.to_string() + " is below the minimum " + rules.min_qty.to_string());
  }
  if (rules.max_qty.is_positive() && qty > rules.max_qty) {
    return violation(
        rule_violation::max_qty,
        "quantity " + qty.to_string() + " is above the maximum " + rules.max_qty.to_string());
  }
  if (!is_multiple(qty, rules.lot_step)) {
    return violation(rule_violation::lot_size, "quantity " + qty.to_string() +
                                                   " is not a multiple of the lot step " +
                                                   rules.lot_step.to_string());
  }
  return {};
}

Status check_notional(Quantity qty, Price price, const InstrumentRules& rules) {
  // Rounding the product down is exact for this comparison: min_notional sits on Money's
  // grid, so price * qty >= min_notional exactly when floor(price * qty) >= min_notional.
  const auto notional = mul<Money>(price, qty, Rounding::floor);
  if (notional < rules.min_notional) {
    return violation(rule_violation::min_notional, "notional " + notional.to_string() +
                                                       " is below the minimum " +
                                                       rules.min_notional.to_string());
  }
  return {};
}

Status check_rules(Quantity qty, Price price, const InstrumentRules& rules) {
  if (auto status = check_price(price, rules); !status) return status;
  if (auto status = check_quantity(qty, rules); !status) return status;
  return check_notional(qty, price, rules);
}

}  // namespace tvbot
