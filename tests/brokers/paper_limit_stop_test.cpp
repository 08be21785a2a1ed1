// Limit and stop orders: resting, crossing, triggering, cancelling.
#include "paper_test_support.hpp"

namespace tvbot::testing {
namespace {

PaperBrokerConfig spot_with_one_btc() {
  auto config = spot_config();
  config.initial_balances["BTC"] = money("1");
  return config;
}

TEST(PaperLimitOrder, A_buy_below_the_market_rests_and_locks_notional_plus_the_higher_fee) {
  auto broker = make_broker(spot_config());
  const auto report = place(*broker, limit_order("l1", Side::buy, qty("1"), px("29900")));

  EXPECT_EQ(report.status, OrderStatus::new_);
  EXPECT_TRUE(report.fills.empty());
  // 29900 + 10 bps of 29900 (29.9) = 29929.9 held back.
  EXPECT_EQ(balance_of(*broker, "USDT"), (Balance{"USDT", money("70070.1"), money("29929.9")}));
}

TEST(PaperLimitOrder, A_resting_buy_fills_at_its_limit_as_maker_once_the_price_crosses_it) {
  auto broker = make_broker(spot_config());
  (void)place(*broker, limit_order("l1", Side::buy, qty("1"), px("29900")));
  set_price(*broker, "29950");
  EXPECT_EQ(broker->query_order("BTCUSDT", "l1")->value().status, OrderStatus::new_);

  set_price(*broker, "29890");
  const auto report = broker->query_order("BTCUSDT", "l1")->value();
  EXPECT_EQ(report.status, OrderStatus::filled);
  ASSERT_EQ(report.fills.size(), 1u);
  EXPECT_EQ(report.fills[0].price, px("29900"));
  EXPECT_TRUE(report.fills[0].is_maker);
  EXPECT_EQ(report.fills[0].fee, money("5.98"));  // 2 bps of 29900
  // 100000 - 29900 - 5.98; the unused part of the lock came back.
  EXPECT_EQ(balance_of(*broker, "USDT"), (Balance{"USDT", money("70094.02"), Money{}}));
  EXPECT_EQ(balance_of(*broker, "BTC").free, money("1"));
}

TEST(PaperLimitOrder, A_resting_sell_fills_when_the_price_rises_to_it) {
  auto broker = make_broker(spot_with_one_btc());
  (void)place(*broker, limit_order("l2", Side::sell, qty("0.5"), px("30500")));
  EXPECT_EQ(balance_of(*broker, "BTC"), (Balance{"BTC", money("0.5"), money("0.5")}));
  set_price(*broker, "30400");
  set_price(*broker, "30600");

  const auto report = broker->query_order("BTCUSDT", "l2")->value();
  EXPECT_EQ(report.avg_price, px("30500"));
  EXPECT_EQ(report.fills.at(0).fee, money("3.05"));                 // 2 bps of 15250
  EXPECT_EQ(balance_of(*broker, "USDT").free, money("115246.95"));  // 100000 + 15250 - 3.05
  EXPECT_EQ(balance_of(*broker, "BTC"), (Balance{"BTC", money("0.5"), Money{}}));
}

TEST(PaperLimitOrder, A_marketable_buy_fills_at_once_as_taker_but_never_above_its_limit) {
  auto broker = make_broker(spot_config());
  // The slipped price 30015 is above the limit 30010, so the limit caps it.
  const auto capped = place(*broker, limit_order("c", Side::buy, qty("0.1"), px("30010")));
  // With room above, the fill is at the slipped price 30015.
  const auto roomy = place(*broker, limit_order("r", Side::buy, qty("0.1"), px("30020")));

  EXPECT_EQ(capped.status, OrderStatus::filled);
  EXPECT_EQ(capped.fills.at(0).price, px("30010"));
  EXPECT_FALSE(capped.fills.at(0).is_maker);
  EXPECT_EQ(capped.fills.at(0).fee, money("3.001"));  // 10 bps of 3001
  EXPECT_EQ(roomy.fills.at(0).price, px("30015"));
}

TEST(PaperStopOrder, A_buy_stop_waits_for_its_price_then_fills_as_a_market_order) {
  auto broker = make_broker(spot_config());
  const auto placed = place(*broker, stop_order("s1", Side::buy, qty("0.1"), px("30500")));
  EXPECT_EQ(placed.status, OrderStatus::new_);
  set_price(*broker, "30400");
  EXPECT_EQ(broker->query_order("BTCUSDT", "s1")->value().status, OrderStatus::new_);

  set_price(*broker, "30600");
  const auto report = broker->query_order("BTCUSDT", "s1")->value();
  EXPECT_EQ(report.status, OrderStatus::filled);
  EXPECT_EQ(report.fills.at(0).price, px("30615.3"));  // 30600 * 1.0005
  EXPECT_FALSE(report.fills.at(0).is_maker);
  EXPECT_EQ(report.fills.at(0).fee, money("3.06153"));  // 10 bps of 3061.53
}

TEST(PaperStopOrder, A_sell_stop_triggers_when_the_price_falls_to_it) {
  auto broker = make_broker(spot_with_one_btc());
  (void)place(*broker, stop_order("s2", Side::sell, qty("1"), px("29000")));
  set_price(*broker, "29500");
  EXPECT_TRUE(broker->fills().empty());

  set_price(*broker, "28900");
  const auto report = broker->query_order("BTCUSDT", "s2")->value();
  EXPECT_EQ(report.fills.at(0).price, px("28885.55"));  // 28900 * 0.9995
  EXPECT_EQ(report.fills.at(0).fee, money("28.88555"));
  EXPECT_EQ(balance_of(*broker, "USDT").free,
            money("128856.66445"));  // 100000 + 28885.55 - 28.88555
}

TEST(PaperStopOrder, A_stop_already_passed_when_placed_fills_at_once) {
  auto broker = make_broker(spot_config());
  const auto report = place(*broker, stop_order("s3", Side::buy, qty("0.1"), px("29000")));
  EXPECT_EQ(report.status, OrderStatus::filled);
  EXPECT_EQ(report.avg_price, px("30015"));
}

TEST(PaperLimitOrder, Cancelling_releases_the_lock_and_the_order_never_fills_afterwards) {
  auto broker = make_broker(spot_config());
  (void)place(*broker, limit_order("l1", Side::buy, qty("1"), px("29900")));
  const auto cancelled = broker->cancel_order("BTCUSDT", "l1");
  ASSERT_TRUE(cancelled.ok());
  EXPECT_EQ(cancelled->status, OrderStatus::cancelled);
  EXPECT_EQ(balance_of(*broker, "USDT"), (Balance{"USDT", money("100000"), Money{}}));

  set_price(*broker, "29000");
  EXPECT_TRUE(broker->fills().empty());
  const auto again = broker->cancel_order("BTCUSDT", "l1");
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(*again, *cancelled);
}

TEST(PaperLimitOrder, Open_orders_lists_working_orders_oldest_first_and_filters_by_symbol) {
  auto config = spot_config();
  auto eth = btc_usdt();
  eth.symbol = "ETHUSDT";
  eth.base_asset = "ETH";
  eth.start_price = px("2000");
  config.instruments.push_back(eth);
  auto broker = make_broker(config);
  (void)place(*broker, limit_order("a", Side::buy, qty("0.1"), px("29000")));
  auto eth_order = limit_order("b", Side::buy, qty("1"), px("1900"));
  eth_order.symbol = "ETHUSDT";
  (void)place(*broker, eth_order);
  (void)place(*broker, limit_order("c", Side::buy, qty("0.1"), px("28000")));
  (void)place(*broker, market_order("d", Side::buy, qty("0.1")));  // fills: not open

  const auto all = broker->open_orders(std::nullopt);
  ASSERT_TRUE(all.ok());
  ASSERT_EQ(all->size(), 3u);
  EXPECT_EQ((*all)[0].client_order_id, "a");
  EXPECT_EQ((*all)[1].client_order_id, "b");
  EXPECT_EQ((*all)[2].client_order_id, "c");
  const auto eth_only = broker->open_orders("ETHUSDT");
  ASSERT_TRUE(eth_only.ok());
  ASSERT_EQ(eth_only->size(), 1u);
  EXPECT_EQ(eth_only->front().client_order_id, "b");
}

}  // namespace
}  // namespace tvbot::testing
