// Filters applied before sending: rounding to step and tick, refusals that never leave.
#include <gtest/gtest.h>

#include "brokers/binance/order_params.hpp"

namespace tvbot::binance {
namespace {

Price P(std::string_view text) { return *Price::parse(text); }
Quantity Q(std::string_view text) { return *Quantity::parse(text); }
Money M(std::string_view text) { return *Money::parse(text); }

SymbolInfo btcusdt() {
  return SymbolInfo{"BTCUSDT", "TRADING", "BTC", "USDT",
                    InstrumentRules{P("0.01"), Q("0.00001"), Q("0.00001"), Q("9000"), M("5")}};
}

OrderRequest market_buy(std::string_view qty) {
  OrderRequest request;
  request.client_order_id = "alpha/BTCUSDT:1";
  request.symbol = "BTCUSDT";
  request.side = Side::buy;
  request.type = OrderType::market;
  request.qty = Q(qty);
  return request;
}

std::string encoded(const std::variant<OrderParams, OrderReport>& prepared) {
  return std::get<OrderParams>(prepared).params.encoded();
}

TEST(BinanceOrderParams, Quantity_is_rounded_down_to_the_lot_step) {
  auto prepared = prepare_order(market_buy("0.123456789"), btcusdt(), Venue::spot, P("60000"));
  ASSERT_TRUE(std::holds_alternative<OrderParams>(prepared));
  EXPECT_EQ(std::get<OrderParams>(prepared).qty, Q("0.12345"));
  EXPECT_EQ(encoded(prepared),
            "symbol=BTCUSDT&side=BUY&type=MARKET&quantity=0.12345&newClientOrderId=alpha%2FBTCUSDT%3A1&"
            "newOrderRespType=FULL");
}

TEST(BinanceOrderParams, Limit_prices_round_to_the_tick_never_worse_than_asked) {
  auto buy = market_buy("0.01");
  buy.type = OrderType::limit;
  buy.limit_price = P("60000.019");
  auto prepared = prepare_order(buy, btcusdt(), Venue::spot, std::nullopt);
  ASSERT_TRUE(std::holds_alternative<OrderParams>(prepared));
  EXPECT_EQ(std::get<OrderParams>(prepared).price, P("60000.01"));
  EXPECT_NE(encoded(prepared).find("type=LIMIT&timeInForce=GTC&quantity=0.01&price=60000.01"),
            std::string::npos);
  auto sell = buy;
  sell.side = Side::sell;
  auto sold = prepare_order(sell, btcusdt(), Venue::spot, std::nullopt);
  EXPECT_EQ(std::get<OrderParams>(sold).price, P("60000.02"));
}

TEST(BinanceOrderParams, Below_the_minimum_quantity_after_rounding_is_refused_unsent) {
  auto prepared = prepare_order(market_buy("0.000009"), btcusdt(), Venue::spot, P("60000"));
  ASSERT_TRUE(std::holds_alternative<OrderReport>(prepared));
  const auto& report = std::get<OrderReport>(prepared);
  EXPECT_EQ(report.status, OrderStatus::rejected);
  EXPECT_EQ(report.reject_reason, "min_qty");
  EXPECT_NE(report.reject_message.find("not sent to Binance"), std::string::npos);
  EXPECT_NE(report.reject_message.find("LOT_SIZE"), std::string::npos);
}

TEST(BinanceOrderParams, Notional_below_the_minimum_is_refused_with_the_amounts) {
  // 0.00008 * 60000 = 4.8 < 5
  auto prepared = prepare_order(market_buy("0.00008"), btcusdt(), Venue::spot, P("60000"));
  ASSERT_TRUE(std::holds_alternative<OrderReport>(prepared));
  const auto& report = std::get<OrderReport>(prepared);
  EXPECT_EQ(report.reject_reason, "min_notional");
  EXPECT_NE(report.reject_message.find("4.8"), std::string::npos);
  EXPECT_NE(report.reject_message.find("5"), std::string::npos);
  // Exactly at the minimum passes: 0.00009 * 60000 = 5.4; 0.0001 * 50000 = 5.
  EXPECT_TRUE(std::holds_alternative<OrderParams>(
      prepare_order(market_buy("0.0001"), btcusdt(), Venue::spot, P("50000"))));
}

TEST(BinanceOrderParams, Above_the_maximum_quantity_is_refused) {
  auto prepared = prepare_order(market_buy("9000.5"), btcusdt(), Venue::spot, P("1"));
  ASSERT_TRUE(std::holds_alternative<OrderReport>(prepared));
  EXPECT_EQ(std::get<OrderReport>(prepared).reject_reason, "max_qty");
}

TEST(BinanceOrderParams, Futures_hedge_order_names_its_position_side_and_drops_reduce_only) {
  auto request = market_buy("0.01");
  request.side = Side::sell;
  request.position_side = PositionSide::long_side;
  request.reduce_only = true;
  auto prepared = prepare_order(request, btcusdt(), Venue::usdm_futures, P("60000"));
  EXPECT_EQ(encoded(prepared),
            "symbol=BTCUSDT&side=SELL&positionSide=LONG&type=MARKET&quantity=0.01&"
            "newClientOrderId=alpha%2FBTCUSDT%3A1&newOrderRespType=RESULT");
}

TEST(BinanceOrderParams, Futures_one_way_reduce_only_is_sent) {
  auto request = market_buy("0.01");
  request.reduce_only = true;
  auto prepared = prepare_order(request, btcusdt(), Venue::usdm_futures, P("60000"));
  EXPECT_NE(encoded(prepared).find("reduceOnly=true"), std::string::npos);
  EXPECT_EQ(encoded(prepared).find("positionSide"), std::string::npos);
}

TEST(BinanceOrderParams, Stop_orders_use_each_venues_type) {
  auto request = market_buy("0.01");
  request.type = OrderType::stop;
  request.stop_price = P("61000.005");
  auto spot = prepare_order(request, btcusdt(), Venue::spot, std::nullopt);
  EXPECT_NE(encoded(spot).find("type=STOP_LOSS&quantity=0.01&stopPrice=61000"), std::string::npos);
  auto futures = prepare_order(request, btcusdt(), Venue::usdm_futures, std::nullopt);
  EXPECT_NE(encoded(futures).find("type=STOP_MARKET&"), std::string::npos);
  request.limit_price = P("61010");
  auto stop_limit = prepare_order(request, btcusdt(), Venue::spot, std::nullopt);
  EXPECT_NE(encoded(stop_limit).find("type=STOP_LOSS_LIMIT&timeInForce=GTC"), std::string::npos);
}

TEST(BinanceOrderParams, A_symbol_that_is_not_trading_is_refused_unsent) {
  auto info = btcusdt();
  info.status = "BREAK";
  auto prepared = prepare_order(market_buy("0.01"), info, Venue::spot, P("60000"));
  ASSERT_TRUE(std::holds_alternative<OrderReport>(prepared));
  EXPECT_EQ(std::get<OrderReport>(prepared).reject_reason, "symbol_not_trading");
}

TEST(BinanceOrderParams, A_long_client_id_is_sent_mapped) {
  auto request = market_buy("0.01");
  request.client_order_id = "a-rather-long-bot-name/BTCUSDT:1234567";
  auto prepared = prepare_order(request, btcusdt(), Venue::spot, P("60000"));
  EXPECT_NE(encoded(prepared).find("newClientOrderId=tvb-"), std::string::npos);
}

}  // namespace
}  // namespace tvbot::binance
