// Alerts in one-way mode: entries, pyramiding limits, closes, sizing, protection, pause,
// and the order lifecycle commands. Every refusal is an AlertRejected naming the alert.
#include <gtest/gtest.h>

#include "tests/events/position_test_support.hpp"

namespace tvbot::testing {
namespace {

AlertRejected rejection(const std::vector<EventPayload>& events) {
  EXPECT_EQ(events.size(), 1u);
  return event_at<AlertRejected>(events, 0);
}

TEST(PositionSignal, Entry_signal_requests_a_market_order_named_after_its_stream_seq) {
  Scenario given;
  const auto events = events_of(given.when_signal(signal(Action::buy, "0.5")));

  ASSERT_EQ(events.size(), 1u);
  OrderRequested expected;
  expected.client_order_id = "bot/BTCUSDT:2";  // AlertReceived is seq 1
  expected.side = Side::buy;
  expected.qty = qty("0.5");
  expected.type = OrderType::market;
  expected.reason = OrderReason::signal;
  expected.position_side = PositionSide::both;
  expected.reduce_only = false;
  EXPECT_EQ(event_at<OrderRequested>(events, 0), expected);
  ASSERT_EQ(given.state().pending.size(), 1u);
  EXPECT_EQ(given.state().pending[0].client_order_id, "bot/BTCUSDT:2");
}

TEST(PositionSignal, Pyramid_past_max_entries_is_rejected_with_max_entries) {
  Scenario given(one_way(2));
  given.given_fills({fill("f1", Side::buy, "1", "100"), fill("f2", Side::buy, "1", "110")});

  const auto rejected = rejection(events_of(given.when_signal(signal(Action::long_, "1"))));

  EXPECT_EQ(rejected.alert_seq, 5u);  // 4 events of fills, then the AlertReceived
  EXPECT_EQ(rejected.reason, "max_entries");
}

TEST(PositionSignal, Entries_in_flight_count_toward_max_entries) {
  Scenario given(one_way(1));
  given.given_signal(signal(Action::buy, "1"));
  EXPECT_EQ(rejection(events_of(given.when_signal(signal(Action::buy, "1")))).reason,
            "max_entries");
}

TEST(PositionSignal, Close_and_reentry_on_one_bar_is_allowed_while_the_close_is_in_flight) {
  Scenario given(one_way(1));
  given.given_fill(fill("f1", Side::buy, "1", "100"));
  given.given_signal(signal(Action::close));  // sell 1 in flight

  const auto events = events_of(given.when_signal(signal(Action::buy, "1")));

  const auto& order = event_at<OrderRequested>(events, 0);
  EXPECT_EQ(order.side, Side::buy);
  EXPECT_EQ(order.qty, qty("1"));
  EXPECT_FALSE(order.reduce_only);
}

TEST(PositionSignal, Max_position_counts_the_position_and_the_orders_in_flight) {
  Scenario given(one_way(3));
  given.config.max_position = qty("1");
  given.given_fill(fill("f1", Side::buy, "0.6", "100"));
  given.given_signal(signal(Action::buy, "0.3"));  // 0.9 once filled

  const auto rejected = rejection(events_of(given.when_signal(signal(Action::buy, "0.2"))));

  EXPECT_EQ(rejected.reason, "max_position");
}

TEST(PositionSignal, Paused_bot_rejects_signals_and_pausing_twice_is_no_event) {
  Scenario given;
  EXPECT_EQ(events_of(given.when(PauseCommand{"drawdown", 0})),
            std::vector<EventPayload>{BotPaused{"drawdown"}});
  EXPECT_TRUE(events_of(given.when(PauseCommand{"again", 0})).empty());

  EXPECT_EQ(rejection(events_of(given.when_signal(signal(Action::buy, "1")))).reason,
            "bot_paused");

  EXPECT_EQ(events_of(given.when(ResumeCommand{"ok", 0})),
            std::vector<EventPayload>{BotResumed{"ok"}});
  EXPECT_TRUE(events_of(given.when(ResumeCommand{"ok", 0})).empty());
  const auto events = events_of(given.when_signal(signal(Action::buy, "1")));
  EXPECT_TRUE(std::holds_alternative<OrderRequested>(events.at(0)));
}

TEST(PositionSignal, Close_with_nothing_open_is_rejected_with_no_position) {
  Scenario given;
  EXPECT_EQ(rejection(events_of(given.when_signal(signal(Action::close)))).reason, "no_position");
  EXPECT_EQ(rejection(events_of(given.when_signal(signal(Action::flat)))).reason, "no_position");
}

TEST(PositionSignal, Close_long_while_short_is_rejected_with_no_position) {
  Scenario given;
  given.given_fill(fill("f1", Side::sell, "1", "100"));
  EXPECT_EQ(rejection(events_of(given.when_signal(signal(Action::close_long)))).reason,
            "no_position");
}

TEST(PositionSignal, Close_closes_the_whole_position_with_one_reduce_only_order) {
  Scenario given;
  given.given_fill(fill("f1", Side::buy, "0.3", "100"));

  const auto events = events_of(given.when_signal(signal(Action::close)));

  ASSERT_EQ(events.size(), 1u);
  const auto& order = event_at<OrderRequested>(events, 0);
  EXPECT_EQ(order.side, Side::sell);
  EXPECT_EQ(order.qty, qty("0.3"));
  EXPECT_TRUE(order.reduce_only);
  EXPECT_EQ(order.reason, OrderReason::signal);
}

TEST(PositionSignal, Close_with_an_alert_qty_closes_part_rounded_down_to_the_lot_step) {
  Scenario given;
  given.config.lot_step = qty("0.1");
  given.given_fill(fill("f1", Side::buy, "1", "100"));

  const auto events = events_of(given.when_signal(signal(Action::close_long, "0.45")));

  EXPECT_EQ(event_at<OrderRequested>(events, 0).qty, qty("0.4"));
}

TEST(PositionSignal, Buy_while_short_is_one_order_that_closes_the_short_and_opens_the_long) {
  Scenario given;  // max_entries 1: a reversal starts a new position at entry 1
  given.given_fill(fill("f1", Side::sell, "0.5", "100"));

  const auto requested = events_of(given.when_signal(signal(Action::buy, "0.2")));
  const auto& order = event_at<OrderRequested>(requested, 0);
  EXPECT_EQ(order.side, Side::buy);
  EXPECT_EQ(order.qty, qty("0.7"));
  EXPECT_FALSE(order.reduce_only);

  const auto filled = events_of(
      given.when_fill(for_order(fill("f2", Side::buy, "0.7", "90"), order.client_order_id)));

  EXPECT_EQ(event_at<PositionClosed>(filled, 1).realized_gross, money("5"));
  EXPECT_EQ(event_at<PositionClosed>(filled, 1).exit_reason, OrderReason::signal);
  EXPECT_EQ(event_at<PositionOpened>(filled, 2).qty, qty("0.2"));
  EXPECT_EQ(given.state().net.signed_qty(), qty("0.2"));
  EXPECT_TRUE(given.state().pending.empty());
}

TEST(PositionSignal, Sell_while_long_is_one_order_that_closes_the_long_and_opens_the_short) {
  Scenario given;
  given.given_fill(fill("f1", Side::buy, "0.5", "100"));
  const auto events = events_of(given.when_signal(signal(Action::short_, "0.2")));
  EXPECT_EQ(event_at<OrderRequested>(events, 0).side, Side::sell);
  EXPECT_EQ(event_at<OrderRequested>(events, 0).qty, qty("0.7"));
}

TEST(PositionSignal, Entry_with_a_stop_loss_sets_protection_for_its_side) {
  Scenario given;
  Signal alert = signal(Action::buy, "1");
  alert.stop_loss = PriceLevel{true, px("2")};

  const auto events = events_of(given.when_signal(alert));

  ASSERT_EQ(events.size(), 2u);
  ProtectionSet expected;
  expected.position_side = PositionSide::both;
  expected.stop_loss = PriceLevel{true, px("2")};
  EXPECT_EQ(event_at<ProtectionSet>(events, 1), expected);
  EXPECT_EQ(given.state().protection_net, expected);
}

TEST(PositionSignal, Config_default_protection_applies_unless_the_alert_overrides_it) {
  Scenario given;
  given.config.protection.stop_loss = PriceLevel{true, px("3")};
  given.config.protection.take_profit = PriceLevel{true, px("5")};
  Signal alert = signal(Action::buy, "1");
  alert.stop_loss = PriceLevel{false, px("27000")};

  const auto events = events_of(given.when_signal(alert));

  const auto& protection = event_at<ProtectionSet>(events, 1);
  EXPECT_EQ(protection.stop_loss, (PriceLevel{false, px("27000")}));
  ASSERT_EQ(protection.take_profits.size(), 1u);
  EXPECT_EQ(protection.take_profits[0], (TakeProfitLevel{PriceLevel{true, px("5")}, ratio("1")}));
  EXPECT_FALSE(protection.trailing.has_value());
}

TEST(PositionSignal, Entry_without_any_protection_sets_none) {
  Scenario given;
  EXPECT_EQ(events_of(given.when_signal(signal(Action::buy, "1"))).size(), 1u);
}

TEST(PositionSignal, Cancel_action_is_rejected_as_unsupported) {
  Scenario given;
  EXPECT_EQ(rejection(events_of(given.when_signal(signal(Action::cancel)))).reason,
            "unsupported_action");
}

TEST(PositionSignal, An_order_rejected_by_the_broker_leaves_flight_and_a_repeat_is_no_event) {
  Scenario given;
  given.given_signal(signal(Action::buy, "1"));
  const OrderRejected rejected{"bot/BTCUSDT:2", "insufficient_margin", "no margin"};

  EXPECT_EQ(events_of(given.when(OrderRejectedCommand{rejected, 0})),
            std::vector<EventPayload>{rejected});
  EXPECT_TRUE(given.state().pending.empty());
  EXPECT_TRUE(events_of(given.when(OrderRejectedCommand{rejected, 0})).empty());
  // The refused entry no longer counts: a new one may go.
  const auto events = events_of(given.when_signal(signal(Action::buy, "1")));
  EXPECT_TRUE(std::holds_alternative<OrderRequested>(events.at(0)));
}

TEST(PositionSignal, Accepted_records_the_broker_id_and_cancelled_clears_the_order) {
  Scenario given;
  given.given_signal(signal(Action::buy, "1"));
  events_of(given.when(OrderAcceptedCommand{{"bot/BTCUSDT:2", "B-77"}, 0}));
  ASSERT_EQ(given.state().pending.size(), 1u);
  EXPECT_EQ(given.state().pending[0].broker_order_id, "B-77");

  EXPECT_EQ(events_of(given.when(OrderCancelledCommand{{"bot/BTCUSDT:2", "expired"}, 0})).size(),
            1u);
  EXPECT_TRUE(given.state().pending.empty());
  EXPECT_TRUE(events_of(given.when(OrderAcceptedCommand{{"bot/BTCUSDT:2", "B-77"}, 0})).empty());
}

TEST(PositionSignal, Manual_close_with_nothing_open_is_rejected_with_no_position) {
  Scenario given;
  const auto rejected = rejection(events_of(given.when(ManualCloseCommand{})));
  EXPECT_EQ(rejected.reason, "no_position");
  EXPECT_EQ(rejected.alert_seq, 0u);
}

TEST(PositionSignal, A_config_without_entries_is_invalid) {
  Scenario given(one_way(0));
  const auto result = given.when_signal(signal(Action::buy, "1"));
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, "invalid_config");
}

}  // namespace
}  // namespace tvbot::testing
