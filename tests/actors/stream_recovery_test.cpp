// What a position actor reads back at load, on a real log: the dedupe window's alerts and
// the requests of the orders still in flight. Also the reply bodies.
#include <gtest/gtest.h>

#include "actors/alert_replies.hpp"
#include "actors/stream_recovery.hpp"
#include "actors_test_support.hpp"

namespace tvbot::actors::testing {
namespace {

constexpr Timestamp kT0 = 1'700'000'000'000'000'000;
constexpr Timestamp kSecond = 1'000'000'000;

class StreamRecovery : public ::testing::Test {
 protected:
  StreamRecovery() {
    auto log = storage::EventLog::open(dir_.path() / "log", storage::EventLogOptions{});
    if (!log.ok()) throw std::runtime_error(log.error().message);
    log_ = std::move(log).value();
    store_ = std::make_unique<storage::EventStore>(*log_);
  }

  // Appends and returns the stream's state after it.
  StreamState append(std::vector<EventPayload> payloads, Timestamp time = kT0) {
    auto appended = store_->append("bot1/BTCUSDT", log_->stream_version("bot1/BTCUSDT"),
                                   payloads, time);
    EXPECT_TRUE(appended.ok());
    auto loaded = store_->load_state("bot1/BTCUSDT");
    EXPECT_TRUE(loaded.ok());
    return loaded->state;
  }

  static AlertReceived received(std::string key) {
    AlertReceived alert;
    alert.dedupe_key = std::move(key);
    alert.signal.action = Action::buy;
    return alert;
  }

  static OrderRequested requested(std::uint64_t seq, const char* amount) {
    OrderRequested order;
    order.client_order_id = make_client_order_id("bot1/BTCUSDT", seq);
    order.side = Side::buy;
    order.qty = qty(amount);
    return order;
  }

  TempDir dir_;
  std::unique_ptr<storage::EventLog> log_;
  std::unique_ptr<storage::EventStore> store_;
};

TEST(RequestingSeq, The_seq_after_the_last_colon_is_the_requesting_event) {
  EXPECT_EQ(requesting_seq("bot1/BTCUSDT:42"), 42u);
  EXPECT_EQ(requesting_seq("a:b/c:7"), 7u);
  EXPECT_EQ(requesting_seq("bot1/BTCUSDT:18446744073709551615"), UINT64_MAX);
}

TEST(RequestingSeq, Ids_of_another_form_have_no_seq) {
  EXPECT_FALSE(requesting_seq("bot1/BTCUSDT").has_value());
  EXPECT_FALSE(requesting_seq("bot1/BTCUSDT:").has_value());
  EXPECT_FALSE(requesting_seq("bot1/BTCUSDT:4x").has_value());
  EXPECT_FALSE(requesting_seq("bot1/BTCUSDT:18446744073709551616").has_value());
}

TEST_F(StreamRecovery, Only_alerts_within_the_lookback_are_remembered_with_their_seqs) {
  append({received("old")}, kT0);
  append({received("a")}, kT0 + kSecond);
  const auto state = append({received("b")}, kT0 + 2 * kSecond);
  AlertMemory memory(300 * kSecond);

  ASSERT_TRUE(remember_recent_alerts(*store_, state, 2, memory).ok());

  EXPECT_FALSE(memory.find("old", kT0 + 3 * kSecond).has_value());
  auto a = memory.find("a", kT0 + 3 * kSecond);
  ASSERT_TRUE(a.has_value());
  EXPECT_EQ(a->stream_seq, 2u);
  EXPECT_EQ(a->global_seq, 2u);
  EXPECT_TRUE(memory.find("b", kT0 + 3 * kSecond).has_value());
}

TEST_F(StreamRecovery, Orders_in_flight_come_back_with_their_request_and_its_time) {
  append({received("a")}, kT0);
  append({requested(2, "0.5")}, kT0 + kSecond);
  append({received("b")}, kT0 + 2 * kSecond);
  const auto state = append({requested(4, "0.25")}, kT0 + 3 * kSecond);
  ASSERT_EQ(state.pending.size(), 2u);

  const auto resumable = orders_to_resume(*store_, state, "BTCUSDT");

  EXPECT_TRUE(resumable.unreadable.empty());
  ASSERT_EQ(resumable.orders.size(), 2u);
  EXPECT_EQ(resumable.orders[0].request.client_order_id, "bot1/BTCUSDT:2");
  EXPECT_EQ(resumable.orders[0].request.symbol, "BTCUSDT");
  EXPECT_EQ(resumable.orders[0].request.qty, qty("0.5"));
  EXPECT_EQ(resumable.orders[0].requested_at, kT0 + kSecond);
  EXPECT_EQ(resumable.orders[1].request.client_order_id, "bot1/BTCUSDT:4");
  EXPECT_EQ(resumable.orders[1].requested_at, kT0 + 3 * kSecond);
}

TEST_F(StreamRecovery, A_pending_order_whose_id_names_no_request_is_reported_unreadable) {
  auto state = append({received("a")}, kT0);
  PendingOrder stray;
  stray.client_order_id = "bot1/BTCUSDT:1";  // seq 1 is an AlertReceived
  stray.qty = qty("1");
  state.pending.push_back(stray);

  const auto resumable = orders_to_resume(*store_, state, "BTCUSDT");

  EXPECT_TRUE(resumable.orders.empty());
  EXPECT_EQ(resumable.unreadable, std::vector<std::string>{"bot1/BTCUSDT:1"});
}

TEST(AlertReplies, Bodies_are_the_json_the_webhook_answers) {
  EXPECT_EQ(accepted_body("bot1/BTCUSDT", 12, 3, false),
            R"({"event_id":12,"stream":"bot1/BTCUSDT","stream_seq":3})");
  EXPECT_EQ(accepted_body("bot1/BTCUSDT", 12, 3, true),
            R"({"duplicate":true,"event_id":12,"stream":"bot1/BTCUSDT","stream_seq":3})");
  EXPECT_EQ(error_body("unknown_instrument", "bot \"x\""),
            R"({"error":"unknown_instrument","message":"bot \"x\""})");
}

}  // namespace
}  // namespace tvbot::actors::testing
