#pragma once
// Shared fixtures for the paper broker tests: one BTCUSDT market with Binance-like rules,
// decimals from text, and order builders. Numbers in the tests are computed by hand from these.
#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "brokers/paper/paper_broker.hpp"

namespace tvbot::testing {

inline Price px(const char* text) {
  return Price::parse_exact(text).value();
}
inline Quantity qty(const char* text) {
  return Quantity::parse_exact(text).value();
}
inline Money money(const char* text) {
  return Money::parse_exact(text).value();
}
inline Ratio bps(const char* text) {
  return Ratio::parse_exact(text).value();
}

// tick 0.01, lot 0.001, min qty 0.001, max qty 100, min notional 10, starting at 30000.
inline PaperInstrument btc_usdt() {
  return PaperInstrument{
      "BTCUSDT", "BTC", "USDT",
      InstrumentRules{px("0.01"), qty("0.001"), qty("0.001"), qty("100"), money("10")},
      px("30000")};
}

// Spot, 100000 USDT, maker 2 bps, taker 10 bps, slippage 5 bps, manual prices.
inline PaperBrokerConfig spot_config() {
  PaperBrokerConfig config;
  config.seed = 42;
  config.fees = PaperFees{bps("2"), bps("10")};
  config.slippage_bps = bps("5");
  config.initial_balances = {{"USDT", money("100000")}};
  config.instruments = {btc_usdt()};
  return config;
}

// Futures, 10000 USDT, leverage 10, maker 2 bps, taker 4 bps, no slippage.
inline PaperBrokerConfig futures_config(bool hedge = false) {
  PaperBrokerConfig config = spot_config();
  config.mode = PaperMode::futures;
  config.hedge = hedge;
  config.leverage = 10;
  config.fees = PaperFees{bps("2"), bps("4")};
  config.slippage_bps = Ratio{};
  config.initial_balances = {{"USDT", money("10000")}};
  return config;
}

inline std::unique_ptr<PaperBroker> make_broker(PaperBrokerConfig config) {
  auto broker = PaperBroker::create(std::move(config));
  if (!broker) ADD_FAILURE() << broker.error().code << ": " << broker.error().message;
  return broker ? std::move(*broker) : nullptr;
}

inline OrderRequest market_order(std::string id, Side side, Quantity amount,
                                 PositionSide position_side = PositionSide::both) {
  OrderRequest request;
  request.client_order_id = std::move(id);
  request.symbol = "BTCUSDT";
  request.side = side;
  request.position_side = position_side;
  request.type = OrderType::market;
  request.qty = amount;
  return request;
}

inline OrderRequest limit_order(std::string id, Side side, Quantity amount, Price limit) {
  auto request = market_order(std::move(id), side, amount);
  request.type = OrderType::limit;
  request.limit_price = limit;
  return request;
}

inline OrderRequest stop_order(std::string id, Side side, Quantity amount, Price stop) {
  auto request = market_order(std::move(id), side, amount);
  request.type = OrderType::stop;
  request.stop_price = stop;
  return request;
}

// Places an order that must be accepted by the broker call (the order itself may still be
// rejected by the venue's rules: the report says).
inline OrderReport place(PaperBroker& broker, const OrderRequest& request) {
  auto report = broker.place_order(request);
  if (!report) {
    ADD_FAILURE() << request.client_order_id << ": " << report.error().code;
    return OrderReport{};
  }
  return *report;
}

inline Balance balance_of(PaperBroker& broker, const std::string& asset) {
  auto balances = broker.balances();
  if (!balances) {
    ADD_FAILURE() << balances.error().code;
    return Balance{};
  }
  for (const auto& balance : *balances) {
    if (balance.asset == asset) return balance;
  }
  return Balance{asset, Money{}, Money{}};
}

inline void set_price(PaperBroker& broker, const char* price) {
  const auto status = broker.set_price("BTCUSDT", px(price));
  ASSERT_TRUE(status.ok()) << status.error().message;
}

}  // namespace tvbot::testing
