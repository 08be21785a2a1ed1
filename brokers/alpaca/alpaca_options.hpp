#pragma once
// What an AlpacaBroker needs to know: where Alpaca is, who we are, and what to do with an
// order that arrives while the US stock market is closed.
#include <chrono>
#include <cstddef>
#include <string>

#include "http/client/web_client.hpp"

namespace tvbot::alpaca {

inline constexpr const char* kPaperTradingUrl = "https://paper-api.alpaca.markets";
inline constexpr const char* kLiveTradingUrl = "https://api.alpaca.markets";
// Market data (latest trades) lives on its own host, for paper and live accounts alike.
inline constexpr const char* kMarketDataUrl = "https://data.alpaca.markets";

enum class OutsideMarketHours : std::uint8_t {
  // GET /v2/clock before each placement; a closed market is a rejected report
  // ("market_closed"), nothing is sent.
  reject,
  // Send the order as Alpaca documents for this case: a market or limit order with
  // time_in_force "day" that arrives while the market is closed is queued by Alpaca for
  // the next session's open. tvbot's gateway keeps polling it until it fills.
  queue,
};

struct AlpacaOptions {
  std::string base_url = kPaperTradingUrl;
  std::string data_base_url = kMarketDataUrl;
  std::string api_key_id;      // sent as APCA-API-KEY-ID, never logged
  std::string api_secret_key;  // sent as APCA-API-SECRET-KEY, never logged
  OutsideMarketHours outside_market_hours = OutsideMarketHours::reject;
  http::WebClientOptions http;  // timeouts, ca_file (tests), connection pool
  // Alpaca allows 200 requests a minute per account; tvbot spends at most this many and
  // answers "unavailable" beyond (the gateway backs off) rather than collect 429s.
  std::size_t max_requests_per_minute = 200;
  // After a 429 without a usable X-Ratelimit-Reset header, calls wait this long.
  std::chrono::milliseconds rate_limit_pause{1000};
};

}  // namespace tvbot::alpaca
