#pragma once
// How many units an entry signal buys or sells. Pure: prices and equity come in as input.
//
// Which quantity wins: an explicit alert qty always wins, except when the rule is fixed_qty
// with ignore_alert_qty set (a bot that must trade one size whatever the alert says).
// Every computed quantity is rounded DOWN to the lot step: never buy more than asked.
#include <optional>

#include "events/decimal.hpp"
#include "events/result.hpp"

namespace tvbot {

struct SizingRule {
  enum class Kind { fixed_qty, from_alert, quote_amount, percent_of_equity };
  Kind kind = Kind::from_alert;
  Quantity fixed_qty;
  Money quote_amount;  // in the quote currency, e.g. 100 USDT per entry
  Ratio percent;       // of equity, in percent: 2 means 2 %
  bool ignore_alert_qty = false;  // fixed_qty only
  bool operator==(const SizingRule&) const = default;
};

struct SizingInput {
  std::optional<Quantity> alert_qty;
  std::optional<Price> price;  // the alert's price, else the mark price
  std::optional<Money> equity;
};

// Largest multiple of `step` not above `qty` (qty >= 0). A zero step means no rounding.
Quantity round_down_to_step(Quantity qty, Quantity step);

// The entry quantity, or an Error whose code is the AlertRejected reason:
// missing_qty, missing_price, missing_equity, invalid_quantity (negative), zero_quantity.
// Throws DecimalError only on overflow (decide turns it into decimal_overflow).
Result<Quantity> size_entry(const SizingRule& rule, const SizingInput& input, Quantity lot_step);

}  // namespace tvbot
