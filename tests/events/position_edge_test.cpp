// Fills at the edges: ties in the last digit (half-even), decimal overflow (an Error,
// nothing emitted), malformed fills. Numbers computed by hand.
#include <gtest/gtest.h>

#include "tests/events/position_test_support.hpp"

namespace tvbot::testing {
namespace {

TEST(PositionEdge, Average_entry_tie_rounds_half_even_up_to_the_even_digit) {
  Scenario given(one_way(2));
  given.given_fill(fill("f1", Side::buy, "0.00000001", "1.0000000001"));
  given.given_fill(fill("f2", Side::buy, "0.00000001", "1.0000000002"));
  // 1.00000000015 lies halfway between ...1 (odd) and ...2 (even).
  EXPECT_EQ(given.state().net.avg_entry, px("1.0000000002"));
}

TEST(PositionEdge, Average_entry_tie_rounds_half_even_down_to_the_even_digit) {
  Scenario given(one_way(2));
  given.given_fill(fill("f1", Side::buy, "0.00000001", "1"));
  given.given_fill(fill("f2", Side::buy, "0.00000001", "1.0000000001"));
  // 1.00000000005 lies halfway between ...0 (even) and ...1 (odd).
  EXPECT_EQ(given.state().net.avg_entry, px("1"));
}

TEST(PositionEdge, Flip_fee_share_tie_rounds_half_even_up_and_the_shares_sum_exactly) {
  Scenario given;
  given.given_fill(fill("f1", Side::buy, "0.00000001", "100"));
  const auto events =
      events_of(given.when_fill(fill("f2", Side::sell, "0.00000002", "100", "0.00000003")));
  // 0.00000003 * 1/2 = 0.000000015: halfway, ...1 is odd, so ...2.
  EXPECT_EQ(event_at<PositionClosed>(events, 1).fee, money("0.00000002"));
  EXPECT_EQ(event_at<PositionOpened>(events, 2).fee, money("0.00000001"));
}

TEST(PositionEdge, Flip_fee_share_tie_rounds_half_even_down_to_zero) {
  Scenario given;
  given.given_fill(fill("f1", Side::buy, "0.00000001", "100"));
  const auto events =
      events_of(given.when_fill(fill("f2", Side::sell, "0.00000002", "100", "0.00000001")));
  EXPECT_EQ(event_at<PositionClosed>(events, 1).fee, Money{});  // 0.000000005 -> 0
  EXPECT_EQ(event_at<PositionOpened>(events, 2).fee, money("0.00000001"));
}

TEST(PositionEdge, Quantity_overflow_is_decimal_overflow_and_nothing_is_emitted) {
  Scenario given(one_way(2));
  OrderFilled huge = fill("f1", Side::buy, "1", "1");
  huge.qty = Quantity::max();
  given.given_fill(huge);
  const StreamState before = given.state();

  const auto result = given.when_fill(fill("f2", Side::buy, "0.00000001", "1"));

  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, "decimal_overflow");
  EXPECT_EQ(given.state(), before);
}

TEST(PositionEdge, Realized_pnl_beyond_the_money_range_is_decimal_overflow) {
  Scenario given;
  given.given_fill(fill("f1", Side::buy, "90000000000", "1"));
  // (900000000 - 1) * 9e10 is about 8.1e19, above Money's 1e18 ceiling.
  const auto result = given.when_fill(fill("f2", Side::sell, "90000000000", "900000000"));
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, "decimal_overflow");
  EXPECT_EQ(given.state().net.qty, qty("90000000000"));
}

TEST(PositionEdge, A_fill_without_id_quantity_or_price_is_invalid) {
  Scenario given;
  EXPECT_EQ(given.when_fill(fill("", Side::buy, "1", "1")).error().code, "invalid_fill");
  EXPECT_EQ(given.when_fill(fill("f1", Side::buy, "0", "1")).error().code, "invalid_fill");
  EXPECT_EQ(given.when_fill(fill("f2", Side::buy, "1", "0")).error().code, "invalid_fill");
  EXPECT_EQ(given.state().version, 0u);
}

TEST(PositionEdge, A_hedge_leg_fill_in_one_way_mode_is_a_position_side_mismatch) {
  Scenario given;
  const auto result =
      given.when_fill(fill("f1", Side::buy, "1", "1", "0", PositionSide::long_side));
  EXPECT_EQ(result.error().code, "position_side_mismatch");
}

TEST(PositionEdge, Realized_pnl_tie_in_the_last_digit_rounds_half_even) {
  Scenario given(one_way(2));
  given.given_fill(fill("f1", Side::buy, "0.00000008", "100"));
  // 0.25 * 0.00000002 = 0.000000005: halfway between 0 (even) and 0.00000001.
  const auto down = events_of(given.when_fill(fill("f2", Side::sell, "0.00000002", "100.25")));
  EXPECT_EQ(event_at<PositionReduced>(down, 1).realized_gross, Money{});
  // 0.25 * 0.00000006 = 0.000000015: halfway between ...1 (odd) and ...2 (even).
  const auto up = events_of(given.when_fill(fill("f3", Side::sell, "0.00000006", "100.25")));
  EXPECT_EQ(event_at<PositionClosed>(up, 1).realized_gross, money("0.00000002"));
}

TEST(PositionEdge, Invariants_refuse_a_flat_position_with_an_average_entry) {
  StreamState state = initial_state("s");
  state.net.avg_entry = px("100");
  const Status status = check_invariants(state);
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.error().code, "invariant_violated");
}

TEST(PositionEdge, Invariants_refuse_an_average_that_is_not_cost_basis_over_quantity) {
  Scenario given(one_way(2));
  given.given_fills(
      {fill("f1", Side::buy, "0.01", "30000"), fill("f2", Side::buy, "0.02", "31000")});
  StreamState state = given.state();
  ASSERT_TRUE(check_invariants(state).ok());
  state.net.avg_entry = px("30666.6666666666");  // off by one in the last digit
  EXPECT_FALSE(check_invariants(state).ok());
}

TEST(PositionEdge, Invariants_refuse_totals_that_differ_from_the_sides) {
  Scenario given;
  given.given_fill(fill("f1", Side::buy, "1", "100", "0.1"));
  StreamState state = given.state();
  state.totals.fees = Money{};
  EXPECT_FALSE(check_invariants(state).ok());
}

TEST(PositionEdge, Evolve_by_value_equals_evolve_in_place) {
  Scenario given;
  given.given_fill(fill("f1", Side::buy, "1", "100", "0.1"));
  StreamState by_value = initial_state("bot/BTCUSDT");
  for (const Event& event : given.history()) by_value = evolve(std::move(by_value), event);
  EXPECT_EQ(by_value, given.state());
}

}  // namespace
}  // namespace tvbot::testing
