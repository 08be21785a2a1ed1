#pragma once
// What a bot does with a signal on one instrument: how much to trade, how far to pyramid,
// how large a position may grow, and the protective exits. Set in [bots.defaults] and
// overridden per instrument.
#include <cstdint>
#include <optional>
#include <variant>
#include <vector>

#include "events/decimal.hpp"
#include "events/event_types.hpp"

namespace tvbot::config {

// The alert's own quantity ({{strategy.order.contracts}}); an alert without one is rejected.
struct QuantityFromAlert {
  bool operator==(const QuantityFromAlert&) const = default;
};
struct FixedQuantity {
  Quantity qty;
  bool operator==(const FixedQuantity&) const = default;
};
// Spend this much quote currency (USDT for BTCUSDT) at the current price.
struct QuoteAmount {
  Money amount;
  bool operator==(const QuoteAmount&) const = default;
};
// This share of account equity, 0 < percent <= 100.
struct EquityPercent {
  Ratio percent;
  bool operator==(const EquityPercent&) const = default;
};

using Sizing = std::variant<QuantityFromAlert, FixedQuantity, QuoteAmount, EquityPercent>;

struct TradingRules {
  Sizing sizing;                         // default: from the alert
  std::uint32_t max_entries = 1;         // open entries in one direction (pyramiding)
  std::optional<Quantity> max_position;  // absolute size cap; absent: none
  std::optional<PriceLevel> stop_loss;   // "2%" of the entry, or "27000" absolute
  std::optional<PriceLevel> take_profit;
  std::optional<PriceLevel> trailing;  // distance: "1.5%" or "300"
  // Partial take-profits, used when neither the alert nor take_profit names a level:
  // take_profits = [{ level = "1%", fraction = "0.5" }, { level = "2%", fraction = "0.5" }]
  std::vector<TakeProfitLevel> take_profits;
  std::optional<Price> trailing_activation;  // trailing starts once the price reaches it
  bool break_even_after_first_tp = false;
  bool operator==(const TradingRules&) const = default;
};

}  // namespace tvbot::config
