// Hedge mode: a long leg and a short leg per instrument, each with its own entries,
// cycles and P&L; fills name their leg.
#include <gtest/gtest.h>

#include "tests/events/position_test_support.hpp"

namespace tvbot::testing {
namespace {

constexpr PositionSide kLong = PositionSide::long_side;
constexpr PositionSide kShort = PositionSide::short_side;

TEST(PositionHedge, Buy_and_sell_fills_open_both_legs_at_once) {
  Scenario given(hedge());
  given.given_fill(fill("f1", Side::buy, "1", "100", "0.1", kLong));

  const auto events =
      events_of(given.when_fill(fill("f2", Side::sell, "2", "110", "0.2", kShort)));

  EXPECT_EQ(event_at<PositionOpened>(events, 1),
            (PositionOpened{kShort, Direction::short_, "f2", qty("2"), px("110"),
                            money("0.2"), 1}));
  const StreamState& state = given.state();
  EXPECT_EQ(state.long_side.signed_qty(), qty("1"));
  EXPECT_EQ(state.short_side.signed_qty(), qty("-2"));
  EXPECT_TRUE(state.net.is_flat());
  EXPECT_EQ(state.totals.fees, money("0.3"));
}

TEST(PositionHedge, Legs_keep_independent_pnl) {
  Scenario given(hedge());
  given.given_fills({fill("f1", Side::buy, "1", "100", "0.1", kLong),
                     fill("f2", Side::sell, "2", "110", "0.2", kShort)});

  const auto closed = events_of(given.when_fill(fill("f3", Side::sell, "1", "120", "0.1", kLong)));
  const auto reduced = events_of(given.when_fill(fill("f4", Side::buy, "1", "100", "0", kShort)));

  EXPECT_EQ(event_at<PositionClosed>(closed, 1).realized_gross, money("20"));
  EXPECT_EQ(event_at<PositionClosed>(closed, 1).cycle_realized_net, money("19.8"));
  EXPECT_EQ(event_at<PositionReduced>(reduced, 1).realized_gross, money("10"));
  const StreamState& state = given.state();
  EXPECT_EQ(state.long_side.lifetime, (PnlTotals{money("20"), money("0.2")}));
  EXPECT_EQ(state.short_side.lifetime, (PnlTotals{money("10"), money("0.2")}));
  EXPECT_EQ(state.short_side.avg_entry, px("110"));
  EXPECT_EQ(state.totals.realized_net(), money("29.6"));
  EXPECT_EQ(unrealized_pnl(state.short_side, px("100")), money("10"));
}

TEST(PositionHedge, Each_leg_counts_its_own_cycles) {
  Scenario given(hedge());
  given.given_fills({fill("f1", Side::buy, "1", "100", "0", kLong),
                     fill("f2", Side::sell, "1", "100", "0", kShort),
                     fill("f3", Side::sell, "1", "100", "0", kLong)});
  const auto events = events_of(given.when_fill(fill("f4", Side::buy, "1", "100", "0", kLong)));
  EXPECT_EQ(event_at<PositionOpened>(events, 1).cycle, 2u);
  EXPECT_EQ(given.state().short_side.cycle, 1u);
}

TEST(PositionHedge, A_fill_larger_than_its_leg_is_refused) {
  Scenario given(hedge());
  given.given_fill(fill("f1", Side::buy, "1", "100", "0", kLong));
  const StreamState before = given.state();

  const auto result = given.when_fill(fill("f2", Side::sell, "2", "100", "0", kLong));

  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, "fill_exceeds_position");
  EXPECT_EQ(given.state(), before);
}

TEST(PositionHedge, A_fill_without_a_leg_is_a_position_side_mismatch) {
  Scenario given(hedge());
  EXPECT_EQ(given.when_fill(fill("f1", Side::buy, "1", "100")).error().code,
            "position_side_mismatch");
}

TEST(PositionHedge, Buy_adds_to_the_long_leg_and_sell_to_the_short_leg) {
  Scenario given(hedge());
  given.given_fill(fill("f1", Side::buy, "1", "100", "0", kLong));

  const auto events = events_of(given.when_signal(signal(Action::sell, "0.5")));

  const auto& order = event_at<OrderRequested>(events, 0);
  EXPECT_EQ(order.side, Side::sell);
  EXPECT_EQ(order.qty, qty("0.5"));  // not a reversal: the legs are apart
  EXPECT_EQ(order.position_side, kShort);
  EXPECT_FALSE(order.reduce_only);
  const auto buy = events_of(given.when_signal(signal(Action::long_, "0.5")));
  EXPECT_EQ(event_at<AlertRejected>(buy, 0).reason, "max_entries");  // the long leg is full
}

TEST(PositionHedge, Max_entries_counts_each_leg_alone) {
  Scenario given(hedge(2));
  given.given_fills({fill("f1", Side::buy, "1", "100", "0", kLong),
                     fill("f2", Side::buy, "1", "100", "0", kLong)});
  const auto long_entry = events_of(given.when_signal(signal(Action::buy, "1")));
  EXPECT_EQ(event_at<AlertRejected>(long_entry, 0).reason, "max_entries");
  EXPECT_EQ(event_at<OrderRequested>(events_of(given.when_signal(signal(Action::sell, "1"))), 0)
                .position_side,
            kShort);
}

TEST(PositionHedge, Close_closes_both_legs_with_two_orders_and_consecutive_ids) {
  Scenario given(hedge());
  given.given_fills({fill("f1", Side::buy, "1", "100", "0", kLong),
                     fill("f2", Side::sell, "2", "110", "0", kShort)});

  const auto events = events_of(given.when_signal(signal(Action::flat)));

  ASSERT_EQ(events.size(), 2u);
  const auto& close_long = event_at<OrderRequested>(events, 0);
  const auto& close_short = event_at<OrderRequested>(events, 1);
  EXPECT_EQ(close_long.client_order_id, "bot/BTCUSDT:6");
  EXPECT_EQ(close_short.client_order_id, "bot/BTCUSDT:7");
  EXPECT_EQ(close_long.side, Side::sell);
  EXPECT_EQ(close_long.qty, qty("1"));
  EXPECT_EQ(close_long.position_side, kLong);
  EXPECT_EQ(close_short.side, Side::buy);
  EXPECT_EQ(close_short.qty, qty("2"));
  EXPECT_EQ(close_short.position_side, kShort);
  EXPECT_TRUE(close_long.reduce_only && close_short.reduce_only);
}

TEST(PositionHedge, Close_long_closes_only_the_long_leg) {
  Scenario given(hedge());
  given.given_fills({fill("f1", Side::buy, "1", "100", "0", kLong),
                     fill("f2", Side::sell, "2", "110", "0", kShort)});
  const auto events = events_of(given.when_signal(signal(Action::close_long)));
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(event_at<OrderRequested>(events, 0).position_side, kLong);
}

TEST(PositionHedge, Close_short_without_a_short_leg_is_rejected_with_no_position) {
  Scenario given(hedge());
  given.given_fill(fill("f1", Side::buy, "1", "100", "0", kLong));
  EXPECT_EQ(event_at<AlertRejected>(events_of(given.when_signal(signal(Action::close_short))), 0)
                .reason,
            "no_position");
}

TEST(PositionHedge, Entry_protection_belongs_to_the_leg_it_opens) {
  Scenario given(hedge());
  given.config.protection.trailing = PriceLevel{true, px("1.5")};
  const auto events = events_of(given.when_signal(signal(Action::short_, "1")));
  EXPECT_EQ(event_at<ProtectionSet>(events, 1).position_side, kShort);
  EXPECT_EQ(event_at<ProtectionSet>(events, 1).trailing, (PriceLevel{true, px("1.5")}));
  EXPECT_TRUE(given.state().protection_short.has_value());
  EXPECT_FALSE(given.state().protection_long.has_value());
}

TEST(PositionHedge, Manual_close_of_one_leg_leaves_the_other) {
  Scenario given(hedge());
  given.given_fills({fill("f1", Side::buy, "1", "100", "0", kLong),
                     fill("f2", Side::sell, "2", "110", "0", kShort)});
  const auto events = events_of(given.when(ManualCloseCommand{kShort, OrderReason::manual, 0}));
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(event_at<OrderRequested>(events, 0).position_side, kShort);
  EXPECT_EQ(event_at<OrderRequested>(events, 0).reason, OrderReason::manual);
}

}  // namespace
}  // namespace tvbot::testing
