// Token buckets, the dedupe window and staleness, all at exact times.
#include <gtest/gtest.h>

#include <string>

#include "http/webhook/dedupe_window.hpp"
#include "http/webhook/rate_limiter.hpp"
#include "http/webhook/staleness.hpp"

namespace tvbot::webhook {
namespace {

constexpr Timestamp ms = 1'000'000;
constexpr Timestamp s = 1'000 * ms;
constexpr Timestamp t0 = 1'795'499'479 * s;  // 2026-11-24T05:51:19Z

TEST(RateLimiter, Bucket_of_two_refilled_each_second_allows_two_then_one_per_second) {
  RateLimiter limiter(16);
  const RateLimit one_per_second_burst_two{1, 1 * s, 2};
  EXPECT_TRUE(limiter.acquire("bot1", one_per_second_burst_two, t0).allowed);
  EXPECT_TRUE(limiter.acquire("bot1", one_per_second_burst_two, t0).allowed);
  const RateDecision third = limiter.acquire("bot1", one_per_second_burst_two, t0);
  EXPECT_FALSE(third.allowed);
  EXPECT_EQ(third.retry_after_seconds, 1);
  EXPECT_FALSE(limiter.acquire("bot1", one_per_second_burst_two, t0 + 999 * ms).allowed);
  EXPECT_TRUE(limiter.acquire("bot1", one_per_second_burst_two, t0 + 1 * s).allowed);
  EXPECT_FALSE(limiter.acquire("bot1", one_per_second_burst_two, t0 + 1 * s).allowed);
}

TEST(RateLimiter, Retry_after_rounds_the_wait_up_to_whole_seconds) {
  RateLimiter limiter(16);
  const RateLimit six_per_minute{6, 60 * s, 1};  // one every 10 s
  EXPECT_TRUE(limiter.acquire("1.2.3.4", six_per_minute, t0).allowed);
  EXPECT_EQ(limiter.acquire("1.2.3.4", six_per_minute, t0 + 1 * ms).retry_after_seconds, 10);  // 9.999 s -> 10
  EXPECT_EQ(limiter.acquire("1.2.3.4", six_per_minute, t0 + 9 * s).retry_after_seconds, 1);
  EXPECT_TRUE(limiter.acquire("1.2.3.4", six_per_minute, t0 + 10 * s).allowed);
}

TEST(RateLimiter, Keys_have_separate_buckets_and_zero_tokens_means_unlimited) {
  RateLimiter limiter(16);
  const RateLimit one_per_minute{1, 60 * s, 1};
  EXPECT_TRUE(limiter.acquire("a", one_per_minute, t0).allowed);
  EXPECT_TRUE(limiter.acquire("b", one_per_minute, t0).allowed);
  EXPECT_FALSE(limiter.acquire("a", one_per_minute, t0).allowed);
  for (int i = 0; i < 100; ++i) EXPECT_TRUE(limiter.acquire("a", RateLimit{0, 1 * s, 1}, t0).allowed);
}

TEST(RateLimiter, Memory_stays_bounded_and_idle_buckets_are_dropped) {
  RateLimiter limiter(3);
  const RateLimit one_per_second{1, 1 * s, 1};
  for (int i = 0; i < 10; ++i) {
    EXPECT_TRUE(limiter.acquire("key" + std::to_string(i), one_per_second, t0).allowed);
    EXPECT_LE(limiter.size(), 3u);
  }
  // After a second every bucket is full again, so holding them changes nothing: they go.
  EXPECT_TRUE(limiter.acquire("fresh", one_per_second, t0 + 5 * s).allowed);
  EXPECT_EQ(limiter.size(), 2u);  // two idle ones dropped per call, "fresh" added
}

TEST(RateLimiter, Least_recently_used_bucket_is_the_one_evicted) {
  RateLimiter limiter(2);
  const RateLimit one_per_minute{1, 60 * s, 1};
  EXPECT_TRUE(limiter.acquire("a", one_per_minute, t0).allowed);
  EXPECT_TRUE(limiter.acquire("b", one_per_minute, t0).allowed);
  EXPECT_TRUE(limiter.acquire("c", one_per_minute, t0).allowed);   // evicts "a"
  EXPECT_FALSE(limiter.acquire("b", one_per_minute, t0).allowed);  // still limited
  EXPECT_TRUE(limiter.acquire("a", one_per_minute, t0).allowed);   // forgotten: a full bucket again
}

TEST(DedupeKey, Alert_id_wins_and_otherwise_the_redacted_body_is_hashed_with_the_bot) {
  EXPECT_EQ(make_dedupe_key("bot1", "sig-7", R"({"id":"sig-7"})"), "bot1/id/sig-7");
  // printf 'bot1\0{"action":"buy","symbol":"BTCUSDT"}' | openssl dgst -sha256
  const std::string expected = "bot1/sha256/d21c2390e4208273b60ee79b3d7ae3c70e8f662f3bf9e06967324b5181ac4950";
  EXPECT_EQ(make_dedupe_key("bot1", "", R"({"action":"buy","symbol":"BTCUSDT"})"), expected);
  EXPECT_EQ(make_dedupe_key("bot1", "", "\r\n " R"({"action":"buy","symbol":"BTCUSDT"})" "\r\n"), expected);
  EXPECT_NE(make_dedupe_key("bot2", "", R"({"action":"buy","symbol":"BTCUSDT"})"), expected);
}

TEST(DedupeWindow, Same_key_inside_the_window_is_a_duplicate_and_at_its_end_is_new) {
  DedupeWindow window(60 * s, 100);
  EXPECT_EQ(window.check_and_insert("k", t0), DedupeOutcome{FirstSeen{}});
  EXPECT_EQ(window.check_and_insert("k", t0 + 59 * s), (DedupeOutcome{DuplicateOf{std::nullopt, t0}}));
  // A duplicate does not extend the window: 60 s after the first sighting it is new again.
  EXPECT_EQ(window.check_and_insert("k", t0 + 60 * s), DedupeOutcome{FirstSeen{}});
  EXPECT_EQ(window.check_and_insert("k", t0 + 61 * s), (DedupeOutcome{DuplicateOf{std::nullopt, t0 + 60 * s}}));
}

TEST(DedupeWindow, Duplicate_names_the_event_that_recorded_the_first_alert) {
  DedupeWindow window(60 * s, 100);
  EXPECT_EQ(window.check_and_insert("k", t0), DedupeOutcome{FirstSeen{}});
  const EventRef ref{"bot1/BTCUSDT", 7, 1042};
  window.attach_ref("k", ref);
  EXPECT_EQ(window.check_and_insert("k", t0 + 1 * s), (DedupeOutcome{DuplicateOf{ref, t0}}));
}

TEST(DedupeWindow, Forgotten_key_after_a_failed_append_is_new_again) {
  DedupeWindow window(60 * s, 100);
  EXPECT_EQ(window.check_and_insert("k", t0), DedupeOutcome{FirstSeen{}});
  window.forget("k");
  EXPECT_EQ(window.check_and_insert("k", t0 + 1 * s), DedupeOutcome{FirstSeen{}});
}

TEST(DedupeWindow, Seeded_events_count_and_expire_by_their_own_time) {
  DedupeWindow window(60 * s, 100);
  const EventRef old_ref{"bot1/BTCUSDT", 3, 900};
  const EventRef recent_ref{"bot1/BTCUSDT", 4, 950};
  window.insert("recent", t0 - 10 * s, recent_ref);  // seeded out of time order on purpose
  window.insert("old", t0 - 60 * s, old_ref);
  EXPECT_EQ(window.check_and_insert("recent", t0), (DedupeOutcome{DuplicateOf{recent_ref, t0 - 10 * s}}));
  EXPECT_EQ(window.check_and_insert("old", t0), DedupeOutcome{FirstSeen{}});
}

TEST(DedupeWindow, Size_is_bounded_by_dropping_the_oldest_entries) {
  DedupeWindow window(3600 * s, 3);
  for (int i = 0; i < 5; ++i) EXPECT_EQ(window.check_and_insert("k" + std::to_string(i), t0 + i * s), DedupeOutcome{FirstSeen{}});
  EXPECT_EQ(window.size(), 3u);
  EXPECT_EQ(window.check_and_insert("k0", t0 + 10 * s), DedupeOutcome{FirstSeen{}});  // evicted, so new
  EXPECT_EQ(window.check_and_insert("k4", t0 + 10 * s), (DedupeOutcome{DuplicateOf{std::nullopt, t0 + 4 * s}}));
}

TEST(Staleness, Alert_exactly_max_lag_old_passes_and_one_nanosecond_more_is_stale) {
  const StalenessPolicy policy{30 * s, 5 * s};
  EXPECT_TRUE(check_staleness(t0 - 30 * s, t0, policy).ok());
  const Status stale = check_staleness(t0 - 30 * s - 1, t0, policy);
  ASSERT_FALSE(stale.ok());
  EXPECT_EQ(stale.error().code, "stale_alert");
  EXPECT_EQ(stale.error().message, "alert is 30 s old (max_lag 30 s)");
  EXPECT_EQ(check_staleness(t0 - 42'500 * ms, t0, policy).error().message, "alert is 42.5 s old (max_lag 30 s)");
}

TEST(Staleness, Alert_from_the_future_beyond_the_skew_allowance_is_stale) {
  const StalenessPolicy policy{30 * s, 5 * s};
  EXPECT_TRUE(check_staleness(t0 + 5 * s, t0, policy).ok());
  const Status ahead = check_staleness(t0 + 7'250 * ms, t0, policy);
  ASSERT_FALSE(ahead.ok());
  EXPECT_EQ(ahead.error().code, "stale_alert");
  EXPECT_EQ(ahead.error().message, "alert time is 7.25 s in the future (allowed clock skew 5 s)");
}

TEST(Staleness, Alert_without_time_or_bot_without_max_lag_is_never_stale) {
  EXPECT_TRUE(check_staleness(std::nullopt, t0, {30 * s, 5 * s}).ok());
  EXPECT_TRUE(check_staleness(t0 - 86'400 * s, t0, {std::nullopt, 5 * s}).ok());
  EXPECT_EQ(format_duration(1 * ms), "0.001 s");
  EXPECT_EQ(format_duration(120 * s), "120 s");
}

}  // namespace
}  // namespace tvbot::webhook
