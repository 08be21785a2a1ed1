// Strategy-sync: an alert carrying {{strategy.position_size}} asks for whatever brings the
// position, orders in flight included, to the strategy's own position.
#include <gtest/gtest.h>

#include "tests/events/position_test_support.hpp"

namespace tvbot::testing {
namespace {

OrderRequested only_order(const std::vector<EventPayload>& events) {
  EXPECT_EQ(events.size(), 1u);
  return event_at<OrderRequested>(events, 0);
}

TEST(PositionSync, Sync_from_flat_buys_the_target) {
  Scenario given;
  const auto order = only_order(events_of(given.when_signal(target("0.5"))));
  EXPECT_EQ(order.side, Side::buy);
  EXPECT_EQ(order.qty, qty("0.5"));
  EXPECT_EQ(order.reason, OrderReason::sync);
  EXPECT_FALSE(order.reduce_only);
}

TEST(PositionSync, Strategy_sync_from_long_to_short_in_one_step) {
  Scenario given;
  given.given_fill(fill("f1", Side::buy, "1", "100"));

  const auto order = only_order(events_of(given.when_signal(target("-0.5"))));
  EXPECT_EQ(order.side, Side::sell);
  EXPECT_EQ(order.qty, qty("1.5"));
  EXPECT_FALSE(order.reduce_only);

  const auto filled = events_of(
      given.when_fill(for_order(fill("f2", Side::sell, "1.5", "90"), order.client_order_id)));
  EXPECT_EQ(event_at<PositionClosed>(filled, 1).exit_reason, OrderReason::sync);
  EXPECT_EQ(event_at<PositionClosed>(filled, 1).realized_gross, money("-10"));
  EXPECT_EQ(given.state().net.signed_qty(), qty("-0.5"));
}

TEST(PositionSync, Strategy_sync_counts_an_entry_still_in_flight) {
  Scenario given(one_way(2));
  given.given_fill(fill("f1", Side::buy, "1", "100"));
  given.given_signal(signal(Action::buy, "0.5"));  // not filled yet: 1.5 once it is

  const auto order = only_order(events_of(given.when_signal(target("1"))));

  EXPECT_EQ(order.side, Side::sell);
  EXPECT_EQ(order.qty, qty("0.5"));
  EXPECT_TRUE(order.reduce_only);
}

TEST(PositionSync, Strategy_sync_from_long_to_short_with_a_close_in_flight) {
  Scenario given;
  given.given_fill(fill("f1", Side::buy, "1", "100"));
  given.given_signal(signal(Action::close));  // sell 1 in flight: flat once filled

  const auto order = only_order(events_of(given.when_signal(target("-0.5"))));

  EXPECT_EQ(order.side, Side::sell);
  EXPECT_EQ(order.qty, qty("0.5"));
  EXPECT_FALSE(order.reduce_only);
}

TEST(PositionSync, Already_at_the_target_emits_nothing) {
  Scenario given;
  given.given_fill(fill("f1", Side::buy, "1", "100"));
  EXPECT_TRUE(events_of(given.when_signal(target("1"))).empty());
}

TEST(PositionSync, Sync_to_zero_closes_with_a_reduce_only_order) {
  Scenario given;
  given.given_fill(fill("f1", Side::sell, "0.7", "100"));
  const auto order = only_order(events_of(given.when_signal(target("0"))));
  EXPECT_EQ(order.side, Side::buy);
  EXPECT_EQ(order.qty, qty("0.7"));
  EXPECT_TRUE(order.reduce_only);
}

TEST(PositionSync, A_missed_alert_heals_at_the_next_one) {
  Scenario given(one_way(2));
  given.given_fill(fill("f1", Side::buy, "1", "100"));
  // The strategy pyramided to 2 and then 3 while tvbot saw neither alert.
  const auto order = only_order(events_of(given.when_signal(target("3"))));
  EXPECT_EQ(order.side, Side::buy);
  EXPECT_EQ(order.qty, qty("2"));
  EXPECT_FALSE(order.reduce_only);
}

TEST(PositionSync, The_target_rounds_toward_zero_to_the_lot_step) {
  Scenario given;
  given.config.lot_step = qty("0.1");
  EXPECT_EQ(only_order(events_of(given.when_signal(target("-0.55")))).qty, qty("0.5"));
}

TEST(PositionSync, A_target_beyond_max_position_is_rejected) {
  Scenario given;
  given.config.max_position = qty("2");
  const auto events = events_of(given.when_signal(target("-2.5")));
  EXPECT_EQ(event_at<AlertRejected>(events, 0).reason, "max_position");
}

TEST(PositionSync, Sync_while_paused_is_rejected_with_bot_paused) {
  Scenario given;
  given.given(PauseCommand{"manual", 0});
  const auto events = events_of(given.when_signal(target("1")));
  EXPECT_EQ(event_at<AlertRejected>(events, 0).reason, "bot_paused");
}

TEST(PositionSync, Sync_that_opens_sets_the_alert_protection) {
  Scenario given;
  Signal alert = target("1");
  alert.take_profit = PriceLevel{false, px("35000")};
  const auto events = events_of(given.when_signal(alert));
  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(event_at<ProtectionSet>(events, 1).take_profits.at(0).level,
            (PriceLevel{false, px("35000")}));
}

TEST(PositionSync, Hedge_positive_target_sets_the_long_leg_and_closes_the_short_leg) {
  Scenario given(hedge());
  given.given_fills({fill("f1", Side::buy, "0.2", "100", "0", PositionSide::long_side),
                     fill("f2", Side::sell, "0.3", "100", "0", PositionSide::short_side)});

  const auto events = events_of(given.when_signal(target("0.5")));

  ASSERT_EQ(events.size(), 2u);
  const auto& close_short = event_at<OrderRequested>(events, 0);
  EXPECT_EQ(close_short.position_side, PositionSide::short_side);
  EXPECT_EQ(close_short.side, Side::buy);
  EXPECT_EQ(close_short.qty, qty("0.3"));
  EXPECT_TRUE(close_short.reduce_only);
  const auto& add_long = event_at<OrderRequested>(events, 1);
  EXPECT_EQ(add_long.position_side, PositionSide::long_side);
  EXPECT_EQ(add_long.side, Side::buy);
  EXPECT_EQ(add_long.qty, qty("0.3"));
  EXPECT_FALSE(add_long.reduce_only);
}

TEST(PositionSync, Hedge_negative_target_sets_the_short_leg_and_closes_the_long_leg) {
  Scenario given(hedge());
  given.given_fill(fill("f1", Side::buy, "0.2", "100", "0", PositionSide::long_side));

  const auto events = events_of(given.when_signal(target("-1")));

  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(event_at<OrderRequested>(events, 0).position_side, PositionSide::long_side);
  EXPECT_EQ(event_at<OrderRequested>(events, 0).side, Side::sell);
  EXPECT_TRUE(event_at<OrderRequested>(events, 0).reduce_only);
  EXPECT_EQ(event_at<OrderRequested>(events, 1).position_side, PositionSide::short_side);
  EXPECT_EQ(event_at<OrderRequested>(events, 1).side, Side::sell);
  EXPECT_EQ(event_at<OrderRequested>(events, 1).qty, qty("1"));
}

TEST(PositionSync, Hedge_zero_target_closes_both_legs) {
  Scenario given(hedge());
  given.given_fills({fill("f1", Side::buy, "0.2", "100", "0", PositionSide::long_side),
                     fill("f2", Side::sell, "0.3", "100", "0", PositionSide::short_side)});
  const auto events = events_of(given.when_signal(target("0")));
  ASSERT_EQ(events.size(), 2u);
  EXPECT_TRUE(event_at<OrderRequested>(events, 0).reduce_only);
  EXPECT_TRUE(event_at<OrderRequested>(events, 1).reduce_only);
}

}  // namespace
}  // namespace tvbot::testing
