// The comparison and the drift book alone: the race rule, exact decimals, and what a pass
// appends, with log views and venue accounts written out by hand.
#include <gtest/gtest.h>

#include "reconcile/compare.hpp"
#include "reconcile/drift_book.hpp"

namespace tvbot::reconcile {
namespace {

Quantity qty(const char* text) { return Quantity::parse_exact(text).value(); }

LogAccountView view_holding(const char* quantity, std::uint64_t version = 4) {
  LogAccountView view;
  view.symbols = {"BTCUSDT"};
  if (!qty(quantity).is_zero()) view.positions[{"BTCUSDT", PositionSide::both}] = qty(quantity);
  view.versions["bot1/BTCUSDT"] = version;
  return view;
}

VenueAccount venue_holding(const char* quantity) {
  VenueAccount venue;
  if (!qty(quantity).is_zero()) {
    venue.positions.push_back(BrokerPosition{"BTCUSDT", PositionSide::both, qty(quantity), {}});
  }
  return venue;
}

OrderReport open_order(std::string id, const char* quantity) {
  OrderReport order;
  order.client_order_id = std::move(id);
  order.symbol = "BTCUSDT";
  order.qty = qty(quantity);
  return order;
}

TEST(ReconcileCompare, Equal_positions_are_no_drift_and_the_symbol_counts_as_checked) {
  const auto log = view_holding("0.5");
  const auto findings = compare("paper", log, log, venue_holding("0.5"));
  EXPECT_TRUE(findings.drifts.empty());
  EXPECT_TRUE(findings.checked.contains(CheckKey{"position", "BTCUSDT"}));
  EXPECT_TRUE(findings.skipped_symbols.empty());
}

// Quantity has 8 decimals: 0.00000001 is the smallest difference it can hold.
TEST(ReconcileCompare, The_smallest_difference_a_quantity_holds_is_a_drift) {
  const auto log = view_holding("0.5");
  const auto findings = compare("paper", log, log, venue_holding("0.50000001"));
  ASSERT_EQ(findings.drifts.size(), 1u);
  EXPECT_EQ(findings.drifts[0].actual_qty - findings.drifts[0].expected_qty, qty("0.00000001"));
}

TEST(ReconcileCompare, A_short_the_venue_holds_and_the_log_does_not_is_a_signed_drift) {
  const auto log = view_holding("0");
  const auto findings = compare("paper", log, log, venue_holding("-0.3"));
  ASSERT_EQ(findings.drifts.size(), 1u);
  EXPECT_EQ(findings.drifts[0].expected_qty, qty("0"));
  EXPECT_EQ(findings.drifts[0].actual_qty, qty("-0.3"));
}

TEST(ReconcileCompare, Hedge_legs_are_compared_side_by_side_with_signed_quantities) {
  auto log = view_holding("0");
  log.positions[{"BTCUSDT", PositionSide::long_side}] = qty("0.5");
  log.positions[{"BTCUSDT", PositionSide::short_side}] = qty("-0.3");
  VenueAccount venue;
  venue.positions = {BrokerPosition{"BTCUSDT", PositionSide::long_side, qty("0.5"), {}},
                     BrokerPosition{"BTCUSDT", PositionSide::short_side, qty("-0.2"), {}}};
  const auto findings = compare("paper", log, log, venue);
  ASSERT_EQ(findings.drifts.size(), 1u);
  EXPECT_EQ(findings.drifts[0].position_side, PositionSide::short_side);
  EXPECT_EQ(findings.drifts[0].expected_qty, qty("-0.3"));
  EXPECT_EQ(findings.drifts[0].actual_qty, qty("-0.2"));
  EXPECT_EQ(findings.drifts[0].detail, "the log holds -0.3, the venue -0.2 (difference 0.1)");
}

TEST(ReconcileCompare, A_symbol_with_an_order_in_flight_in_either_read_is_skipped) {
  auto before = view_holding("0.5");
  auto after = before;
  after.in_flight["bot1/BTCUSDT:9"] = "BTCUSDT";
  after.busy_symbols.insert("BTCUSDT");
  const auto findings = compare("paper", before, after, venue_holding("0.8"));
  EXPECT_TRUE(findings.drifts.empty());
  EXPECT_TRUE(findings.skipped_symbols.contains("BTCUSDT"));
  EXPECT_FALSE(findings.checked.contains(CheckKey{"position", "BTCUSDT"}));
  // Orders are still compared: an order in flight is expected at the venue.
  EXPECT_TRUE(findings.checked.contains(CheckKey{"unknown_open_order", "BTCUSDT"}));
}

TEST(ReconcileCompare, A_symbol_whose_stream_moved_between_the_two_log_reads_is_skipped) {
  // The order was requested and filled while the venue was being read.
  const auto findings = compare("paper", view_holding("0.5", 4), view_holding("0.8", 7),
                                venue_holding("0.8"));
  EXPECT_TRUE(findings.drifts.empty());
  EXPECT_TRUE(findings.skipped_symbols.contains("BTCUSDT"));
  EXPECT_TRUE(findings.checked.empty());
}

TEST(ReconcileCompare, Positions_in_symbols_tvbot_neither_trades_nor_holds_are_not_its_business) {
  const auto log = view_holding("0.5");
  auto venue = venue_holding("0.5");
  venue.positions.push_back(BrokerPosition{"ETHUSDT", PositionSide::both, qty("3"), {}});
  venue.open_orders.push_back([] {
    auto order = open_order("web-1", "1");
    order.symbol = "ETHUSDT";
    return order;
  }());
  EXPECT_TRUE(compare("paper", log, log, venue).drifts.empty());
}

TEST(ReconcileCompare, An_open_order_tvbot_recorded_as_ended_is_unknown_and_says_so) {
  const auto log = view_holding("0.5", 4);
  auto venue = venue_holding("0.5");
  venue.open_orders.push_back(open_order("bot1/BTCUSDT:3", "0.1"));  // seq 3 <= version 4
  venue.open_orders.push_back(open_order("bot1/BTCUSDT:9", "0.2"));  // beyond the log
  const auto findings = compare("paper", log, log, venue);
  ASSERT_EQ(findings.drifts.size(), 2u);
  EXPECT_EQ(findings.drifts[0].detail.rfind("tvbot requested this order and recorded it as ended", 0), 0u);
  EXPECT_EQ(findings.drifts[1].detail.rfind("tvbot never requested this order", 0), 0u);
}

TEST(ReconcileCompare, An_order_in_flight_not_open_at_the_venue_is_a_candidate_to_ask_about) {
  auto log = view_holding("0.5");
  log.in_flight["bot1/BTCUSDT:5"] = "BTCUSDT";
  log.in_flight["bot1/BTCUSDT:6"] = "BTCUSDT";
  log.busy_symbols.insert("BTCUSDT");
  auto venue = venue_holding("0.5");
  venue.open_orders.push_back(open_order("bot1/BTCUSDT:6", "0.1"));
  const auto candidates = missing_order_candidates(log, log, venue);
  ASSERT_EQ(candidates.size(), 1u);
  EXPECT_EQ(candidates[0].first, "bot1/BTCUSDT:5");
}

ReconciliationDrift position_drift(const char* expected, const char* actual) {
  return ReconciliationDrift{"paper", "position", "BTCUSDT", PositionSide::both, "",
                             qty(expected), qty(actual), "prose that may change"};
}

TEST(DriftBook, A_new_drift_is_recorded_the_same_one_again_is_not) {
  DriftBook book;
  const std::set<CheckKey> checked{{"position", "BTCUSDT"}};
  auto first = book.changes({position_drift("0.5", "0.75")}, checked);
  ASSERT_EQ(first.size(), 1u);
  book.apply(first[0]);
  auto repeat = position_drift("0.5", "0.75");
  repeat.detail = "other words";
  EXPECT_TRUE(book.changes({repeat}, checked).empty());
  EXPECT_EQ(book.changes({position_drift("0.5", "0.8")}, checked).size(), 1u);
}

TEST(DriftBook, A_drift_not_found_is_resolved_only_where_the_pass_looked) {
  DriftBook book;
  book.apply(position_drift("0.5", "0.75"));
  EXPECT_TRUE(book.changes({}, {}).empty());  // skipped this pass: stays open, unjudged
  const auto changes = book.changes({}, {{"position", "BTCUSDT"}});
  ASSERT_EQ(changes.size(), 1u);
  ASSERT_TRUE(std::holds_alternative<ReconciliationResolved>(changes[0]));
  book.apply(changes[0]);
  EXPECT_TRUE(book.open().empty());
}

}  // namespace
}  // namespace tvbot::reconcile
