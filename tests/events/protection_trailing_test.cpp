// Trailing stops (percent, absolute, activation, short mirror, bounded recording) and the
// replay rule: folding the events again, or a snapshot plus its tail, restores exactly the
// protection state the live decisions had, so the first tick after a restart acts the same.
#include <gtest/gtest.h>

#include "events/position_snapshot.hpp"
#include "tests/events/protection_test_support.hpp"

namespace tvbot::testing {
namespace {

Scenario long_trailing(PositionConfig config, std::optional<PriceLevel> trail) {
  Scenario given(config);
  enter(given, protected_entry(Action::buy, "1", std::nullopt, std::nullopt, trail), "30000",
        "f1");
  return given;
}

TEST(ProtectionTrailing, A_new_best_is_recorded_only_when_it_moves_the_stop_a_tenth_of_the_distance) {
  Scenario given = long_trailing(one_way(), pct("1"));  // stop 29700, distance 300

  EXPECT_TRUE(events_of(tick(given, "30020")).empty());  // stop would move 19.8 < 30
  const auto events = events_of(tick(given, "30031"));   // 30.69 >= 30

  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(event_at<PriceObserved>(events, 0),
            (PriceObserved{PositionSide::both, px("30031"), "trailing_moved"}));
  EXPECT_EQ(given.state().progress_net.trailing_best, px("30031"));
  EXPECT_TRUE(events_of(tick(given, "30000")).empty());  // not a new best
}

TEST(ProtectionTrailing, Long_trailing_stop_exits_after_a_rise_at_best_minus_its_percent) {
  Scenario given = long_trailing(one_way(), pct("1"));
  ASSERT_EQ(events_of(tick(given, "31000")).size(), 1u);  // stop 30690

  EXPECT_TRUE(events_of(tick(given, "30690.01")).empty());
  const auto events = events_of(tick(given, "30690"));

  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(event_at<PriceObserved>(events, 0).trigger, "trailing");
  EXPECT_EQ(event_at<OrderRequested>(events, 1),
            exit_order("bot/BTCUSDT:8", Side::sell, "1", OrderReason::trailing));
  const auto closed = fill_exit(given, "f2", "30674.655");
  EXPECT_EQ(event_at<PositionClosed>(closed, 1).exit_reason, OrderReason::trailing);
  EXPECT_EQ(event_at<PositionClosed>(closed, 1).realized_gross, money("674.655"));
}

TEST(ProtectionTrailing, Before_its_activation_price_a_trailing_stop_does_not_exist) {
  PositionConfig config = one_way();
  config.protection.trailing = abs_level("200");
  config.protection.trailing_activation = px("30500");
  Scenario given(config);
  enter(given, signal(Action::buy, "1"), "30000", "f1");

  EXPECT_TRUE(events_of(tick(given, "29000")).empty());  // 200 below the entry: not active
  EXPECT_TRUE(events_of(tick(given, "30499")).empty());
  const auto activated = events_of(tick(given, "30500"));
  ASSERT_EQ(activated.size(), 1u);
  EXPECT_EQ(event_at<PriceObserved>(activated, 0).trigger, "trailing_moved");

  EXPECT_TRUE(events_of(tick(given, "30301")).empty());
  const auto events = events_of(tick(given, "30300"));
  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(event_at<OrderRequested>(events, 1).reason, OrderReason::trailing);
}

TEST(ProtectionTrailing, Short_trailing_stop_follows_the_low_and_exits_with_a_buy) {
  Scenario given;
  enter(given, protected_entry(Action::sell, "1", std::nullopt, std::nullopt, pct("1")), "30000",
        "f1");
  ASSERT_EQ(events_of(tick(given, "29000")).size(), 1u);  // stop 29290

  EXPECT_TRUE(events_of(tick(given, "29289.99")).empty());
  const auto events = events_of(tick(given, "29290"));

  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(event_at<OrderRequested>(events, 1),
            exit_order("bot/BTCUSDT:8", Side::buy, "1", OrderReason::trailing));
  const auto closed = fill_exit(given, "f2", "29304.645");
  EXPECT_EQ(event_at<PositionClosed>(closed, 1).realized_gross, money("695.355"));
}

TEST(ProtectionTrailing, A_steady_rise_records_a_bounded_number_of_moves) {
  Scenario given = long_trailing(one_way(), pct("1"));
  std::size_t moves = 0;
  for (int price = 30001; price <= 33000; ++price) {
    moves += events_of(tick(given, std::to_string(price))).size();
  }
  // Each move is at least 0.1% of the price: ln(1.1)/ln(1.00101) is about 94.
  EXPECT_GT(moves, 80u);
  EXPECT_LE(moves, 100u);
  // The stop lags the true best by less than a tenth of the distance (about 33 here).
  EXPECT_GE(*given.state().progress_net.trailing_best, px("32967"));
}

TEST(ProtectionTrailing, With_fraction_zero_every_new_best_is_recorded) {
  PositionConfig config = one_way();
  config.trailing_record_fraction = Ratio{};
  Scenario given = long_trailing(config, abs_level("100"));

  EXPECT_EQ(events_of(tick(given, "30000.01")).size(), 1u);
  EXPECT_TRUE(events_of(tick(given, "30000.01")).empty());
}

// A rich history: ladder with break-even, a trailing stop that moved, a rejected exit.
Scenario busy_protected_stream() {
  PositionConfig config = one_way();
  config.lot_step = qty("0.001");
  config.protection.stop_loss = pct("2");
  config.protection.trailing = pct("3");
  config.protection.take_profits = {{pct("1"), ratio("0.5")}, {pct("5"), ratio("0.5")}};
  config.protection.break_even_after_first_tp = true;
  Scenario given(config);
  enter(given, signal(Action::buy, "1"), "30000", "f1");
  EXPECT_EQ(events_of(tick(given, "30300")).size(), 2u);
  fill_exit(given, "f2", "30300");
  EXPECT_EQ(events_of(tick(given, "31000")).size(), 1u);  // trailing_moved
  return given;
}

TEST(ProtectionTrailing, Replaying_the_events_restores_exactly_the_protection_state) {
  Scenario given = busy_protected_stream();
  ASSERT_TRUE(given.state().progress_net.break_even);
  ASSERT_EQ(given.state().progress_net.take_profits_hit, 1u);
  ASSERT_EQ(given.state().progress_net.trailing_best, px("31000"));

  StreamState replayed = initial_state("bot/BTCUSDT");
  fold_events(replayed, given.history());

  EXPECT_EQ(replayed, given.state());
}

TEST(ProtectionTrailing, A_snapshot_at_any_event_plus_its_tail_equals_the_full_replay) {
  Scenario given = busy_protected_stream();
  const auto& history = given.history();
  for (std::size_t k = 0; k <= history.size(); ++k) {
    StreamState head = initial_state("bot/BTCUSDT");
    fold_events(head, {history.begin(), history.begin() + static_cast<std::ptrdiff_t>(k)});
    auto restored = decode_snapshot(encode_snapshot(head));
    ASSERT_TRUE(restored.ok()) << restored.error().message;
    fold_events(*restored, {history.begin() + static_cast<std::ptrdiff_t>(k), history.end()});
    EXPECT_EQ(*restored, given.state()) << "snapshot at event " << k;
  }
}

TEST(ProtectionTrailing, A_format_1_snapshot_without_progress_is_refused_so_the_stream_replays) {
  std::string bytes = encode_snapshot(busy_protected_stream().state());
  bytes[4] = 1;  // "TVPS", then the format version

  EXPECT_EQ(decode_snapshot(bytes).error().code, "snapshot_version");
}

TEST(ProtectionTrailing, The_first_tick_after_a_replay_triggers_as_it_would_have_live) {
  Scenario given = busy_protected_stream();  // trailing stop 31000 * 0.97 = 30070
  Scenario replayed(given.config);
  replayed.apply([&] {
    std::vector<EventPayload> payloads;
    for (const Event& event : given.history()) payloads.push_back(event.payload);
    return payloads;
  }());

  const auto live = events_of(tick(given, "30070"));
  const auto after_restart = events_of(tick(replayed, "30070"));

  ASSERT_EQ(after_restart.size(), 2u);
  EXPECT_EQ(after_restart, live);
  EXPECT_EQ(event_at<OrderRequested>(after_restart, 1).reason, OrderReason::trailing);
  EXPECT_EQ(event_at<OrderRequested>(after_restart, 1).qty, qty("0.5"));
}

}  // namespace
}  // namespace tvbot::testing
