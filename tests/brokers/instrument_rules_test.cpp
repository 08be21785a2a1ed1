#include "brokers/instrument_rules.hpp"

#include <gtest/gtest.h>

#include "brokers/broker.hpp"

namespace tvbot {
namespace {

Price px(const char* text) {
  return Price::parse_exact(text).value();
}
Quantity qty(const char* text) {
  return Quantity::parse_exact(text).value();
}

// Binance BTCUSDT-like: tick 0.01, lot 0.001, 0.001 .. 100, notional at least 10.
InstrumentRules btc_rules() {
  return InstrumentRules{px("0.01"), qty("0.001"), qty("0.001"), qty("100"), Money::from_int(10)};
}

std::string violation_of(const Status& status) {
  return status.ok() ? "" : status.error().code;
}

TEST(RoundToRules, Rounds_quantity_down_to_the_lot_step_and_price_to_the_nearest_tick) {
  const auto rounded = round_to_rules(qty("0.12399"), px("30000.126"), btc_rules());
  EXPECT_EQ(rounded.qty, qty("0.123"));
  EXPECT_EQ(rounded.price, px("30000.13"));
}

TEST(RoundToRules, A_price_exactly_between_two_ticks_goes_to_the_even_tick) {
  EXPECT_EQ(round_to_rules(qty("1"), px("30000.125"), btc_rules()).price, px("30000.12"));
  EXPECT_EQ(round_to_rules(qty("1"), px("30000.135"), btc_rules()).price, px("30000.14"));
}

TEST(RoundToRules, Zero_steps_leave_quantity_and_price_as_they_are) {
  const auto rounded = round_to_rules(qty("0.12345678"), px("30000.1234567891"), InstrumentRules{});
  EXPECT_EQ(rounded.qty, qty("0.12345678"));
  EXPECT_EQ(rounded.price, px("30000.1234567891"));
}

TEST(RoundToMultiple, Rounds_negative_values_half_to_even_and_by_floor_and_ceiling) {
  EXPECT_EQ(round_to_multiple(px("-0.015"), px("0.01"), Rounding::half_even), px("-0.02"));
  EXPECT_EQ(round_to_multiple(px("-0.025"), px("0.01"), Rounding::half_even), px("-0.02"));
  EXPECT_EQ(round_to_multiple(px("-0.011"), px("0.01"), Rounding::floor), px("-0.02"));
  EXPECT_EQ(round_to_multiple(px("-0.019"), px("0.01"), Rounding::ceiling), px("-0.01"));
  EXPECT_EQ(round_to_multiple(px("0.011"), px("0.01"), Rounding::ceiling), px("0.02"));
}

TEST(CheckRules, Accepts_an_order_that_meets_every_filter) {
  EXPECT_TRUE(check_rules(qty("0.001"), px("30000"), btc_rules()).ok());
}

TEST(CheckRules, A_price_off_the_tick_or_not_positive_is_a_price_filter_violation) {
  EXPECT_EQ(violation_of(check_rules(qty("1"), px("30000.005"), btc_rules())), "price_filter");
  EXPECT_EQ(violation_of(check_rules(qty("1"), px("0"), btc_rules())), "price_filter");
}

TEST(CheckRules, Quantities_outside_the_bounds_or_off_the_lot_step_are_named) {
  EXPECT_EQ(violation_of(check_rules(qty("0.0005"), px("30000"), btc_rules())), "min_qty");
  EXPECT_EQ(violation_of(check_rules(qty("0"), px("30000"), btc_rules())), "min_qty");
  EXPECT_EQ(violation_of(check_rules(qty("100.001"), px("30000"), btc_rules())), "max_qty");
  EXPECT_EQ(violation_of(check_rules(qty("0.0015"), px("30000"), btc_rules())), "lot_size");
}

TEST(CheckRules, Min_notional_is_compared_exactly_at_the_boundary) {
  // 0.001 * 9999.99 = 9.99999 < 10; 0.001 * 10000 = 10 exactly is enough.
  EXPECT_EQ(violation_of(check_rules(qty("0.001"), px("9999.99"), btc_rules())), "min_notional");
  EXPECT_TRUE(check_rules(qty("0.001"), px("10000"), btc_rules()).ok());
}

TEST(CheckRules, The_price_filter_is_checked_before_the_quantity) {
  EXPECT_EQ(violation_of(check_rules(qty("0.0005"), px("30000.005"), btc_rules())), "price_filter");
}

TEST(CheckRules, Rules_left_at_zero_filter_nothing) {
  EXPECT_TRUE(check_rules(qty("0.00000001"), px("0.0000000001"), InstrumentRules{}).ok());
}

TEST(OutcomeUnknown, Only_a_timeout_leaves_the_outcome_unknown) {
  EXPECT_TRUE(outcome_unknown(make_error("timeout", "no answer")));
  EXPECT_FALSE(outcome_unknown(make_error("unavailable", "down")));
  EXPECT_FALSE(outcome_unknown(make_error("rejected", "bad request")));
  EXPECT_FALSE(outcome_unknown(make_error("not_found", "no such order")));
}

TEST(OrderStatus, Only_new_and_partially_filled_orders_are_still_working) {
  EXPECT_FALSE(is_terminal(OrderStatus::new_));
  EXPECT_FALSE(is_terminal(OrderStatus::partially_filled));
  EXPECT_TRUE(is_terminal(OrderStatus::filled));
  EXPECT_TRUE(is_terminal(OrderStatus::cancelled));
  EXPECT_TRUE(is_terminal(OrderStatus::rejected));
  EXPECT_TRUE(is_terminal(OrderStatus::expired));
  EXPECT_EQ(to_string(OrderStatus::partially_filled), "partially_filled");
}

}  // namespace
}  // namespace tvbot
