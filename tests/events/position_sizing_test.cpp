// Entry sizing: fixed, from the alert, quote amount, percent of equity; rounded down to
// the lot step; an explicit alert qty wins unless a fixed rule ignores it.
#include <gtest/gtest.h>

#include "tests/events/position_test_support.hpp"

namespace tvbot::testing {
namespace {

AlertRejected rejection(const std::vector<EventPayload>& events) {
  EXPECT_EQ(events.size(), 1u);
  return event_at<AlertRejected>(events, 0);
}

Quantity ordered_qty(Result<std::vector<EventPayload>> decided) {
  return event_at<OrderRequested>(events_of(std::move(decided)), 0).qty;
}

TEST(PositionSizing, Quantity_rounding_to_zero_is_rejected_with_zero_quantity) {
  Scenario given;
  given.config.lot_step = qty("0.01");
  EXPECT_EQ(rejection(events_of(given.when_signal(signal(Action::buy, "0.005")))).reason,
            "zero_quantity");
}

TEST(PositionSizing, Negative_alert_qty_is_rejected_with_invalid_quantity) {
  Scenario given;
  EXPECT_EQ(rejection(events_of(given.when_signal(signal(Action::buy, "-1")))).reason,
            "invalid_quantity");
}

TEST(PositionSizing, Alert_sizing_without_qty_is_rejected_with_missing_qty) {
  Scenario given;
  EXPECT_EQ(rejection(events_of(given.when_signal(signal(Action::buy)))).reason, "missing_qty");
}

TEST(PositionSizing, Explicit_alert_qty_wins_over_fixed_sizing_unless_told_to_ignore_it) {
  Scenario given(one_way(5));
  given.config.sizing.kind = SizingRule::Kind::fixed_qty;
  given.config.sizing.fixed_qty = qty("0.25");
  EXPECT_EQ(ordered_qty(given.when_signal(signal(Action::buy, "0.1"))), qty("0.1"));
  EXPECT_EQ(ordered_qty(given.when_signal(signal(Action::buy))), qty("0.25"));
  given.config.sizing.ignore_alert_qty = true;
  EXPECT_EQ(ordered_qty(given.when_signal(signal(Action::buy, "0.1"))), qty("0.25"));
}

TEST(PositionSizing, Quote_amount_sizing_divides_by_the_alert_price_and_rounds_down) {
  Scenario given(one_way(5));
  given.config.sizing.kind = SizingRule::Kind::quote_amount;
  given.config.sizing.quote_amount = money("100");
  Signal alert = signal(Action::buy);
  alert.price = px("30000");
  // 100 / 30000 = 0.0033333333.. -> 0.00333333
  EXPECT_EQ(ordered_qty(given.when_signal(alert)), qty("0.00333333"));
  given.config.lot_step = qty("0.001");
  EXPECT_EQ(ordered_qty(given.when_signal(alert)), qty("0.003"));
}

TEST(PositionSizing, Quote_amount_sizing_falls_back_to_the_mark_price_and_needs_one) {
  Scenario given(one_way(5));
  given.config.sizing.kind = SizingRule::Kind::quote_amount;
  given.config.sizing.quote_amount = money("100");
  EXPECT_EQ(ordered_qty(given.when_signal(signal(Action::buy), px("25000"))), qty("0.004"));
  EXPECT_EQ(rejection(events_of(given.when_signal(signal(Action::buy)))).reason,
            "missing_price");
}

TEST(PositionSizing, Percent_of_equity_sizing_rounds_down_and_needs_equity) {
  Scenario given(one_way(5));
  given.config.sizing.kind = SizingRule::Kind::percent_of_equity;
  given.config.sizing.percent = ratio("1");
  // 1000 * 1 % / 30000 = 0.000333333.. -> 0.00033333
  EXPECT_EQ(ordered_qty(given.when_signal(signal(Action::buy), px("30000"), money("1000"))),
            qty("0.00033333"));
  EXPECT_EQ(rejection(events_of(given.when_signal(signal(Action::buy), px("30000")))).reason,
            "missing_equity");
}

TEST(PositionSizing, Sizing_that_overflows_is_decimal_overflow_and_nothing_is_emitted) {
  Scenario given;
  given.config.sizing.kind = SizingRule::Kind::percent_of_equity;
  given.config.sizing.percent = ratio("100");
  // 1e17 * 100 % / 0.0000000001 = 1e27 units: far beyond Quantity.
  const auto result =
      given.when_signal(signal(Action::buy), px("0.0000000001"), money("100000000000000000"));
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, "decimal_overflow");
  EXPECT_EQ(given.state().version, 1u);  // only the AlertReceived
}

}  // namespace
}  // namespace tvbot::testing
