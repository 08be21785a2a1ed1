// Market orders, idempotent placement and the read-only calls of the paper broker.
#include "paper_test_support.hpp"

namespace tvbot::testing {
namespace {

TEST(PaperMarketOrder, Buy_fills_at_last_price_plus_slippage_and_pays_the_taker_fee) {
  auto broker = make_broker(spot_config());
  const auto report = place(*broker, market_order("bot/BTC:1", Side::buy, qty("0.5")));

  // 30000 * (1 + 5 bps) = 30015; fee = 0.5 * 30015 * 10 bps = 15007.5 * 0.001 = 15.0075.
  EXPECT_EQ(report.status, OrderStatus::filled);
  EXPECT_EQ(report.broker_order_id, "paper-1");
  EXPECT_EQ(report.filled_qty, qty("0.5"));
  EXPECT_EQ(report.avg_price, px("30015"));
  ASSERT_EQ(report.fills.size(), 1u);
  EXPECT_EQ(report.fills[0].price, px("30015"));
  EXPECT_EQ(report.fills[0].qty, qty("0.5"));
  EXPECT_EQ(report.fills[0].fee, money("15.0075"));
  EXPECT_EQ(report.fills[0].fee_asset, "USDT");
  EXPECT_FALSE(report.fills[0].is_maker);
}

TEST(PaperMarketOrder, Buy_spends_notional_and_fee_in_quote_and_credits_the_base) {
  auto broker = make_broker(spot_config());
  (void)place(*broker, market_order("bot/BTC:1", Side::buy, qty("0.5")));

  // 100000 - 15007.5 - 15.0075
  EXPECT_EQ(balance_of(*broker, "USDT"), (Balance{"USDT", money("84977.4925"), Money{}}));
  EXPECT_EQ(balance_of(*broker, "BTC"), (Balance{"BTC", money("0.5"), Money{}}));
}

TEST(PaperMarketOrder, Sell_fills_below_last_price_and_receives_notional_minus_fee) {
  auto broker = make_broker(spot_config());
  (void)place(*broker, market_order("bot/BTC:1", Side::buy, qty("0.5")));
  const auto report = place(*broker, market_order("bot/BTC:2", Side::sell, qty("0.5")));

  // 30000 * (1 - 5 bps) = 29985; notional 14992.5; fee 14.9925.
  ASSERT_EQ(report.fills.size(), 1u);
  EXPECT_EQ(report.fills[0].price, px("29985"));
  EXPECT_EQ(report.fills[0].fee, money("14.9925"));
  // 84977.4925 + 14992.5 - 14.9925
  EXPECT_EQ(balance_of(*broker, "USDT").free, money("99955"));
  EXPECT_EQ(balance_of(*broker, "BTC").free, Money{});
}

TEST(PaperMarketOrder, The_slipped_price_is_rounded_to_the_tick_against_the_taker) {
  auto broker = make_broker(spot_config());
  set_price(*broker, "30000.01");
  // Buy: 30000.01 * 1.0005 = 30015.015005 -> up to 30015.02.
  const auto buy = place(*broker, market_order("b", Side::buy, qty("0.002")));
  // Sell: 30000.01 * 0.9995 = 29985.005005 -> down to 29985.00.
  const auto sell = place(*broker, market_order("s", Side::sell, qty("0.001")));
  EXPECT_EQ(buy.avg_price, px("30015.02"));
  EXPECT_EQ(sell.avg_price, px("29985"));
}

TEST(PaperMarketOrder,
     Placing_the_same_client_order_id_again_returns_the_first_order_and_places_nothing) {
  auto broker = make_broker(spot_config());
  const auto first = place(*broker, market_order("bot/BTC:7", Side::buy, qty("0.5")));
  const auto repeat = place(*broker, market_order("bot/BTC:7", Side::buy, qty("1")));

  EXPECT_EQ(repeat, first);
  EXPECT_EQ(broker->fills().size(), 1u);
  EXPECT_EQ(balance_of(*broker, "BTC").free, money("0.5"));
  EXPECT_EQ(balance_of(*broker, "USDT").free, money("84977.4925"));
}

TEST(PaperMarketOrder, A_rejected_order_stays_rejected_when_its_id_is_placed_again) {
  auto broker = make_broker(spot_config());
  const auto rejected = place(*broker, market_order("big", Side::buy, qty("5")));
  ASSERT_EQ(rejected.status, OrderStatus::rejected);
  const auto repeat = place(*broker, market_order("big", Side::buy, qty("0.5")));

  EXPECT_EQ(repeat, rejected);
  EXPECT_TRUE(broker->fills().empty());
}

TEST(PaperMarketOrder, Query_order_returns_the_current_report_or_nothing_for_unseen_ids) {
  auto broker = make_broker(spot_config());
  const auto placed = place(*broker, market_order("q1", Side::buy, qty("0.1")));

  const auto found = broker->query_order("BTCUSDT", "q1");
  ASSERT_TRUE(found.ok());
  ASSERT_TRUE(found->has_value());
  EXPECT_EQ(**found, placed);

  const auto unseen = broker->query_order("BTCUSDT", "q2");
  ASSERT_TRUE(unseen.ok());
  EXPECT_FALSE(unseen->has_value());
  const auto other_symbol = broker->query_order("ETHUSDT", "q1");
  ASSERT_TRUE(other_symbol.ok());
  EXPECT_FALSE(other_symbol->has_value());
}

TEST(PaperMarketOrder, Cancelling_an_id_the_venue_never_saw_is_not_found) {
  auto broker = make_broker(spot_config());
  const auto result = broker->cancel_order("BTCUSDT", "never-placed");
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, "not_found");
}

TEST(PaperMarketOrder, Prices_and_rules_are_answered_per_symbol_and_unknown_symbols_fail) {
  auto config = spot_config();
  auto eth = btc_usdt();
  eth.symbol = "ETHUSDT";
  eth.base_asset = "ETH";
  eth.start_price = px("2000");
  config.instruments.push_back(eth);
  auto broker = make_broker(config);

  ASSERT_TRUE(broker->last_price("ETHUSDT").ok());
  EXPECT_EQ(*broker->last_price("ETHUSDT"), px("2000"));
  const auto prices = broker->last_prices({"ETHUSDT", "BTCUSDT"});
  ASSERT_TRUE(prices.ok());
  EXPECT_EQ(*prices, (std::vector<SymbolPrice>{{"ETHUSDT", px("2000")}, {"BTCUSDT", px("30000")}}));
  const auto rules = broker->instrument_rules("BTCUSDT");
  ASSERT_TRUE(rules.ok());
  EXPECT_EQ(*rules, btc_usdt().rules);

  EXPECT_EQ(broker->last_price("DOGEUSDT").error().code, "unknown_symbol");
  EXPECT_EQ(broker->last_prices({"BTCUSDT", "DOGEUSDT"}).error().code, "unknown_symbol");
  EXPECT_EQ(broker->instrument_rules("DOGEUSDT").error().code, "unknown_symbol");
}

}  // namespace
}  // namespace tvbot::testing
