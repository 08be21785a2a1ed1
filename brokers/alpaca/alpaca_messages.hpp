#pragma once
// Alpaca's Trading API and Market Data API answers, as tvbot reads them. Only the fields
// tvbot uses are kept; the field names are Alpaca's (docs.alpaca.markets/reference).
// Every parser fails with "invalid_response" on a body that does not have them.
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "events/decimal.hpp"
#include "events/result.hpp"

namespace tvbot::alpaca {

// The Order object (POST /v2/orders, GET /v2/orders, GET /v2/orders:by_client_order_id).
struct AlpacaOrder {
  std::string id;
  std::string client_order_id;
  std::string symbol;
  std::string side;           // buy | sell
  std::string type;           // market | limit | stop | stop_limit | trailing_stop
  std::string time_in_force;  // day | gtc | opg | cls | ioc | fok
  std::string status;         // new, accepted, partially_filled, filled, canceled, ...
  std::optional<Quantity> qty;  // null for notional orders
  Quantity filled_qty;
  std::optional<Price> filled_avg_price;  // null until something filled
  std::optional<Price> limit_price;
};

// One entry of GET /v2/positions. qty is as Alpaca sends it; side says long or short.
struct AlpacaPosition {
  std::string symbol;
  std::string side;
  Quantity qty;
  Price avg_entry_price;
};

// GET /v2/account: the parts tvbot reports.
struct AlpacaAccount {
  std::string status;    // ACTIVE when it may trade
  std::string currency;  // USD
  Money cash;
  Money buying_power;
  Money equity;
  bool trading_blocked = false;
};

// GET /v2/assets/{symbol}. The three size fields are documented for crypto only.
struct AlpacaAsset {
  std::string symbol;
  std::string asset_class;  // us_equity | crypto
  std::string status;       // active | inactive
  bool tradable = false;
  bool fractionable = false;
  std::optional<Quantity> min_order_size;
  std::optional<Quantity> min_trade_increment;
  std::optional<Price> price_increment;
};

// GET /v2/clock. Times are kept as Alpaca's text (for messages only).
struct AlpacaClock {
  bool is_open = false;
  std::string timestamp;
  std::string next_open;
  std::string next_close;
};

// The body of a 4xx/5xx: {"code": 40310000, "message": "insufficient buying power"}.
struct AlpacaError {
  std::string code;  // as sent; empty when absent
  std::string message;
};

[[nodiscard]] Result<AlpacaOrder> parse_order(std::string_view json);
[[nodiscard]] Result<std::vector<AlpacaOrder>> parse_orders(std::string_view json);
[[nodiscard]] Result<std::vector<AlpacaPosition>> parse_positions(std::string_view json);
[[nodiscard]] Result<AlpacaAccount> parse_account(std::string_view json);
[[nodiscard]] Result<AlpacaAsset> parse_asset(std::string_view json);
[[nodiscard]] Result<AlpacaClock> parse_clock(std::string_view json);
// GET {data}/v2/stocks/{symbol}/trades/latest: {"symbol":..., "trade":{"p": 172.19, ...}}.
[[nodiscard]] Result<Price> parse_latest_trade(std::string_view json);
// GET {data}/v2/stocks/trades/latest?symbols=...: {"trades":{"AAPL":{"p":...}, ...}}.
[[nodiscard]] Result<std::map<std::string, Price>> parse_latest_trades(std::string_view json);
// Never fails: a body that is not Alpaca's error object gives an empty code and the
// body's first 200 characters as the message.
[[nodiscard]] AlpacaError parse_error(std::string_view json);

}  // namespace tvbot::alpaca
