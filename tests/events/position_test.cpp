// Fills, one-way mode: a position changes only by applying a fill; every number below was
// computed by hand.
#include <gtest/gtest.h>

#include "tests/events/position_test_support.hpp"

namespace tvbot::testing {
namespace {

TEST(PositionFill, First_buy_fill_opens_a_long_at_the_fill_price) {
  Scenario given;
  const auto events = events_of(given.when_fill(fill("f1", Side::buy, "0.01", "30000", "0.12")));

  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(event_at<OrderFilled>(events, 0), fill("f1", Side::buy, "0.01", "30000", "0.12"));
  EXPECT_EQ(event_at<PositionOpened>(events, 1),
            (PositionOpened{PositionSide::both, Direction::long_, "f1", qty("0.01"),
                            px("30000"), money("0.12"), 1}));
  const SidePosition& net = given.state().net;
  EXPECT_EQ(net.qty, qty("0.01"));
  EXPECT_EQ(net.avg_entry, px("30000"));
  EXPECT_EQ(net.entries, 1u);
  EXPECT_EQ(net.cycle, 1u);
  EXPECT_EQ(net.cycle_fees, money("0.12"));
  EXPECT_EQ(given.state().totals.realized_net(), money("-0.12"));
}

TEST(PositionFill, Three_pyramid_entries_average_to_the_exact_weighted_price) {
  Scenario given(one_way(3));
  given.given_fills(
      {fill("f1", Side::buy, "0.01", "30000"), fill("f2", Side::buy, "0.02", "31000")});
  // (300 + 620) / 0.03 = 30666.66666666666.. -> 30666.6666666667
  EXPECT_EQ(given.state().net.avg_entry, px("30666.6666666667"));

  const auto events = events_of(given.when_fill(fill("f3", Side::buy, "0.03", "29500")));

  // (300 + 620 + 885) / 0.06 = 30083.33333333333..; averaging the rounded 30666.6666666667
  // instead would give 30083.33333333335 and round to ...334: the sum is kept exact.
  PositionIncreased expected{PositionSide::both, Direction::long_, "f3", qty("0.03"),
                             px("29500"), money("0"), qty("0.06"), px("30083.3333333333"), 3};
  EXPECT_EQ(event_at<PositionIncreased>(events, 1), expected);
  EXPECT_EQ(given.state().net.avg_entry, px("30083.3333333333"));
  EXPECT_EQ(given.state().net.entries, 3u);
}

TEST(PositionFill, Partial_close_books_realized_pnl_at_the_average_and_keeps_the_average) {
  Scenario given(one_way(2));
  given.given_fills({fill("f1", Side::buy, "1", "100"), fill("f2", Side::buy, "1", "120")});

  const auto events = events_of(given.when_fill(fill("f3", Side::sell, "0.5", "130", "0.065")));

  PositionReduced expected;
  expected.position_side = PositionSide::both;
  expected.direction = Direction::long_;
  expected.fill_id = "f3";
  expected.qty = qty("0.5");
  expected.price = px("130");
  expected.fee = money("0.065");
  expected.avg_entry = px("110");
  expected.realized_gross = money("10");  // (130 - 110) * 0.5
  expected.remaining_qty = qty("1.5");
  expected.reason = OrderReason::sync;  // no order of tvbot's
  EXPECT_EQ(event_at<PositionReduced>(events, 1), expected);
  EXPECT_EQ(given.state().net.avg_entry, px("110"));
  EXPECT_EQ(given.state().net.qty, qty("1.5"));
  EXPECT_EQ(given.state().net.entries, 2u);
  EXPECT_EQ(given.state().net.cycle_realized_gross, money("10"));
}

TEST(PositionFill, Entry_after_a_partial_close_averages_against_the_booked_average) {
  Scenario given(one_way(4));
  given.given_fills({fill("f1", Side::buy, "0.01", "30000"), fill("f2", Side::buy, "0.02", "31000"),
                     fill("f3", Side::buy, "0.03", "29500")});
  const auto reduced = events_of(given.when_fill(fill("f4", Side::sell, "0.02", "32000")));
  // (32000 - 30083.3333333333) * 0.02 = 38.333333333334 -> 38.33333333
  EXPECT_EQ(event_at<PositionReduced>(reduced, 1).realized_gross, money("38.33333333"));
  EXPECT_EQ(given.state().net.avg_entry, px("30083.3333333333"));

  const auto increased = events_of(given.when_fill(fill("f5", Side::buy, "0.02", "30000")));

  // (0.04 * 30083.3333333333 + 0.02 * 30000) / 0.06 = 1803.333333333332 / 0.06
  //   = 30055.55555555553.. -> 30055.5555555555
  EXPECT_EQ(event_at<PositionIncreased>(increased, 1).new_avg_entry, px("30055.5555555555"));
  EXPECT_EQ(given.state().net.qty, qty("0.06"));
  EXPECT_EQ(given.state().net.entries, 4u);
}

TEST(PositionFill, Full_close_nets_every_fee_of_the_cycle_opening_fees_included) {
  Scenario given(one_way(2));
  given.given_fills({fill("f1", Side::buy, "1", "100", "0.1"),
                     fill("f2", Side::buy, "1", "120", "0.12")});

  const auto events = events_of(given.when_fill(fill("f3", Side::sell, "2", "130", "0.26")));

  PositionClosed expected;
  expected.position_side = PositionSide::both;
  expected.direction = Direction::long_;
  expected.fill_id = "f3";
  expected.qty = qty("2");
  expected.price = px("130");
  expected.fee = money("0.26");
  expected.avg_entry = px("110");
  expected.realized_gross = money("40");
  expected.cycle_realized_gross = money("40");
  expected.cycle_fees = money("0.48");
  expected.cycle_realized_net = money("39.52");
  expected.exit_reason = OrderReason::sync;
  EXPECT_EQ(event_at<PositionClosed>(events, 1), expected);

  const SidePosition& net = given.state().net;
  EXPECT_TRUE(net.is_flat());
  EXPECT_EQ(net.avg_entry, Price{});
  EXPECT_EQ(net.entries, 0u);
  EXPECT_EQ(net.cycle_realized_net(), money("39.52"));
  EXPECT_EQ(given.state().totals, (PnlTotals{money("40"), money("0.48")}));
  EXPECT_EQ(given.state().totals.realized_net(), money("39.52"));
}

TEST(PositionFill, Short_position_gains_when_the_price_falls_and_loses_when_it_rises) {
  Scenario given;
  given.given_fill(fill("f1", Side::sell, "2", "100"));

  const auto reduced = events_of(given.when_fill(fill("f2", Side::buy, "0.5", "90")));
  EXPECT_EQ(event_at<PositionReduced>(reduced, 1).realized_gross, money("5"));
  EXPECT_EQ(event_at<PositionReduced>(reduced, 1).direction, Direction::short_);

  const auto closed = events_of(given.when_fill(fill("f3", Side::buy, "1.5", "105")));
  EXPECT_EQ(event_at<PositionClosed>(closed, 1).realized_gross, money("-7.5"));
  EXPECT_EQ(event_at<PositionClosed>(closed, 1).cycle_realized_gross, money("-2.5"));
}

TEST(PositionFill, Reversal_from_long_to_short_opens_short_at_fill_price) {
  Scenario given;
  given.given_fill(fill("f1", Side::buy, "1", "100", "0.1"));

  const auto events = events_of(given.when_fill(fill("f2", Side::sell, "3", "110", "0.3")));

  ASSERT_EQ(events.size(), 3u);
  const auto& closed = event_at<PositionClosed>(events, 1);
  EXPECT_EQ(closed.qty, qty("1"));
  EXPECT_EQ(closed.fee, money("0.1"));  // 0.3 * 1/3
  EXPECT_EQ(closed.realized_gross, money("10"));
  EXPECT_EQ(closed.cycle_fees, money("0.2"));
  EXPECT_EQ(closed.cycle_realized_net, money("9.8"));
  EXPECT_EQ(event_at<PositionOpened>(events, 2),
            (PositionOpened{PositionSide::both, Direction::short_, "f2", qty("2"), px("110"),
                            money("0.2"), 2}));
  const SidePosition& net = given.state().net;
  EXPECT_EQ(net.direction, Direction::short_);
  EXPECT_EQ(net.signed_qty(), qty("-2"));
  EXPECT_EQ(net.avg_entry, px("110"));
  EXPECT_EQ(net.cycle, 2u);
  EXPECT_EQ(net.cycle_realized_gross, Money{});
  EXPECT_EQ(net.cycle_fees, money("0.2"));
  EXPECT_EQ(given.state().totals, (PnlTotals{money("10"), money("0.4")}));
}

TEST(PositionFill, Flip_fee_is_shared_in_proportion_to_quantity) {
  Scenario given;
  given.given_fill(fill("f1", Side::buy, "1", "100"));
  const auto events = events_of(given.when_fill(fill("f2", Side::sell, "3", "100", "0.1")));
  EXPECT_EQ(event_at<PositionClosed>(events, 1).fee, money("0.03333333"));  // 0.0333333333..
  EXPECT_EQ(event_at<PositionOpened>(events, 2).fee, money("0.06666667"));
  EXPECT_EQ(given.state().totals.fees, money("0.1"));
}

TEST(PositionFill, A_position_back_to_flat_ends_its_cycle_and_the_next_fill_opens_cycle_two) {
  Scenario given;
  given.given_fills({fill("f1", Side::buy, "1", "100", "0.1"), fill("f2", Side::sell, "1", "110")});

  const auto events = events_of(given.when_fill(fill("f3", Side::buy, "1", "200", "0.2")));

  EXPECT_EQ(event_at<PositionOpened>(events, 1).cycle, 2u);
  const SidePosition& net = given.state().net;
  EXPECT_EQ(net.cycle_realized_gross, Money{});
  EXPECT_EQ(net.cycle_fees, money("0.2"));
  EXPECT_EQ(net.lifetime, (PnlTotals{money("10"), money("0.3")}));
}

TEST(PositionFill, Duplicate_fill_id_is_refused_with_no_event) {
  Scenario given;
  given.given_fill(fill("f1", Side::buy, "1", "100", "0.1"));
  const StreamState before = given.state();

  const auto events = events_of(given.when_fill(fill("f1", Side::buy, "1", "100", "0.1")));

  EXPECT_TRUE(events.empty());
  EXPECT_EQ(given.state(), before);
}

TEST(PositionFill, Partial_fills_of_one_order_are_one_entry_and_the_last_clears_the_order) {
  Scenario given(one_way(2));
  const auto requested = events_of(given.when_signal(signal(Action::buy, "1")));
  const std::string order_id = event_at<OrderRequested>(requested, 0).client_order_id;
  EXPECT_EQ(order_id, "bot/BTCUSDT:2");

  events_of(given.when_fill(for_order(fill("f1", Side::buy, "0.4", "100"), order_id, false)));
  ASSERT_EQ(given.state().pending.size(), 1u);
  EXPECT_EQ(given.state().pending[0].remaining(), qty("0.6"));

  const auto last =
      events_of(given.when_fill(for_order(fill("f2", Side::buy, "0.6", "101"), order_id, true)));

  const auto& increased = event_at<PositionIncreased>(last, 1);
  EXPECT_EQ(increased.new_avg_entry, px("100.6"));  // (40 + 60.6) / 1
  EXPECT_EQ(increased.entries, 1u);
  EXPECT_TRUE(given.state().pending.empty());
  const auto next = events_of(given.when_signal(signal(Action::buy, "1")));
  EXPECT_TRUE(std::holds_alternative<OrderRequested>(next.at(0)));  // entry 2 of 2
}

TEST(PositionFill, A_fill_of_an_unknown_order_is_applied_as_a_sync) {
  Scenario given;
  given.given_fill(fill("f1", Side::buy, "1", "100"));
  const auto events =
      events_of(given.when_fill(for_order(fill("f2", Side::sell, "1", "100"), "other/ETH:7")));
  EXPECT_EQ(event_at<PositionClosed>(events, 1).exit_reason, OrderReason::sync);
}

TEST(PositionFill, Exit_reason_comes_from_the_order_that_requested_the_close) {
  Scenario given;
  given.given_fill(fill("f1", Side::buy, "1", "100"));
  given.given(PauseCommand{"maintenance", 0});  // a manual close still works while paused

  const auto requested = events_of(given.when(ManualCloseCommand{}));
  const auto& order = event_at<OrderRequested>(requested, 0);
  EXPECT_EQ(order.client_order_id, "bot/BTCUSDT:4");
  EXPECT_EQ(order.reason, OrderReason::manual);
  EXPECT_TRUE(order.reduce_only);

  const auto closed = events_of(
      given.when_fill(for_order(fill("f2", Side::sell, "1", "100"), order.client_order_id)));
  EXPECT_EQ(event_at<PositionClosed>(closed, 1).exit_reason, OrderReason::manual);
}

TEST(PositionFill, Unrealized_pnl_at_a_mark_leaves_fees_out) {
  Scenario given(one_way(3));
  given.given_fills({fill("f1", Side::buy, "0.01", "30000", "1"),
                     fill("f2", Side::buy, "0.02", "31000", "1"),
                     fill("f3", Side::buy, "0.03", "29500", "1")});
  // (31000 - 30083.3333333333) * 0.06 = 55.000000000002 -> 55
  EXPECT_EQ(unrealized_pnl(given.state().net, px("31000")), money("55"));

  Scenario short_side;
  short_side.given_fill(fill("s1", Side::sell, "2", "100", "5"));
  EXPECT_EQ(unrealized_pnl(short_side.state().net, px("90")), money("20"));
  EXPECT_EQ(unrealized_pnl(Scenario().state().net, px("90")), Money{});
}

}  // namespace
}  // namespace tvbot::testing
