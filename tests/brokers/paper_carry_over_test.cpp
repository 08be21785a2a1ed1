// What a paper account carries over from an earlier run of its server: ids that do not
// repeat the earlier run's, and the positions the event log says are open.
#include "paper_test_support.hpp"

namespace tvbot::testing {
namespace {

TEST(PaperCarryOver, Order_and_fill_ids_start_with_the_configured_prefix) {
  auto config = spot_config();
  config.id_prefix = "paper-run7";
  auto broker = make_broker(config);
  ASSERT_TRUE(broker);
  const auto report = place(*broker, market_order("bot/BTC:1", Side::buy, qty("0.5")));

  EXPECT_EQ(report.broker_order_id, "paper-run7-1");
  ASSERT_EQ(report.fills.size(), 1u);
  EXPECT_EQ(report.fills[0].fill_id, "paper-run7-fill-1");
}

TEST(PaperCarryOver, An_empty_id_prefix_is_refused) {
  auto config = spot_config();
  config.id_prefix.clear();
  auto broker = PaperBroker::create(config);
  ASSERT_FALSE(broker.ok());
  EXPECT_EQ(broker.error().code, "invalid_config");
}

TEST(PaperCarryOver, An_initial_position_is_held_with_its_own_margin_and_can_be_closed_reduce_only) {
  auto config = futures_config();
  config.initial_positions = {BrokerPosition{"BTCUSDT", PositionSide::both, qty("0.5"), px("30000")}};
  auto broker = make_broker(config);
  ASSERT_TRUE(broker);

  auto positions = broker->positions();
  ASSERT_TRUE(positions.ok());
  EXPECT_EQ(*positions,
            (std::vector<BrokerPosition>{{"BTCUSDT", PositionSide::both, qty("0.5"), px("30000")}}));
  // Margin 0.5 * 30000 / 10 = 1500 comes with the position; the 10000 stay free.
  EXPECT_EQ(balance_of(*broker, "USDT"), (Balance{"USDT", money("10000"), money("1500")}));

  auto close = market_order("bot/BTC:9", Side::sell, qty("0.5"));
  close.reduce_only = true;
  const auto report = place(*broker, close);
  EXPECT_EQ(report.status, OrderStatus::filled) << report.reject_reason;
  positions = broker->positions();
  ASSERT_TRUE(positions.ok());
  EXPECT_TRUE(positions->empty());
  // Closed at the entry price: no P&L; fee 15000 * 4 bps = 6; the margin is released.
  EXPECT_EQ(balance_of(*broker, "USDT"), (Balance{"USDT", money("11494"), Money{}}));
}

TEST(PaperCarryOver, Hedge_accounts_take_a_long_and_a_short_leg) {
  auto config = futures_config(true);
  config.initial_positions = {
      BrokerPosition{"BTCUSDT", PositionSide::long_side, qty("0.1"), px("30000")},
      BrokerPosition{"BTCUSDT", PositionSide::short_side, qty("-0.2"), px("31000")}};
  auto broker = make_broker(config);
  ASSERT_TRUE(broker);
  auto positions = broker->positions();
  ASSERT_TRUE(positions.ok());
  EXPECT_EQ(*positions,
            (std::vector<BrokerPosition>{
                {"BTCUSDT", PositionSide::long_side, qty("0.1"), px("30000")},
                {"BTCUSDT", PositionSide::short_side, qty("-0.2"), px("31000")}}));
}

TEST(PaperCarryOver, Initial_positions_that_do_not_fit_the_account_are_refused) {
  const BrokerPosition long_btc{"BTCUSDT", PositionSide::both, qty("0.1"), px("30000")};
  std::vector<PaperBrokerConfig> refused;
  refused.push_back(spot_config());  // spot has no positions to carry
  refused.back().initial_positions = {long_btc};
  refused.push_back(futures_config());
  refused.back().initial_positions = {{"ETHUSDT", PositionSide::both, qty("1"), px("3000")}};
  refused.push_back(futures_config());
  refused.back().initial_positions = {{"BTCUSDT", PositionSide::both, Quantity{}, px("30000")}};
  refused.push_back(futures_config());
  refused.back().initial_positions = {{"BTCUSDT", PositionSide::both, qty("0.1"), Price{}}};
  refused.push_back(futures_config());  // one-way account, hedge leg
  refused.back().initial_positions = {{"BTCUSDT", PositionSide::long_side, qty("0.1"), px("30000")}};
  refused.push_back(futures_config(true));  // hedge account, net position
  refused.back().initial_positions = {long_btc};
  refused.push_back(futures_config(true));  // a short leg with a long quantity
  refused.back().initial_positions = {{"BTCUSDT", PositionSide::short_side, qty("0.1"), px("30000")}};
  for (std::size_t i = 0; i < refused.size(); ++i) {
    auto broker = PaperBroker::create(refused[i]);
    ASSERT_FALSE(broker.ok()) << "case " << i;
    EXPECT_EQ(broker.error().code, "invalid_config") << "case " << i;
  }
}

}  // namespace
}  // namespace tvbot::testing
