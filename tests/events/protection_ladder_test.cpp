// Take-profit ladders (partial levels from the config), gaps through several levels,
// re-arming after a rejection, break-even after the first take-profit, and hedge legs.
#include <gtest/gtest.h>

#include "tests/events/protection_test_support.hpp"

namespace tvbot::testing {
namespace {

constexpr const char* kExit = "bot/BTCUSDT:7";

// Levels 1% / 2% / 3% above a 30000 entry (30300, 30600, 30900) closing 50% / 30% / 20%.
PositionConfig ladder_config(bool break_even = false) {
  PositionConfig config = one_way();
  config.lot_step = qty("0.001");
  config.protection.take_profits = {{pct("1"), ratio("0.5")},
                                    {pct("2"), ratio("0.3")},
                                    {pct("3"), ratio("0.2")}};
  config.protection.break_even_after_first_tp = break_even;
  return config;
}

Scenario long_ladder(PositionConfig config, std::string_view quantity = "1") {
  Scenario given(config);
  enter(given, signal(Action::buy, quantity), "30000", "f1");
  return given;
}

TEST(ProtectionLadder, Each_level_takes_its_share_in_order_and_the_last_closes_the_rest) {
  Scenario given = long_ladder(ladder_config());

  const auto first = events_of(tick(given, "30300"));
  ASSERT_EQ(first.size(), 2u);
  EXPECT_EQ(event_at<OrderRequested>(first, 1),
            exit_order(kExit, Side::sell, "0.5", OrderReason::take_profit));
  EXPECT_TRUE(events_of(tick(given, "30700")).empty());  // level 1's exit in flight
  const auto reduced = fill_exit(given, "f2", "30300");
  EXPECT_EQ(event_at<PositionReduced>(reduced, 1).reason, OrderReason::take_profit);
  EXPECT_EQ(event_at<PositionReduced>(reduced, 1).realized_gross, money("150"));

  EXPECT_TRUE(events_of(tick(given, "30300")).empty());  // level 1 is taken
  const auto second = events_of(tick(given, "30600"));
  ASSERT_EQ(second.size(), 2u);
  EXPECT_EQ(event_at<OrderRequested>(second, 1).qty, qty("0.3"));  // 0.5 * 0.3 / 0.5
  fill_exit(given, "f3", "30600");

  const auto third = events_of(tick(given, "30900"));
  ASSERT_EQ(third.size(), 2u);
  EXPECT_EQ(event_at<OrderRequested>(third, 1).qty, qty("0.2"));
  const auto closed = fill_exit(given, "f4", "30900");
  EXPECT_EQ(event_at<PositionClosed>(closed, 1).exit_reason, OrderReason::take_profit);
  // 0.5*300 + 0.3*600 + 0.2*900
  EXPECT_EQ(event_at<PositionClosed>(closed, 1).cycle_realized_gross, money("510"));
}

TEST(ProtectionLadder, A_gap_through_two_levels_takes_both_shares_in_one_exit) {
  Scenario given = long_ladder(ladder_config());

  const auto events = events_of(tick(given, "30650"));

  ASSERT_EQ(events.size(), 3u);
  EXPECT_EQ(event_at<PriceObserved>(events, 0).trigger, "take_profit");
  EXPECT_EQ(event_at<PriceObserved>(events, 1).trigger, "take_profit");
  EXPECT_EQ(event_at<OrderRequested>(events, 2),
            exit_order("bot/BTCUSDT:8", Side::sell, "0.8", OrderReason::take_profit));
  EXPECT_EQ(given.state().progress_net.take_profits_hit, 2u);
}

TEST(ProtectionLadder, A_gap_through_the_last_level_closes_the_whole_position) {
  Scenario given = long_ladder(ladder_config());

  const auto events = events_of(tick(given, "31000"));

  ASSERT_EQ(events.size(), 4u);
  EXPECT_EQ(event_at<OrderRequested>(events, 3).qty, qty("1"));
}

TEST(ProtectionLadder, A_rejected_take_profit_exit_rearms_its_levels) {
  Scenario given = long_ladder(ladder_config());
  ASSERT_EQ(events_of(tick(given, "30650")).size(), 3u);
  const std::string id = last_order_id(given);

  ASSERT_EQ(events_of(given.when(OrderRejectedCommand{{id, "rejected", "no"}, 0})).size(), 1u);
  EXPECT_EQ(given.state().progress_net.take_profits_hit, 0u);
  const auto again = events_of(tick(given, "30300"));

  ASSERT_EQ(again.size(), 2u);
  EXPECT_EQ(event_at<OrderRequested>(again, 1).qty, qty("0.5"));
}

TEST(ProtectionLadder, Shares_round_down_to_the_lot_step_and_the_last_level_takes_the_rest) {
  PositionConfig config = ladder_config();
  config.protection.take_profits = {{pct("1"), ratio("0.5")}, {pct("2"), ratio("0.5")}};
  Scenario given = long_ladder(config, "0.003");

  const auto first = events_of(tick(given, "30300"));
  ASSERT_EQ(first.size(), 2u);
  EXPECT_EQ(event_at<OrderRequested>(first, 1).qty, qty("0.001"));  // 0.0015 rounded down
  fill_exit(given, "f2", "30300");
  const auto second = events_of(tick(given, "30600"));
  ASSERT_EQ(second.size(), 2u);
  EXPECT_EQ(event_at<OrderRequested>(second, 1).qty, qty("0.002"));
}

TEST(ProtectionLadder, After_the_first_take_profit_fills_the_stop_moves_to_break_even) {
  PositionConfig config = ladder_config(true);
  config.protection.stop_loss = pct("2");
  Scenario given = long_ladder(config);
  ASSERT_EQ(events_of(tick(given, "30300")).size(), 2u);
  EXPECT_TRUE(events_of(tick(given, "30000")).empty());  // take-profit still in flight
  fill_exit(given, "f2", "30300");
  EXPECT_TRUE(given.state().progress_net.break_even);

  EXPECT_TRUE(events_of(tick(given, "30000.01")).empty());
  const auto events = events_of(tick(given, "30000"));

  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(event_at<PriceObserved>(events, 0).trigger, "stop_loss");
  EXPECT_EQ(event_at<OrderRequested>(events, 1).qty, qty("0.5"));
  EXPECT_EQ(event_at<OrderRequested>(events, 1).reason, OrderReason::stop_loss);
}

TEST(ProtectionLadder, Without_break_even_the_stop_stays_where_it_was) {
  PositionConfig config = ladder_config(false);
  config.protection.stop_loss = pct("2");
  Scenario given = long_ladder(config);
  ASSERT_EQ(events_of(tick(given, "30300")).size(), 2u);
  fill_exit(given, "f2", "30300");

  EXPECT_TRUE(events_of(tick(given, "29401")).empty());
  EXPECT_EQ(events_of(tick(given, "29400")).size(), 2u);
}

TEST(ProtectionLadder, An_alert_tp_replaces_the_configured_ladder_with_one_full_level) {
  Scenario given(ladder_config());
  enter(given, protected_entry(Action::buy, "1", std::nullopt, pct("5")), "30000", "f1");

  EXPECT_TRUE(events_of(tick(given, "31000")).empty());
  const auto events = events_of(tick(given, "31500"));
  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(event_at<OrderRequested>(events, 1).qty, qty("1"));
}

TEST(ProtectionLadder, Hedge_legs_are_protected_apart_and_one_tick_can_exit_one_leg) {
  Scenario given(hedge());
  enter(given, protected_entry(Action::buy, "1", pct("2")), "30000", "f1");
  enter(given, protected_entry(Action::sell, "2", pct("2")), "30000", "f2");

  const auto down = events_of(tick(given, "29400"));  // the long's stop; the short gains
  ASSERT_EQ(down.size(), 2u);
  EXPECT_EQ(event_at<PriceObserved>(down, 0).position_side, PositionSide::long_side);
  EXPECT_EQ(event_at<OrderRequested>(down, 1).side, Side::sell);
  EXPECT_EQ(event_at<OrderRequested>(down, 1).position_side, PositionSide::long_side);

  const auto up = events_of(tick(given, "30600"));  // the short's stop
  ASSERT_EQ(up.size(), 2u);
  EXPECT_EQ(event_at<OrderRequested>(up, 1).side, Side::buy);
  EXPECT_EQ(event_at<OrderRequested>(up, 1).qty, qty("2"));
  EXPECT_EQ(event_at<OrderRequested>(up, 1).position_side, PositionSide::short_side);
}

}  // namespace
}  // namespace tvbot::testing
