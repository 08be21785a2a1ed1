// Snapshots: decode(encode(s)) == s, and a state rebuilt from a snapshot plus the events
// after it equals the state of a full replay.
#include <gtest/gtest.h>

#include "events/position_snapshot.hpp"
#include "tests/events/position_test_support.hpp"

namespace tvbot::testing {
namespace {

// A stream touching every part of the state: positions, pending orders (one partly
// filled, one accepted), protection on every side, fill ids, pause.
Scenario busy_one_way_stream() {
  Scenario scenario(one_way(3));
  scenario.config.protection.stop_loss = PriceLevel{true, px("2")};
  scenario.given_fills({fill("f1", Side::buy, "0.01", "30000", "0.3"),
                        fill("f2", Side::buy, "0.02", "31000", "0.62")});
  scenario.given_signal(signal(Action::buy, "0.03"));
  scenario.given(OrderAcceptedCommand{{"bot/BTCUSDT:6", "B-1"}, 0});
  scenario.given_fill(for_order(fill("f3", Side::buy, "0.01", "29500", "0.1"), "bot/BTCUSDT:6",
                                false));
  scenario.given_fill(fill("f4", Side::sell, "0.015", "32000", "0.48"));
  scenario.given(PauseCommand{"review", 0});
  return scenario;
}

Scenario busy_hedge_stream() {
  Scenario scenario(hedge(2));
  scenario.config.protection.take_profit = PriceLevel{false, px("40000")};
  scenario.config.protection.trailing = PriceLevel{true, px("0.5")};
  scenario.given_fills({fill("f1", Side::buy, "1", "100", "0.1", PositionSide::long_side),
                        fill("f2", Side::sell, "2", "110", "0.2", PositionSide::short_side),
                        fill("f3", Side::buy, "1", "105", "0.1", PositionSide::short_side)});
  scenario.given_signal(signal(Action::buy, "0.5"));
  scenario.given_signal(signal(Action::sell, "0.5"));
  return scenario;
}

TEST(PositionSnapshot, The_initial_state_survives_a_round_trip) {
  const StreamState state = initial_state("bot/ETHUSDT");
  const auto decoded = decode_snapshot(encode_snapshot(state));
  ASSERT_TRUE(decoded.ok()) << decoded.error().message;
  EXPECT_EQ(*decoded, state);
}

TEST(PositionSnapshot, A_busy_one_way_state_survives_a_round_trip) {
  const Scenario scenario = busy_one_way_stream();
  const StreamState& state = scenario.state();
  ASSERT_TRUE(state.paused);
  ASSERT_EQ(state.pending.size(), 1u);
  ASSERT_TRUE(state.pending[0].filled.is_positive());

  const auto decoded = decode_snapshot(encode_snapshot(state));

  ASSERT_TRUE(decoded.ok()) << decoded.error().message;
  EXPECT_EQ(*decoded, state);
}

TEST(PositionSnapshot, A_busy_hedge_state_survives_a_round_trip) {
  const Scenario scenario = busy_hedge_stream();
  ASSERT_TRUE(scenario.state().protection_long.has_value());
  const auto decoded = decode_snapshot(encode_snapshot(scenario.state()));
  ASSERT_TRUE(decoded.ok()) << decoded.error().message;
  EXPECT_EQ(*decoded, scenario.state());
}

TEST(PositionSnapshot, Snapshot_at_any_event_plus_the_tail_equals_the_full_replay) {
  for (const Scenario& scenario : {busy_one_way_stream(), busy_hedge_stream()}) {
    const std::vector<Event>& history = scenario.history();
    for (std::size_t k = 0; k <= history.size(); ++k) {
      StreamState head = initial_state(scenario.state().stream);
      fold_events(head, {history.begin(), history.begin() + static_cast<std::ptrdiff_t>(k)});
      auto restored = decode_snapshot(encode_snapshot(head));
      ASSERT_TRUE(restored.ok()) << restored.error().message;
      fold_events(*restored, {history.begin() + static_cast<std::ptrdiff_t>(k), history.end()});
      EXPECT_EQ(*restored, scenario.state()) << "snapshot after event " << k;
    }
  }
}

TEST(PositionSnapshot, Equal_states_encode_to_equal_bytes_whatever_the_set_order) {
  StreamState a = initial_state("s");
  StreamState b = initial_state("s");
  for (int i = 0; i < 100; ++i) a.seen_fill_ids.insert("id" + std::to_string(i));
  for (int i = 99; i >= 0; --i) b.seen_fill_ids.insert("id" + std::to_string(i));
  EXPECT_EQ(encode_snapshot(a), encode_snapshot(b));
}

TEST(PositionSnapshot, Truncated_or_padded_bytes_are_refused_as_corrupt) {
  const std::string bytes = encode_snapshot(busy_one_way_stream().state());
  for (std::size_t size = 0; size < bytes.size(); ++size) {
    const auto decoded = decode_snapshot(std::string_view(bytes).substr(0, size));
    ASSERT_FALSE(decoded.ok()) << "prefix of " << size;
    EXPECT_EQ(decoded.error().code, "snapshot_corrupt");
  }
  EXPECT_EQ(decode_snapshot(bytes + "x").error().code, "snapshot_corrupt");
}

TEST(PositionSnapshot, Another_format_version_is_refused_so_storage_replays) {
  std::string bytes = encode_snapshot(initial_state("s"));
  bytes[4] = static_cast<char>(kSnapshotFormatVersion + 1);
  EXPECT_EQ(decode_snapshot(bytes).error().code, "snapshot_version");
}

TEST(PositionSnapshot, An_enum_out_of_range_is_refused_as_corrupt) {
  std::string bytes = encode_snapshot(initial_state("s"));
  // magic 4, version 1, stream length 4 + 1, version 8, paused 1: net.direction follows.
  bytes[4 + 1 + 4 + 1 + 8 + 1] = 7;
  EXPECT_EQ(decode_snapshot(bytes).error().code, "snapshot_corrupt");
}

}  // namespace
}  // namespace tvbot::testing
