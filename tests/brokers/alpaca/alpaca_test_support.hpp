#pragma once
// An emulator with two stocks and an AlpacaBroker pointed at it, for the adapter's tests.
#include <gtest/gtest.h>

#include <chrono>
#include <functional>
#include <memory>
#include <thread>

#include "brokers/alpaca/alpaca_broker.hpp"
#include "tests/brokers/alpaca/alpaca_emulator.hpp"

namespace tvbot::alpaca::testing {

inline Price px(const char* text) { return Price::parse_exact(text).value(); }
inline Quantity qty(const char* text) { return Quantity::parse_exact(text).value(); }
inline Money money(const char* text) { return Money::parse_exact(text).value(); }

inline AlpacaOptions options_for(const AlpacaEmulator& emulator) {
  AlpacaOptions options;
  options.base_url = emulator.base_url();
  options.data_base_url = emulator.base_url();
  options.api_key_id = kKeyId;
  options.api_secret_key = kSecretKey;
  options.http.connect_timeout = std::chrono::milliseconds(2000);
  options.http.read_timeout = std::chrono::milliseconds(3000);
  options.max_requests_per_minute = 100'000;  // the budget has a test of its own
  return options;
}

inline OrderRequest market(const char* id, Side side, const char* quantity,
                           const char* symbol = "AAPL") {
  OrderRequest request;
  request.client_order_id = id;
  request.symbol = symbol;
  request.side = side;
  request.type = OrderType::market;
  request.qty = qty(quantity);
  return request;
}

inline OrderRequest limit(const char* id, Side side, const char* quantity, const char* price) {
  OrderRequest request = market(id, side, quantity);
  request.type = OrderType::limit;
  request.limit_price = px(price);
  return request;
}

// Polls `done` every 5 ms for at most `deadline`.
inline bool eventually(const std::function<bool()>& done,
                       std::chrono::milliseconds deadline = std::chrono::seconds(10)) {
  const auto until = std::chrono::steady_clock::now() + deadline;
  while (!done()) {
    if (std::chrono::steady_clock::now() > until) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  return true;
}

class AlpacaFixture : public ::testing::Test {
 protected:
  AlpacaFixture() : emulator_(Money::from_int(10'000)) {
    emulator_.add_asset({"AAPL", px("187.23"), true, true});
    emulator_.add_asset({"BRK.A", px("612000"), false, true});
    emulator_.add_asset({"XYZ", px("42.5"), false, true});
  }

  std::unique_ptr<AlpacaBroker> make(AlpacaOptions options) {
    auto broker = AlpacaBroker::create(std::move(options));
    EXPECT_TRUE(broker.ok()) << broker.error().message;
    return broker.ok() ? std::move(broker).value() : nullptr;
  }
  std::unique_ptr<AlpacaBroker> make() { return make(options_for(emulator_)); }

  AlpacaEmulator emulator_;
};

}  // namespace tvbot::alpaca::testing
