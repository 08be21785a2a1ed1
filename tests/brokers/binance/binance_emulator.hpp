#pragma once
// A Binance REST emulator for tests: spot (/api/v3) or USD-M futures (/fapi), over plain
// HTTP on loopback (tvbot::http::Server), speaking the documented wire format.
//
// It checks what the venue checks, in the venue's order: the X-MBX-APIKEY header (-2015),
// the HMAC-SHA256 signature over the exact query string + body (-1022), timestamp and
// recvWindow against its own clock (-1021), the parameters (-1102, -1100 for a client id
// outside ^[\.A-Z\:/a-z0-9_-]{1,36}$), the symbol (-1121), then the filters LOT_SIZE,
// PRICE_FILTER, MIN_NOTIONAL / NOTIONAL (-1013 "Filter failure: ..."), balances (-2010) and,
// on futures, the position side against the account's mode (-4061).
//
// It keeps orders (market fill at once at the current price; limit and stop rest until the
// price crosses), trades with commission, spot balances, futures positions (one-way or hedge).
//
// Faults on demand: a clock skew (-> -1021), 429 with Retry-After, 418 (ban), a 5xx after
// the order was placed, a 5xx before it was, a used-weight figure to report.
// Every method is thread-safe.
#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "brokers/binance/venue.hpp"
#include "events/decimal.hpp"

namespace tvbot::binance::testing {

struct EmulatorSymbol {
  std::string symbol;
  std::string base;
  std::string quote;
  Price tick;
  Quantity step;
  Quantity min_qty;
  Quantity max_qty;
  Money min_notional;
  Price price;  // the current (last trade) price
};

struct EmulatedOrder {
  std::int64_t order_id = 0;
  std::string client_order_id;  // as the venue holds it (the mapped id)
  std::string symbol;
  std::string side;           // BUY / SELL
  std::string type;           // MARKET, LIMIT, STOP_LOSS, STOP_MARKET, ...
  std::string position_side;  // futures: BOTH / LONG / SHORT
  std::string status;         // NEW, FILLED, CANCELED
  Quantity qty;
  Quantity executed;
  Price price;
  Price stop_price;
  Money quote_spent;  // sum of fill qty * price
  bool reduce_only = false;
};

struct EmulatorStats {
  int requests = 0;             // every HTTP request received
  int order_posts = 0;          // POST .../order that passed authentication
  int orders_placed = 0;        // orders that entered the book
  int filter_failures = 0;      // -1013 answers: an order that broke a filter reached the venue
  int timestamp_rejections = 0; // -1021 answers
  int signature_failures = 0;
};

class BinanceEmulator {
 public:
  BinanceEmulator(Venue venue, std::string api_key, std::string api_secret);
  ~BinanceEmulator();
  BinanceEmulator(const BinanceEmulator&) = delete;
  BinanceEmulator& operator=(const BinanceEmulator&) = delete;

  [[nodiscard]] std::string base_url() const;  // "http://127.0.0.1:<port>"

  void add_symbol(EmulatorSymbol symbol);
  void set_price(const std::string& symbol, Price price);  // may fill resting orders
  void set_balance(const std::string& asset, Money amount);  // spot free balance; futures wallet
  void set_hedge_mode(bool hedge);
  void set_taker_fee_rate(Ratio rate);  // default 0.001 (0.1 %)

  // --- faults ---
  void set_clock_skew(std::chrono::milliseconds skew);  // the venue's clock = ours + skew
  void answer_429(int count, int retry_after_seconds);
  void answer_418(int retry_after_seconds);  // every request until then is 418
  void fail_next_order_after_placing(unsigned status = 503);
  void fail_next_order_before_placing(unsigned status = 503);
  // The next order is placed at once but answered only after `delay` (a client timeout).
  void delay_next_order_answer(std::chrono::milliseconds delay);
  void report_used_weight(int weight);  // X-MBX-USED-WEIGHT-1M from now on

  // --- observation ---
  [[nodiscard]] EmulatorStats stats() const;
  [[nodiscard]] std::vector<EmulatedOrder> orders() const;
  [[nodiscard]] Money balance(const std::string& asset) const;
  // Signed futures position amount of (symbol, BOTH/LONG/SHORT).
  [[nodiscard]] Quantity position(const std::string& symbol, const std::string& side) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace tvbot::binance::testing
