// Stop-loss and take-profit through decide(): ticks against an open position with
// protection, the exit they order exactly once, and the exit's reason on the position.
// Stream history in these tests: 1 AlertReceived, 2 OrderRequested, 3 ProtectionSet,
// 4 OrderFilled, 5 PositionOpened; the first tick's events start at seq 6.
#include <gtest/gtest.h>

#include "tests/events/protection_test_support.hpp"

namespace tvbot::testing {
namespace {

constexpr const char* kExit = "bot/BTCUSDT:7";  // the exit ordered by the first trigger

Scenario long_with(std::optional<PriceLevel> sl, std::optional<PriceLevel> tp = {},
                   std::optional<PriceLevel> trail = {}) {
  Scenario given;
  enter(given, protected_entry(Action::buy, "1", sl, tp, trail), "30000", "f1");
  return given;
}

Scenario short_with(std::optional<PriceLevel> sl, std::optional<PriceLevel> tp = {}) {
  Scenario given;
  enter(given, protected_entry(Action::sell, "1", sl, tp), "30000", "f1");
  return given;
}

TEST(ProtectionStop, Long_stop_loss_in_percent_triggers_at_its_level_with_one_exit) {
  Scenario given = long_with(pct("2"));  // 30000 * 0.98 = 29400

  EXPECT_TRUE(events_of(tick(given, "29400.0000000001")).empty());
  const auto events = events_of(tick(given, "29400"));

  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(event_at<PriceObserved>(events, 0),
            (PriceObserved{PositionSide::both, px("29400"), "stop_loss"}));
  EXPECT_EQ(event_at<OrderRequested>(events, 1),
            exit_order(kExit, Side::sell, "1", OrderReason::stop_loss));
}

TEST(ProtectionStop, Ticks_while_the_exit_is_in_flight_order_nothing_more) {
  Scenario given = long_with(pct("2"));
  ASSERT_EQ(events_of(tick(given, "29000")).size(), 2u);

  EXPECT_TRUE(events_of(tick(given, "28000")).empty());
  EXPECT_TRUE(events_of(tick(given, "29000")).empty());
  EXPECT_EQ(events_of(given.when(OrderAcceptedCommand{{kExit, "b-7"}, 0})).size(), 1u);
  EXPECT_TRUE(events_of(tick(given, "27000")).empty());
  EXPECT_EQ(given.state().pending.size(), 1u);
}

TEST(ProtectionStop, The_exit_fill_closes_with_reason_stop_loss_and_the_exact_pnl) {
  Scenario given = long_with(pct("2"));
  ASSERT_EQ(events_of(tick(given, "29400")).size(), 2u);

  const auto events = fill_exit(given, "f2", "29385.3", "29.3853");

  const auto& closed = event_at<PositionClosed>(events, 1);
  EXPECT_EQ(closed.exit_reason, OrderReason::stop_loss);
  EXPECT_EQ(closed.realized_gross, money("-614.7"));
  EXPECT_EQ(closed.cycle_realized_net, money("-644.0853"));
  EXPECT_TRUE(events_of(tick(given, "20000")).empty());  // flat: nothing to protect
  EXPECT_FALSE(needs_price_ticks(given.state()));
}

TEST(ProtectionStop, A_rejected_exit_is_ordered_again_by_the_next_tick_past_the_level) {
  Scenario given = long_with(pct("2"));
  ASSERT_EQ(events_of(tick(given, "29400")).size(), 2u);
  ASSERT_EQ(events_of(given.when(OrderRejectedCommand{{kExit, "rejected", "no"}, 0})).size(), 1u);

  EXPECT_TRUE(events_of(tick(given, "29500")).empty());  // back above the stop
  const auto again = events_of(tick(given, "29300"));

  ASSERT_EQ(again.size(), 2u);
  EXPECT_EQ(event_at<OrderRequested>(again, 1).reason, OrderReason::stop_loss);
  EXPECT_EQ(event_at<OrderRequested>(again, 1).qty, qty("1"));
}

TEST(ProtectionStop, Short_absolute_stop_loss_triggers_at_or_above_it_with_a_buy) {
  Scenario given = short_with(abs_level("30500"));

  EXPECT_TRUE(events_of(tick(given, "30499.99")).empty());
  const auto events = events_of(tick(given, "30600"));

  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(event_at<PriceObserved>(events, 0).trigger, "stop_loss");
  EXPECT_EQ(event_at<OrderRequested>(events, 1),
            exit_order(kExit, Side::buy, "1", OrderReason::stop_loss));
  const auto filled = fill_exit(given, "f2", "30615.3");
  EXPECT_EQ(event_at<PositionClosed>(filled, 1).realized_gross, money("-615.3"));
  EXPECT_EQ(event_at<PositionClosed>(filled, 1).exit_reason, OrderReason::stop_loss);
}

TEST(ProtectionStop, Long_take_profit_closes_everything_with_reason_take_profit) {
  Scenario given = long_with(pct("2"), pct("3"));  // tp 30900

  EXPECT_TRUE(events_of(tick(given, "30899")).empty());
  const auto events = events_of(tick(given, "30950"));

  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(event_at<PriceObserved>(events, 0),
            (PriceObserved{PositionSide::both, px("30950"), "take_profit"}));
  EXPECT_EQ(event_at<OrderRequested>(events, 1),
            exit_order(kExit, Side::sell, "1", OrderReason::take_profit));
  const auto filled = fill_exit(given, "f2", "30934.525");
  EXPECT_EQ(event_at<PositionClosed>(filled, 1).exit_reason, OrderReason::take_profit);
  EXPECT_EQ(event_at<PositionClosed>(filled, 1).realized_gross, money("934.525"));
}

TEST(ProtectionStop, Short_take_profit_in_percent_sits_below_the_entry) {
  Scenario given = short_with(std::nullopt, pct("3"));  // 29100

  EXPECT_TRUE(events_of(tick(given, "29100.01")).empty());
  const auto events = events_of(tick(given, "29100"));

  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(event_at<OrderRequested>(events, 1),
            exit_order(kExit, Side::buy, "1", OrderReason::take_profit));
}

TEST(ProtectionStop, A_stop_wins_over_a_take_profit_crossed_by_the_same_tick) {
  // Possible only with odd levels (accepted when the entry price is unknown): stop 30100
  // above take-profit 30050. The whole position closes as a stop.
  Scenario given = long_with(abs_level("30100"), abs_level("30050"));

  const auto events = events_of(tick(given, "30060"));

  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(event_at<PriceObserved>(events, 0).trigger, "stop_loss");
  EXPECT_EQ(event_at<OrderRequested>(events, 1).reason, OrderReason::stop_loss);
  EXPECT_EQ(given.state().progress_net.take_profits_hit, 0u);
}

TEST(ProtectionStop, Stop_loss_and_trailing_crossed_together_report_the_tighter_stop) {
  // Long at 30000: stop-loss 2% = 29400, trailing 1% from the entry = 29700.
  Scenario given = long_with(pct("2"), std::nullopt, pct("1"));

  const auto events = events_of(tick(given, "29300"));

  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(event_at<PriceObserved>(events, 0).trigger, "trailing");
  EXPECT_EQ(event_at<OrderRequested>(events, 1).reason, OrderReason::trailing);
}

TEST(ProtectionStop, A_close_alert_in_flight_keeps_ticks_from_ordering_a_second_exit) {
  Scenario given = long_with(pct("2"));
  ASSERT_FALSE(events_of(given.when_signal(signal(Action::close))).empty());

  EXPECT_TRUE(events_of(tick(given, "29000")).empty());
  EXPECT_EQ(given.state().pending.size(), 1u);
  EXPECT_EQ(given.state().pending.at(0).reason, OrderReason::signal);
}

TEST(ProtectionStop, An_alert_close_during_a_protective_exit_finds_nothing_left_to_close) {
  Scenario given = long_with(pct("2"));
  ASSERT_EQ(events_of(tick(given, "29000")).size(), 2u);

  const auto events = events_of(given.when_signal(signal(Action::close)));

  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(event_at<AlertRejected>(events, 0).reason, "no_position");
}

TEST(ProtectionStop, Ticks_trigger_while_the_bot_is_paused) {
  Scenario given = long_with(pct("2"));
  given.given(PauseCommand{"operator", 0});

  const auto events = events_of(tick(given, "29000"));

  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(event_at<OrderRequested>(events, 1).reason, OrderReason::stop_loss);
}

TEST(ProtectionStop, Percent_levels_follow_the_average_entry_after_a_pyramid_entry) {
  Scenario given(one_way(2));
  enter(given, protected_entry(Action::buy, "1", pct("2")), "30000", "f1");
  enter(given, protected_entry(Action::buy, "1", pct("2")), "32000", "f2");
  ASSERT_EQ(given.state().net.avg_entry, px("31000"));  // stop now 31000 * 0.98 = 30380

  EXPECT_TRUE(events_of(tick(given, "30381")).empty());
  const auto events = events_of(tick(given, "30380"));

  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(event_at<OrderRequested>(events, 1).qty, qty("2"));
}

TEST(ProtectionStop, A_pyramid_alert_changes_only_the_levels_it_names) {
  Scenario given(one_way(3));
  enter(given, protected_entry(Action::buy, "1", pct("2"), pct("10")), "30000", "f1");

  const auto plain = events_of(given.when_signal(signal(Action::buy, "1")));
  ASSERT_EQ(plain.size(), 1u);  // nothing named: the protection in force stays, unrecorded
  given.given_fill(for_order(fill("f2", Side::buy, "1", "30000"), last_order_id(given)));
  const auto tighter = events_of(given.when_signal(protected_entry(Action::buy, "1", pct("1"))));

  ASSERT_EQ(tighter.size(), 2u);
  const auto& changed = event_at<ProtectionSet>(tighter, 1);
  EXPECT_EQ(changed.stop_loss, pct("1"));
  ASSERT_EQ(changed.take_profits.size(), 1u);
  EXPECT_EQ(changed.take_profits[0].level, pct("10"));  // kept
}

TEST(ProtectionStop, A_position_without_protection_or_a_flat_stream_ignores_ticks) {
  Scenario flat;
  EXPECT_TRUE(events_of(tick(flat, "1")).empty());
  Scenario unprotected;
  enter(unprotected, signal(Action::buy, "1"), "30000", "f1");
  EXPECT_TRUE(events_of(tick(unprotected, "1")).empty());
  EXPECT_FALSE(needs_price_ticks(unprotected.state()));
  EXPECT_EQ(tick(unprotected, "0").error().code, "invalid_tick");
}

TEST(ProtectionStop, A_new_position_without_protection_clears_the_old_positions) {
  Scenario given = long_with(pct("2"));
  ASSERT_EQ(events_of(tick(given, "29000")).size(), 2u);
  fill_exit(given, "f2", "29000");

  const auto entry = events_of(given.when_signal(signal(Action::buy, "1")));

  ASSERT_EQ(entry.size(), 2u);
  EXPECT_EQ(event_at<ProtectionSet>(entry, 1), ProtectionSet{});
  given.given_fill(for_order(fill("f3", Side::buy, "1", "30000"), last_order_id(given)));
  EXPECT_TRUE(events_of(tick(given, "20000")).empty());
}

TEST(ProtectionStop, Absolute_levels_on_the_wrong_side_of_the_entry_price_reject_the_alert) {
  Signal long_stop_above = protected_entry(Action::buy, "1", abs_level("30500"));
  long_stop_above.price = px("30000");
  Signal short_tp_above = protected_entry(Action::sell, "1", std::nullopt, abs_level("30100"));
  Signal hundred_percent = protected_entry(Action::buy, "1", pct("100"));

  for (const Signal& alert : {long_stop_above, short_tp_above, hundred_percent}) {
    Scenario given;
    const auto events = events_of(given.when_signal(alert, px("30000")));
    ASSERT_EQ(events.size(), 1u);
    EXPECT_EQ(event_at<AlertRejected>(events, 0).reason, "invalid_protection");
  }
}

}  // namespace
}  // namespace tvbot::testing
