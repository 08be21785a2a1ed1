#pragma once
// Which Binance API an adapter talks to, and the paths that differ between them.
#include <string_view>

namespace tvbot::binance {

enum class Venue { spot, usdm_futures };

struct Endpoints {
  std::string_view time;
  std::string_view exchange_info;
  std::string_view order;
  std::string_view open_orders;
  std::string_view trades;  // the account's trades of one order (fills with commission)
  std::string_view ticker_price;
  std::string_view account;  // spot: balances; futures: /fapi/v2/balance
  std::string_view positions;  // futures only
  std::string_view position_mode;  // futures only: hedge (dual side) or one-way
};

[[nodiscard]] constexpr Endpoints endpoints_of(Venue venue) {
  if (venue == Venue::spot) {
    return {"/api/v3/time", "/api/v3/exchangeInfo", "/api/v3/order", "/api/v3/openOrders",
            "/api/v3/myTrades", "/api/v3/ticker/price", "/api/v3/account", "", ""};
  }
  return {"/fapi/v1/time", "/fapi/v1/exchangeInfo", "/fapi/v1/order", "/fapi/v1/openOrders",
          "/fapi/v1/userTrades", "/fapi/v1/ticker/price", "/fapi/v2/balance",
          "/fapi/v2/positionRisk", "/fapi/v1/positionSide/dual"};
}

// Published base URLs (README: "Binance").
inline constexpr std::string_view kSpotProductionUrl = "https://api.binance.com";
inline constexpr std::string_view kSpotTestnetUrl = "https://testnet.binance.vision";
inline constexpr std::string_view kSpotDemoUrl = "https://demo-api.binance.com";
inline constexpr std::string_view kFuturesProductionUrl = "https://fapi.binance.com";
inline constexpr std::string_view kFuturesTestnetUrl = "https://testnet.binancefuture.com";
inline constexpr std::string_view kFuturesDemoUrl = "https://demo-fapi.binance.com";

}  // namespace tvbot::binance
