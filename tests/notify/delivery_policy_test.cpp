// The sender's rules without a network: rate limits on an injected clock, the bounded
// queue, and what each Bot API answer leads to.
#include "actors/notify/delivery_policy.hpp"

#include <gtest/gtest.h>

#include "actors/notify/rate_limiter.hpp"
#include "actors/notify/send_queue.hpp"

namespace tvbot::notify {
namespace {

using std::chrono::milliseconds;
using std::chrono::seconds;

const SteadyTime t0 = SteadyTime() + std::chrono::hours(1);

TEST(RateLimiter, One_chat_gets_a_short_burst_then_one_message_per_second) {
  RateLimiter limiter(RateLimitPolicy{});  // 1 s interval, burst 3
  const std::string chat = "42";
  for (int i = 0; i < 3; ++i) {
    ASSERT_LE(limiter.next_allowed(chat, t0), t0) << i;
    limiter.record_send(chat, t0);
  }
  EXPECT_EQ(limiter.next_allowed(chat, t0), t0 + seconds(1));
  limiter.record_send(chat, t0 + seconds(1));
  EXPECT_EQ(limiter.next_allowed(chat, t0 + seconds(1)), t0 + seconds(2));
  // After a quiet spell the burst is available again, and no more than that.
  const SteadyTime later = t0 + seconds(60);
  for (int i = 0; i < 3; ++i) limiter.record_send(chat, later);
  EXPECT_EQ(limiter.next_allowed(chat, later), later + seconds(1));
}

TEST(RateLimiter, A_group_chat_gets_at_most_twenty_messages_a_minute) {
  RateLimitPolicy policy;
  policy.per_chat_burst = 100;  // isolate the per-minute rule
  policy.per_chat_interval = milliseconds(1);
  RateLimiter limiter(policy);
  const std::string group = "-1001234567890";
  for (int i = 0; i < 20; ++i) {
    const SteadyTime now = t0 + seconds(i);
    ASSERT_LE(limiter.next_allowed(group, now), now) << i;
    limiter.record_send(group, now);
  }
  // The 21st waits until the first leaves the 60 s window.
  EXPECT_EQ(limiter.next_allowed(group, t0 + seconds(20)), t0 + seconds(60));
  // A private chat is not bound by the group rule.
  const std::string person = "1234567";
  for (int i = 0; i < 25; ++i) limiter.record_send(person, t0 + seconds(20) + milliseconds(i));
  EXPECT_LE(limiter.next_allowed(person, t0 + seconds(21)), t0 + seconds(21));
}

TEST(RateLimiter, All_chats_together_get_thirty_messages_a_second) {
  RateLimiter limiter(RateLimitPolicy{});
  for (int i = 0; i < 30; ++i) limiter.record_send("chat" + std::to_string(i), t0);
  EXPECT_EQ(limiter.next_allowed("another", t0), t0 + seconds(1));
  EXPECT_LE(limiter.next_allowed("another", t0 + seconds(1)), t0 + seconds(1));
}

TEST(RateLimiter, A_429_blocks_only_that_chat_until_retry_after) {
  RateLimiter limiter(RateLimitPolicy{});
  limiter.block_until("a", t0 + seconds(7));
  EXPECT_EQ(limiter.next_allowed("a", t0), t0 + seconds(7));
  EXPECT_LE(limiter.next_allowed("b", t0), t0);
}

TEST(SendQueue, Full_queue_drops_the_oldest_and_says_so) {
  SendQueue queue(2);
  EXPECT_EQ(queue.push({1, "k", "one"}), 0u);
  EXPECT_EQ(queue.push({2, "k", "two"}), 0u);
  EXPECT_EQ(queue.push({3, "k", "three"}), 1u);
  EXPECT_EQ(queue.size(), 2u);
  EXPECT_EQ(queue.oldest_pending_seq(), 2u);
  const auto first = queue.take(milliseconds(0));
  ASSERT_TRUE(first.has_value());
  EXPECT_EQ(first->text, "two");
  // In flight until finish(): still pending for the cursor.
  EXPECT_EQ(queue.oldest_pending_seq(), 2u);
  queue.finish();
  EXPECT_EQ(queue.oldest_pending_seq(), 3u);
}

TEST(SendQueue, Messages_without_a_seq_do_not_hold_the_cursor_back) {
  SendQueue queue(4);
  (void)queue.push({0, "daily_summary", "s"});
  EXPECT_EQ(queue.oldest_pending_seq(), std::nullopt);
  (void)queue.push({9, "k", "x"});
  EXPECT_EQ(queue.oldest_pending_seq(), 9u);
}

TEST(SendQueue, Take_times_out_when_empty_and_returns_at_once_when_closed) {
  SendQueue queue(1);
  const auto start = std::chrono::steady_clock::now();
  EXPECT_FALSE(queue.take(milliseconds(50)).has_value());
  EXPECT_GE(std::chrono::steady_clock::now() - start, milliseconds(50));
  queue.close();
  const auto closed_at = std::chrono::steady_clock::now();
  EXPECT_FALSE(queue.take(seconds(10)).has_value());
  EXPECT_LT(std::chrono::steady_clock::now() - closed_at, seconds(5));
}

Result<TransportResponse> answer(unsigned status, std::string body, std::string retry_after = {}) {
  return TransportResponse{status, std::move(body), std::move(retry_after)};
}

TEST(DeliveryPolicy, Ok_answer_is_delivered) {
  const auto d = decide_delivery(answer(200, R"({"ok":true,"result":{"message_id":5}})"), 1, {});
  EXPECT_EQ(d.verdict, Verdict::delivered);
}

TEST(DeliveryPolicy, A_429_waits_retry_after_seconds_from_the_body) {
  const auto d = decide_delivery(
      answer(
          429,
          R"({"ok":false,"error_code":429,"description":"Too Many Requests: retry after 7","parameters":{"retry_after":7}})",
          "3"),
      1, {});
  EXPECT_EQ(d.verdict, Verdict::retry);
  EXPECT_TRUE(d.rate_limited);
  EXPECT_EQ(d.wait, seconds(7));
  // Without the body's number the Retry-After header counts; a huge one is capped.
  EXPECT_EQ(decide_delivery(answer(429, "not json", "3"), 1, {}).wait, seconds(3));
  EXPECT_EQ(
      decide_delivery(answer(429, R"({"ok":false,"parameters":{"retry_after":99999}})"), 1, {})
          .wait,
      seconds(3600));
}

TEST(DeliveryPolicy, Server_errors_and_transport_errors_back_off_then_give_up) {
  RetryPolicy policy;
  policy.max_attempts = 3;
  const auto first = decide_delivery(answer(502, "<html>bad gateway</html>"), 1, policy);
  EXPECT_EQ(first.verdict, Verdict::retry);
  EXPECT_TRUE(first.server_error);
  EXPECT_EQ(first.wait, seconds(1));
  EXPECT_EQ(decide_delivery(answer(500, "{}"), 2, policy).wait, seconds(2));
  const auto last = decide_delivery(answer(500, "{}"), 3, policy);
  EXPECT_EQ(last.verdict, Verdict::drop);
  const auto refused = decide_delivery(
      Result<TransportResponse>(make_error("connect_failed", "refused")), 1, policy);
  EXPECT_EQ(refused.verdict, Verdict::retry);
  EXPECT_TRUE(refused.transport_error);
}

TEST(DeliveryPolicy, Client_errors_are_dropped_with_telegrams_description) {
  const auto d = decide_delivery(
      answer(400,
             R"({"ok":false,"error_code":400,"description":"Bad Request: can't parse entities"})"),
      1, {});
  EXPECT_EQ(d.verdict, Verdict::drop);
  EXPECT_EQ(d.reason, "400 Bad Request: can't parse entities");
  for (unsigned status : {401u, 403u, 404u}) {
    EXPECT_EQ(decide_delivery(answer(status, R"({"ok":false})"), 1, {}).verdict, Verdict::drop);
  }
  // 200 whose body is not ok is not a delivery either.
  EXPECT_EQ(decide_delivery(answer(200, R"({"ok":false})"), 1, {}).verdict, Verdict::drop);
}

TEST(DeliveryPolicy, Backoff_doubles_up_to_its_cap) {
  RetryPolicy policy;
  EXPECT_EQ(backoff(1, policy), seconds(1));
  EXPECT_EQ(backoff(2, policy), seconds(2));
  EXPECT_EQ(backoff(6, policy), seconds(32));
  EXPECT_EQ(backoff(7, policy), seconds(60));
  EXPECT_EQ(backoff(1000, policy), seconds(60));
}

TEST(DeliveryPolicy, Redact_removes_every_copy_of_the_token) {
  EXPECT_EQ(redact("POST /bot123:ABC/sendMessage failed; 123:ABC again", "123:ABC"),
            "POST /bot***/sendMessage failed; *** again");
  EXPECT_EQ(redact("nothing here", ""), "nothing here");
}

}  // namespace
}  // namespace tvbot::notify
