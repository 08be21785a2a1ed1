// The three protection scenarios end to end through the engine: a real event log, the real
// paper broker with scripted prices, the price monitor and the position actor. A long and
// a short each exit by stop-loss, by take-profit levels and by a trailing stop after a
// move in their favour; every exit price, reason and P&L (fees included) is exact.
#include <gtest/gtest.h>

#include "protection_test_support.hpp"

namespace tvbot::actors::testing {
namespace {

using EngineProtection = ProtectionFixture;

// Two levels, 1% and 2% from the average entry, half the position each.
void two_level_ladder(StreamSettings& settings) {
  settings.position.protection.take_profits = {{percent("1"), bps("0.5")},
                                               {percent("2"), bps("0.5")}};
}

TEST_F(EngineProtection, Long_stop_loss_exits_at_the_paper_price_with_reason_stop_loss) {
  start(monitored());
  open(protected_alert(Action::buy, "1", percent("2")));  // fills 30015: stop 29414.7
  set_price("29500");
  set_price("29400");
  ASSERT_TRUE(wait_for<PositionClosed>());

  const auto closed = all<PositionClosed>().at(0);
  EXPECT_EQ(closed.exit_reason, OrderReason::stop_loss);
  EXPECT_EQ(closed.price, px("29385.3"));  // 29400 less 5 bps
  EXPECT_EQ(closed.realized_gross, money("-629.7"));
  EXPECT_EQ(closed.cycle_fees, money("59.4003"));  // 30.015 + 29.3853
  EXPECT_EQ(closed.cycle_realized_net, money("-689.1003"));
  EXPECT_EQ(exits(OrderReason::stop_loss).size(), 1u);
  EXPECT_EQ(all<PriceObserved>().at(0), (PriceObserved{PositionSide::both, px("29400"),
                                                       "stop_loss"}));
}

TEST_F(EngineProtection, Long_take_profit_levels_reduce_then_close_with_reason_take_profit) {
  two_level_ladder(settings_);
  start(monitored());
  open(alert(Action::buy, "1"));  // 30015: levels 30315.15 and 30615.3
  set_price("30400");
  ASSERT_TRUE(wait_for<PositionReduced>());
  set_price("30700");
  ASSERT_TRUE(wait_for<PositionClosed>());

  const auto reduced = all<PositionReduced>().at(0);
  EXPECT_EQ(reduced.reason, OrderReason::take_profit);
  EXPECT_EQ(reduced.qty, qty("0.5"));
  EXPECT_EQ(reduced.price, px("30384.8"));
  EXPECT_EQ(reduced.realized_gross, money("184.9"));
  const auto closed = all<PositionClosed>().at(0);
  EXPECT_EQ(closed.exit_reason, OrderReason::take_profit);
  EXPECT_EQ(closed.price, px("30684.65"));
  EXPECT_EQ(closed.cycle_realized_gross, money("519.725"));
  EXPECT_EQ(closed.cycle_fees, money("60.549725"));  // 30.015 + 15.1924 + 15.342325
  EXPECT_EQ(closed.cycle_realized_net, money("459.175275"));
  EXPECT_EQ(exits(OrderReason::take_profit).size(), 2u);
}

TEST_F(EngineProtection, Long_trailing_stop_follows_a_rise_and_exits_with_reason_trailing) {
  start(monitored());
  open(protected_alert(Action::buy, "1", std::nullopt, std::nullopt, percent("1")));
  set_price("31000");
  ASSERT_TRUE(wait_for_trigger("trailing_moved"));  // stop 30690
  set_price("30700");
  set_price("30600");
  ASSERT_TRUE(wait_for<PositionClosed>());

  const auto closed = all<PositionClosed>().at(0);
  EXPECT_EQ(closed.exit_reason, OrderReason::trailing);
  EXPECT_EQ(closed.price, px("30584.7"));
  EXPECT_EQ(closed.realized_gross, money("569.7"));
  EXPECT_EQ(closed.cycle_realized_net, money("509.1003"));  // 569.7 - 30.015 - 30.5847
  EXPECT_EQ(exits(OrderReason::trailing).size(), 1u);
}

TEST_F(EngineProtection, Short_stop_loss_exits_above_the_entry_with_a_buy) {
  use_futures();
  start(monitored());
  open(protected_alert(Action::sell, "1", percent("2")));  // fills 29985: stop 30584.7
  set_price("30500");
  set_price("30600");
  ASSERT_TRUE(wait_for<PositionClosed>());

  const auto closed = all<PositionClosed>().at(0);
  EXPECT_EQ(closed.direction, Direction::short_);
  EXPECT_EQ(closed.exit_reason, OrderReason::stop_loss);
  EXPECT_EQ(closed.price, px("30615.3"));
  EXPECT_EQ(closed.realized_gross, money("-630.3"));
  EXPECT_EQ(closed.cycle_realized_net, money("-690.9003"));  // - 29.985 - 30.6153
  EXPECT_EQ(exits(OrderReason::stop_loss).at(0).side, Side::buy);
}

TEST_F(EngineProtection, Short_take_profit_levels_reduce_then_close_below_the_entry) {
  use_futures();
  two_level_ladder(settings_);
  start(monitored());
  open(alert(Action::sell, "1"));  // 29985: levels 29685.15 and 29385.3
  set_price("29600");
  ASSERT_TRUE(wait_for<PositionReduced>());
  set_price("29300");
  ASSERT_TRUE(wait_for<PositionClosed>());

  const auto reduced = all<PositionReduced>().at(0);
  EXPECT_EQ(reduced.reason, OrderReason::take_profit);
  EXPECT_EQ(reduced.price, px("29614.8"));
  EXPECT_EQ(reduced.realized_gross, money("185.1"));
  const auto closed = all<PositionClosed>().at(0);
  EXPECT_EQ(closed.exit_reason, OrderReason::take_profit);
  EXPECT_EQ(closed.price, px("29314.65"));
  EXPECT_EQ(closed.cycle_realized_gross, money("520.275"));
  EXPECT_EQ(closed.cycle_realized_net, money("460.825275"));  // fees 29.985+14.8074+14.657325
}

TEST_F(EngineProtection, Short_trailing_stop_follows_a_fall_and_exits_with_reason_trailing) {
  use_futures();
  start(monitored());
  open(protected_alert(Action::sell, "1", std::nullopt, std::nullopt, percent("1")));
  set_price("29000");
  ASSERT_TRUE(wait_for_trigger("trailing_moved"));  // stop 29290
  set_price("29200");
  set_price("29400");
  ASSERT_TRUE(wait_for<PositionClosed>());

  const auto closed = all<PositionClosed>().at(0);
  EXPECT_EQ(closed.exit_reason, OrderReason::trailing);
  EXPECT_EQ(closed.price, px("29414.7"));
  EXPECT_EQ(closed.realized_gross, money("570.3"));
  EXPECT_EQ(closed.cycle_realized_net, money("510.9003"));  // - 29.985 - 29.4147
}

}  // namespace
}  // namespace tvbot::actors::testing
