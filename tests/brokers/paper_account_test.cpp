// Balances and positions after a sequence of fills, in spot, futures one-way and hedge mode.
// Every expected number is worked out in the comment above it.
#include "paper_test_support.hpp"

namespace tvbot::testing {
namespace {

std::vector<BrokerPosition> positions_of(PaperBroker& broker) {
  auto positions = broker.positions();
  if (!positions) {
    ADD_FAILURE() << positions.error().code;
    return {};
  }
  return *positions;
}

TEST(PaperAccount, Spot_buy_then_partial_sell_leaves_balances_and_the_net_position) {
  auto broker = make_broker(spot_config());
  (void)place(*broker, market_order("b", Side::buy, qty("0.5")));  // 30015, fee 15.0075
  set_price(*broker, "31000");
  const auto sell = place(*broker, market_order("s", Side::sell, qty("0.2")));

  // 31000 * 0.9995 = 30984.5; notional 0.2 * 30984.5 = 6196.9; fee 6.1969.
  EXPECT_EQ(sell.avg_price, px("30984.5"));
  // 100000 - 15007.5 - 15.0075 + 6196.9 - 6.1969
  EXPECT_EQ(balance_of(*broker, "USDT"), (Balance{"USDT", money("91168.1956"), Money{}}));
  EXPECT_EQ(balance_of(*broker, "BTC"), (Balance{"BTC", money("0.3"), Money{}}));
  EXPECT_EQ(
      positions_of(*broker),
      (std::vector<BrokerPosition>{{"BTCUSDT", PositionSide::both, qty("0.3"), px("30015")}}));
}

TEST(PaperAccount, Futures_open_reduce_and_flip_move_margin_and_realize_pnl) {
  auto broker = make_broker(futures_config());
  // Open long 1 at 30000: margin 30000 / 10 = 3000, fee 4 bps of 30000 = 12.
  (void)place(*broker, market_order("open", Side::buy, qty("1")));
  EXPECT_EQ(balance_of(*broker, "USDT"), (Balance{"USDT", money("6988"), money("3000")}));

  // Sell 0.4 at 31000: realized (31000 - 30000) * 0.4 = 400, releases 3000 * 0.4 = 1200,
  // fee 4 bps of 12400 = 4.96. Free 6988 + 1200 + 400 - 4.96.
  set_price(*broker, "31000");
  (void)place(*broker, market_order("reduce", Side::sell, qty("0.4")));
  EXPECT_EQ(balance_of(*broker, "USDT"), (Balance{"USDT", money("8583.04"), money("1800")}));
  EXPECT_EQ(
      positions_of(*broker),
      (std::vector<BrokerPosition>{{"BTCUSDT", PositionSide::both, qty("0.6"), px("30000")}}));

  // Sell 1 at 31000: closes 0.6 (realized 600, releases 1800) and opens short 0.4 (margin
  // 1240), fee 4 bps of 31000 = 12.4. Free 8583.04 + 1800 + 600 - 1240 - 12.4.
  (void)place(*broker, market_order("flip", Side::sell, qty("1")));
  EXPECT_EQ(balance_of(*broker, "USDT"), (Balance{"USDT", money("9730.64"), money("1240")}));
  EXPECT_EQ(
      positions_of(*broker),
      (std::vector<BrokerPosition>{{"BTCUSDT", PositionSide::both, qty("-0.4"), px("31000")}}));
  // The wallet is the start plus realized P&L minus fees: 10000 + 400 + 600 - 12 - 4.96 - 12.4.
  const auto usdt = balance_of(*broker, "USDT");
  EXPECT_EQ(usdt.free + usdt.locked, money("10970.64"));
}

TEST(PaperAccount, Futures_adding_to_a_position_averages_the_entry_price) {
  auto broker = make_broker(futures_config());
  (void)place(*broker, market_order("a", Side::buy, qty("1")));
  set_price(*broker, "30600");
  (void)place(*broker, market_order("b", Side::buy, qty("1")));

  // (30000 + 30600) / 2 = 30300; margin 3000 + 3060; fees 12 + 12.24.
  EXPECT_EQ(positions_of(*broker),
            (std::vector<BrokerPosition>{{"BTCUSDT", PositionSide::both, qty("2"), px("30300")}}));
  EXPECT_EQ(balance_of(*broker, "USDT"), (Balance{"USDT", money("3915.76"), money("6060")}));
}

TEST(PaperAccount, Hedge_mode_keeps_long_and_short_positions_of_one_symbol_apart) {
  auto broker = make_broker(futures_config(true));
  (void)place(*broker, market_order("long", Side::buy, qty("1"), PositionSide::long_side));
  (void)place(*broker, market_order("short", Side::sell, qty("0.5"), PositionSide::short_side));

  EXPECT_EQ(positions_of(*broker),
            (std::vector<BrokerPosition>{
                {"BTCUSDT", PositionSide::long_side, qty("1"), px("30000")},
                {"BTCUSDT", PositionSide::short_side, qty("-0.5"), px("30000")}}));
  // Margin 3000 + 1500; fees 12 + 6.
  EXPECT_EQ(balance_of(*broker, "USDT"), (Balance{"USDT", money("5482"), money("4500")}));

  // Closing the long at 29000: realized -1000, releases 3000, fee 11.6.
  set_price(*broker, "29000");
  (void)place(*broker, market_order("close", Side::sell, qty("1"), PositionSide::long_side));
  EXPECT_EQ(positions_of(*broker),
            (std::vector<BrokerPosition>{
                {"BTCUSDT", PositionSide::short_side, qty("-0.5"), px("30000")}}));
  EXPECT_EQ(balance_of(*broker, "USDT"), (Balance{"USDT", money("7470.4"), money("1500")}));
}

TEST(PaperAccount, Hedge_mode_refuses_to_close_more_than_the_position_holds) {
  auto broker = make_broker(futures_config(true));
  (void)place(*broker, market_order("long", Side::buy, qty("1"), PositionSide::long_side));
  const auto report =
      place(*broker, market_order("over", Side::sell, qty("2"), PositionSide::long_side));
  EXPECT_EQ(report.status, OrderStatus::rejected);
  EXPECT_EQ(report.reject_reason, "reduce_only");
}

TEST(PaperAccount, A_resting_reduce_only_order_expires_when_its_position_is_gone) {
  auto broker = make_broker(futures_config());
  (void)place(*broker, market_order("open", Side::buy, qty("1")));
  auto take_profit = limit_order("tp", Side::sell, qty("1"), px("31000"));
  take_profit.reduce_only = true;
  EXPECT_EQ(place(*broker, take_profit).status, OrderStatus::new_);
  (void)place(*broker, market_order("exit", Side::sell, qty("1")));

  set_price(*broker, "31500");
  const auto report = broker->query_order("BTCUSDT", "tp")->value();
  EXPECT_EQ(report.status, OrderStatus::expired);
  EXPECT_EQ(report.reject_reason, "reduce_only");
  EXPECT_TRUE(positions_of(*broker).empty());
  EXPECT_EQ(balance_of(*broker, "USDT").locked, Money{});
}

}  // namespace
}  // namespace tvbot::testing
