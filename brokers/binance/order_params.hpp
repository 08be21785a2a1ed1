#pragma once
// An OrderRequest made fit for the venue's filters and written as Binance parameters.
//
// Quantities are rounded down to the lot step (never more than asked); a limit price to the
// tick on the side that is never worse than asked (a buy down, a sell up); a stop price to
// the nearest tick. What still breaks LOT_SIZE, PRICE_FILTER or MIN_NOTIONAL / NOTIONAL is
// not sent: the answer is a rejected report saying which rule and by how much.
#include <optional>
#include <variant>

#include "brokers/binance/responses.hpp"
#include "brokers/binance/signing.hpp"
#include "brokers/binance/venue.hpp"
#include "brokers/broker.hpp"

namespace tvbot::binance {

struct OrderParams {
  QueryBuilder params;  // without recvWindow, timestamp, signature
  Quantity qty;         // as sent
  std::optional<Price> price;
  std::optional<Price> stop_price;
};

// `reference_price` prices a market order for the notional check (the last trade price);
// without one, a market order's notional is left to the venue.
// Result: the parameters to send, or the rejected report to return instead.
[[nodiscard]] std::variant<OrderParams, OrderReport> prepare_order(
    const OrderRequest& request, const SymbolInfo& info, Venue venue,
    std::optional<Price> reference_price);

// A report for an order refused before it was sent, or by the venue.
[[nodiscard]] OrderReport rejected_report(const OrderRequest& request, std::string reason,
                                          std::string message);

}  // namespace tvbot::binance
