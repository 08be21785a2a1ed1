// Partial fills under limited liquidity, and the time-in-force rules built on them.
#include <set>

#include "paper_test_support.hpp"

namespace tvbot::testing {
namespace {

PaperBrokerConfig thin_market() {
  auto config = spot_config();
  config.liquidity_per_step = qty("0.3");
  return config;
}

TEST(PaperPartialFill, A_big_limit_order_fills_in_parts_that_sum_to_its_quantity) {
  auto broker = make_broker(thin_market());
  (void)place(*broker, limit_order("big", Side::buy, qty("1"), px("29900")));
  set_price(*broker, "29890");
  EXPECT_EQ(broker->query_order("BTCUSDT", "big")->value().status, OrderStatus::partially_filled);
  set_price(*broker, "29880");
  set_price(*broker, "29870");
  set_price(*broker, "29860");

  const auto report = broker->query_order("BTCUSDT", "big")->value();
  EXPECT_EQ(report.status, OrderStatus::filled);
  ASSERT_EQ(report.fills.size(), 4u);
  std::set<std::string> ids;
  Quantity total;
  for (const auto& fill : report.fills) {
    ids.insert(fill.fill_id);
    total += fill.qty;
    EXPECT_EQ(fill.price, px("29900"));
    EXPECT_TRUE(fill.is_maker);
  }
  EXPECT_EQ(ids.size(), 4u);
  EXPECT_EQ(total, qty("1"));
  EXPECT_EQ(report.fills[0].qty, qty("0.3"));
  EXPECT_EQ(report.fills[3].qty, qty("0.1"));
  EXPECT_EQ(report.fills[0].fee, money("1.794"));  // 2 bps of 8970
  EXPECT_EQ(report.fills[3].fee, money("0.598"));  // 2 bps of 2990
  // Fees 3 * 1.794 + 0.598 = 5.98, as for one whole fill.
  EXPECT_EQ(balance_of(*broker, "USDT"), (Balance{"USDT", money("70094.02"), Money{}}));
}

TEST(PaperPartialFill, A_market_order_beyond_the_liquidity_goes_on_filling_at_later_prices) {
  auto broker = make_broker(thin_market());
  const auto placed = place(*broker, market_order("m", Side::buy, qty("0.5")));
  EXPECT_EQ(placed.status, OrderStatus::partially_filled);
  EXPECT_EQ(placed.filled_qty, qty("0.3"));

  set_price(*broker, "30100");
  const auto report = broker->query_order("BTCUSDT", "m")->value();
  EXPECT_EQ(report.status, OrderStatus::filled);
  ASSERT_EQ(report.fills.size(), 2u);
  EXPECT_EQ(report.fills[1].price, px("30115.05"));  // 30100 * 1.0005
  // (0.3 * 30015 + 0.2 * 30115.05) / 0.5 = (9004.5 + 6023.01) / 0.5
  EXPECT_EQ(report.avg_price, px("30055.02"));
  // 100000 - 15027.51 - (9.0045 + 6.02301)
  EXPECT_EQ(balance_of(*broker, "USDT"), (Balance{"USDT", money("84957.46249"), Money{}}));
  EXPECT_EQ(balance_of(*broker, "BTC").free, money("0.5"));
}

TEST(PaperPartialFill, An_ioc_order_fills_what_it_can_at_once_and_the_rest_expires) {
  auto broker = make_broker(thin_market());
  auto request = limit_order("ioc", Side::buy, qty("1"), px("30100"));
  request.time_in_force = TimeInForce::ioc;
  const auto report = place(*broker, request);

  EXPECT_EQ(report.status, OrderStatus::expired);
  EXPECT_EQ(report.reject_reason, "ioc");
  EXPECT_EQ(report.filled_qty, qty("0.3"));
  EXPECT_EQ(report.avg_price, px("30015"));
  EXPECT_EQ(balance_of(*broker, "USDT").locked, Money{});
  set_price(*broker, "29000");
  EXPECT_EQ(broker->fills().size(), 1u);
}

TEST(PaperPartialFill, A_fok_order_that_cannot_fill_whole_expires_without_any_fill) {
  auto broker = make_broker(thin_market());
  auto request = market_order("fok", Side::buy, qty("1"));
  request.time_in_force = TimeInForce::fok;
  const auto report = place(*broker, request);

  EXPECT_EQ(report.status, OrderStatus::expired);
  EXPECT_EQ(report.reject_reason, "fok");
  EXPECT_TRUE(report.fills.empty());
  EXPECT_EQ(balance_of(*broker, "USDT"), (Balance{"USDT", money("100000"), Money{}}));
}

TEST(PaperPartialFill, A_fok_order_within_the_liquidity_fills_whole) {
  auto broker = make_broker(thin_market());
  auto request = market_order("fok", Side::buy, qty("0.3"));
  request.time_in_force = TimeInForce::fok;
  const auto report = place(*broker, request);
  EXPECT_EQ(report.status, OrderStatus::filled);
  EXPECT_EQ(report.filled_qty, qty("0.3"));
}

TEST(PaperPartialFill, Fill_ids_are_unique_across_orders) {
  auto broker = make_broker(thin_market());
  (void)place(*broker, market_order("a", Side::buy, qty("0.5")));
  (void)place(*broker, market_order("b", Side::buy, qty("0.5")));
  set_price(*broker, "30000");

  const auto fills = broker->fills();
  ASSERT_EQ(fills.size(), 4u);
  std::set<std::string> ids;
  for (const auto& fill : fills) ids.insert(fill.fill.fill_id);
  EXPECT_EQ(ids.size(), 4u);
  EXPECT_EQ(fills[0].client_order_id, "a");
  EXPECT_EQ(fills[1].client_order_id, "b");
}

}  // namespace
}  // namespace tvbot::testing
