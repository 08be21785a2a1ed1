// fold_fills, the pure core of `tvbot replay --fills`, and folding speed.
#include <gtest/gtest.h>

#include "tests/events/position_test_support.hpp"

namespace tvbot::testing {
namespace {

FillInput input(Side side, std::string_view quantity, std::string_view price,
                std::string_view fee = "0", std::optional<std::string> id = std::nullopt,
                std::optional<PositionSide> position_side = std::nullopt) {
  return FillInput{1'700'000'000'000'000'000, side, qty(quantity), px(price), money(fee),
                   std::move(id), position_side};
}

TEST(PositionFold, Fold_fills_reports_the_position_after_every_fill) {
  const auto folded = fold_fills("replay/BTC", PositionMode::one_way,
                                 {input(Side::buy, "1", "100", "0.1"),
                                  input(Side::buy, "1", "120", "0.12"),
                                  input(Side::sell, "3", "130", "0.39")});
  ASSERT_TRUE(folded.ok()) << folded.error().message;
  const auto& steps = folded->steps;
  ASSERT_EQ(steps.size(), 3u);
  EXPECT_EQ(steps[1].net.avg_entry, px("110"));
  EXPECT_EQ(steps[1].net.entries, 2u);
  // The last fill closes 2 at 130 (gross 40, fee share 0.26) and opens 1 short at 130.
  const FoldStep& last = steps[2];
  EXPECT_EQ(last.net.signed_qty(), qty("-1"));
  EXPECT_EQ(last.net.avg_entry, px("130"));
  EXPECT_EQ(last.totals, (PnlTotals{money("40"), money("0.61")}));
  EXPECT_EQ(last.totals.realized_net(), money("39.39"));
  EXPECT_EQ(unrealized_pnl(last.net, px("125")), money("5"));
  ASSERT_EQ(last.events.size(), 3u);
  EXPECT_EQ(last.events[0].stream_seq, 5u);
  EXPECT_EQ(last.events[0].time, 1'700'000'000'000'000'000);
  EXPECT_EQ(std::get<OrderFilled>(last.events[0].payload).fill_id, "fill-3");
  EXPECT_EQ(folded->state.net, last.net);
}

TEST(PositionFold, A_repeated_fill_id_is_a_step_without_events) {
  const auto folded = fold_fills("replay/BTC", PositionMode::one_way,
                                 {input(Side::buy, "1", "100", "0", "t1"),
                                  input(Side::buy, "1", "100", "0", "t1")});
  ASSERT_TRUE(folded.ok());
  EXPECT_TRUE(folded->steps[1].events.empty());
  EXPECT_EQ(folded->steps[1].net.qty, qty("1"));
}

TEST(PositionFold, Hedge_fills_without_a_position_side_are_an_error_naming_the_fill) {
  const auto folded = fold_fills("replay/BTC", PositionMode::hedge,
                                 {input(Side::buy, "1", "100", "0", "a", PositionSide::long_side),
                                  input(Side::buy, "1", "100")});
  ASSERT_FALSE(folded.ok());
  EXPECT_EQ(folded.error().code, "missing_position_side");
  EXPECT_EQ(folded.error().message.rfind("fill 2:", 0), 0u);
}

TEST(PositionFold, An_invalid_fill_stops_the_fold_with_its_number) {
  const auto folded = fold_fills("replay/BTC", PositionMode::one_way,
                                 {input(Side::buy, "1", "100"), input(Side::sell, "0", "100")});
  ASSERT_FALSE(folded.ok());
  EXPECT_EQ(folded.error().code, "invalid_fill");
  EXPECT_EQ(folded.error().message.rfind("fill 2:", 0), 0u);
}

// Not a benchmark (timings belong to bench/); it proves a long stream folds in one pass
// and that evolve's in-place path handles it. 20k fills produce 40k events.
TEST(PositionFold, A_long_stream_folds_in_place) {
  std::vector<FillInput> fills;
  fills.reserve(20'000);
  for (int i = 0; i < 20'000; ++i) {
    fills.push_back(input(i % 3 == 2 ? Side::sell : Side::buy, "0.001", i % 2 ? "100" : "101"));
  }
  const auto folded = fold_fills("replay/BTC", PositionMode::one_way, fills);
  ASSERT_TRUE(folded.ok());
  EXPECT_EQ(folded->state.version, 40'000u);
  EXPECT_EQ(folded->state.net.qty, qty("6.668"));  // 13334 buys - 6666 sells of 0.001
}

}  // namespace
}  // namespace tvbot::testing
