#pragma once
// A local Alpaca for tests: the Trading API v2 and the latest-trade endpoints of the Market
// Data API on one loopback TestWebServer, speaking Alpaca's documented wire format.
//
// It checks what Alpaca checks: the APCA-API-KEY-ID / APCA-API-SECRET-KEY headers (401),
// the order's symbol, qty (positive decimal string or number), side, type, time_in_force,
// limit_price (required for limit orders, no sub-penny above $1), fractional quantities
// (fractionable assets, market orders, time_in_force day only), client_order_id (at most
// 128 characters, unique: 422), buying power, shares available to sell and the $1 minimum
// (403). It keeps orders, positions and cash, and a market clock tests open and close:
// market orders fill at the current price while the market is open; day orders that
// arrive while it is closed wait for the open; limit orders fill when the price reaches
// them. The POST answer shows the order as accepted, before it filled, as Alpaca does.
//
// Faults (inject): answer a request with another status (429, 500, 403, ...), before or
// after really handling it (a 500 after the order was placed), and/or after a delay (longer
// than the client's read timeout: a timeout whose order did land).
#include <chrono>
#include <deque>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "events/decimal.hpp"
#include "tests/support/test_web_server.hpp"

namespace tvbot::alpaca::testing {

using test_support::TestRequest;
using test_support::TestResponse;

inline constexpr const char* kKeyId = "PKEMULATORKEY0000001";
inline constexpr const char* kSecretKey = "emulator-secret-do-not-log-0123456789";

struct EmulatorAsset {
  std::string symbol;
  Price price;
  bool fractionable = true;
  bool tradable = true;
};

struct EmulatorFault {
  std::string method;  // "POST"
  std::string path;    // a prefix of the request target, e.g. "/v2/orders"
  unsigned status = 500;
  std::string body = R"({"code":50010000,"message":"internal server error"})";
  http::HeaderList headers;
  bool handle_first = false;           // do the real work (place the order), then answer `status`
  bool real_answer = false;            // with handle_first: send the real answer (after `delay`)
  std::chrono::milliseconds delay{0};  // wait before answering
  int times = 1;

  // Builders, so that tests read "on POST /v2/orders answer 500 after handling it".
  [[nodiscard]] static EmulatorFault on(std::string method, std::string path, unsigned status = 500) {
    EmulatorFault fault;
    fault.method = std::move(method);
    fault.path = std::move(path);
    fault.status = status;
    return fault;
  }
  [[nodiscard]] EmulatorFault with_body(std::string text) const {
    EmulatorFault fault = *this;
    fault.body = std::move(text);
    return fault;
  }
  [[nodiscard]] EmulatorFault with_headers(http::HeaderList list) const {
    EmulatorFault fault = *this;
    fault.headers = std::move(list);
    return fault;
  }
  [[nodiscard]] EmulatorFault after_handling() const {
    EmulatorFault fault = *this;
    fault.handle_first = true;
    return fault;
  }
  // Handles the request for real and sends the real answer, but only after `wait`.
  [[nodiscard]] EmulatorFault real_answer_after(std::chrono::milliseconds wait) const {
    EmulatorFault fault = *this;
    fault.handle_first = true;
    fault.real_answer = true;
    fault.delay = wait;
    return fault;
  }
};

struct EmulatorOrder {
  std::string id;
  std::string client_order_id;
  std::string symbol;
  std::string side;
  std::string type;
  std::string time_in_force;
  std::string status;
  Quantity qty;
  Quantity filled_qty;
  Price filled_avg_price;
  std::optional<Price> limit_price;
};

class AlpacaEmulator {
 public:
  explicit AlpacaEmulator(Money cash);
  ~AlpacaEmulator();
  AlpacaEmulator(const AlpacaEmulator&) = delete;
  AlpacaEmulator& operator=(const AlpacaEmulator&) = delete;

  [[nodiscard]] std::string base_url() const;

  void add_asset(EmulatorAsset asset);
  void set_price(const std::string& symbol, Price price);  // fills limit orders it reaches
  void set_market_open(bool open);                          // opening fills waiting orders
  void inject(EmulatorFault fault);

  [[nodiscard]] std::vector<EmulatorOrder> orders() const;
  [[nodiscard]] Money cash() const;
  [[nodiscard]] Quantity position_qty(const std::string& symbol) const;
  [[nodiscard]] Price position_avg(const std::string& symbol) const;
  // Requests whose method matches and whose target starts with `path`.
  [[nodiscard]] std::size_t count_requests(const std::string& method, const std::string& path) const;
  [[nodiscard]] std::vector<TestRequest> requests() const;

 private:
  struct Position {
    Quantity qty;
    Price avg;
  };

  TestResponse handle(const TestRequest& request);
  TestResponse route(const TestRequest& request);  // under mutex_
  TestResponse place(const TestRequest& request);
  TestResponse cancel(const std::string& id);
  TestResponse by_client_id(const std::string& client_order_id) const;
  TestResponse open_orders(const std::string& symbols) const;
  TestResponse positions() const;
  TestResponse account() const;
  TestResponse asset(const std::string& symbol) const;
  TestResponse clock() const;
  TestResponse latest_trade(const std::string& symbol) const;
  TestResponse latest_trades(const std::string& symbols) const;
  void try_fill(EmulatorOrder& order);
  void fill_what_can();
  [[nodiscard]] Quantity reserved_for_sale(const std::string& symbol) const;
  [[nodiscard]] std::string order_json(const EmulatorOrder& order) const;

  mutable std::mutex mutex_;
  Money cash_;
  bool market_open_ = true;
  std::map<std::string, EmulatorAsset> assets_;
  std::map<std::string, Position> positions_;
  std::vector<EmulatorOrder> orders_;  // in placement order
  std::deque<EmulatorFault> faults_;
  std::uint64_t next_id_ = 1;
  std::unique_ptr<test_support::TestWebServer> server_;  // last: stops before the rest goes
};

}  // namespace tvbot::alpaca::testing
