#pragma once
// Parsers for Binance REST answers (spot /api/v3 and USD-M futures /fapi). Every number is
// read from its text as a decimal. Tested on the documentation's own bodies in test_data/.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "brokers/binance/json_tree.hpp"
#include "brokers/binance/venue.hpp"
#include "brokers/broker.hpp"

namespace tvbot::binance {

// One symbol of exchangeInfo: what filters and fee conversion need.
struct SymbolInfo {
  std::string symbol;
  std::string status;  // "TRADING", "BREAK", ...
  std::string base_asset;
  std::string quote_asset;
  InstrumentRules rules;
  bool operator==(const SymbolInfo&) const = default;
};

// {"code":-1013,"msg":"Filter failure: LOT_SIZE"}
struct ApiError {
  int code = 0;
  std::string msg;
};

[[nodiscard]] Result<std::int64_t> parse_server_time(std::string_view body);

// Filters read: PRICE_FILTER (tickSize), LOT_SIZE (stepSize, minQty, maxQty), MIN_NOTIONAL
// (spot "minNotional", futures "notional") and NOTIONAL (spot "minNotional"). Others
// (PERCENT_PRICE, MARKET_LOT_SIZE, MAX_NUM_ORDERS, ...) are left to the venue.
// Errors: broker_error::unknown_symbol when `symbol` is not in the answer.
[[nodiscard]] Result<SymbolInfo> parse_exchange_info(std::string_view body, std::string_view symbol);

// An order as POST/GET/DELETE .../order return it. `client_order_id` is tvbot's id (the venue
// only knows the mapped one). Spot fills come from the "fills" array of a FULL answer;
// futures answers carry none (see with_trades).
[[nodiscard]] Result<OrderReport> parse_order(const JsonNode& order, Venue venue,
                                              const SymbolInfo& info,
                                              std::string_view client_order_id);
[[nodiscard]] Result<OrderReport> parse_order(std::string_view body, Venue venue,
                                              const SymbolInfo& info,
                                              std::string_view client_order_id);

// The account's trades of one order: spot /api/v3/myTrades, futures /fapi/v1/userTrades.
[[nodiscard]] Result<std::vector<BrokerFill>> parse_trades(std::string_view body, Venue venue,
                                                           const SymbolInfo& info);

// Puts the trades into the report and keeps it honest: while the trades found do not add up
// to the executed quantity (the venue's trade history lags its order state), a "filled"
// report says partially_filled, so that the caller keeps polling rather than closing the
// order with fills missing.
void attach_trades(OrderReport& report, std::vector<BrokerFill> fills);

// A fee in `asset` converted to the quote currency where that is exact: the quote asset as it
// is, the base asset at the fill price. Any other asset (BNB) is kept as it is, with its name.
[[nodiscard]] BrokerFill make_fill(std::string fill_id, Quantity qty, Price price, Money commission,
                                   const std::string& commission_asset, bool is_maker,
                                   const SymbolInfo& info);

[[nodiscard]] std::optional<ApiError> parse_api_error(std::string_view body);

// Spot /api/v3/account "balances" (free, locked); futures /fapi/v2/balance (free =
// availableBalance, locked = balance - availableBalance). Zero balances are left out.
[[nodiscard]] Result<std::vector<Balance>> parse_balances(std::string_view body, Venue venue);

// Futures /fapi/v2/positionRisk: the non-flat ones.
[[nodiscard]] Result<std::vector<BrokerPosition>> parse_positions(std::string_view body);

// /ticker/price: one object or an array of them.
[[nodiscard]] Result<std::vector<SymbolPrice>> parse_prices(std::string_view body);

// Futures /fapi/v1/positionSide/dual: {"dualSidePosition": true} means hedge mode.
[[nodiscard]] Result<bool> parse_dual_side(std::string_view body);

}  // namespace tvbot::binance
