// The dedupe window of one stream, and the reply guard that answers every alert once.
#include <gtest/gtest.h>

#include <memory>
#include <vector>

#include "actors/alert_memory.hpp"
#include "actors/messages.hpp"

namespace tvbot::actors {
namespace {

constexpr Timestamp kSecond = 1'000'000'000;
constexpr Timestamp kT0 = 1'700'000'000 * kSecond;

TEST(AlertMemory, A_key_seen_inside_the_window_is_found_with_its_first_acceptance) {
  AlertMemory memory(300 * kSecond);
  memory.remember("k1", kT0, {41, 7});

  auto found = memory.find("k1", kT0 + 299 * kSecond);

  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(found->global_seq, 41u);
  EXPECT_EQ(found->stream_seq, 7u);
}

TEST(AlertMemory, A_key_older_than_the_window_is_forgotten) {
  AlertMemory memory(300 * kSecond);
  memory.remember("k1", kT0, {41, 7});

  EXPECT_FALSE(memory.find("k1", kT0 + 301 * kSecond).has_value());
  // Forgotten for good, even when asked about an earlier time afterwards.
  EXPECT_FALSE(memory.find("k1", kT0 + 1).has_value());
}

TEST(AlertMemory, Exactly_the_window_old_is_still_a_duplicate) {
  AlertMemory memory(300 * kSecond);
  memory.remember("k1", kT0, {1, 1});

  EXPECT_TRUE(memory.find("k1", kT0 + 300 * kSecond).has_value());
}

TEST(AlertMemory, Other_keys_are_not_duplicates) {
  AlertMemory memory(300 * kSecond);
  memory.remember("k1", kT0, {1, 1});

  EXPECT_FALSE(memory.find("k2", kT0 + kSecond).has_value());
}

TEST(AlertMemory, A_key_remembered_again_keeps_its_newer_time_when_the_old_one_expires) {
  AlertMemory memory(300 * kSecond);
  memory.remember("k1", kT0, {1, 1});
  memory.remember("k2", kT0 + 100 * kSecond, {2, 2});
  memory.remember("k1", kT0 + 200 * kSecond, {3, 3});

  auto found = memory.find("k1", kT0 + 400 * kSecond);

  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(found->global_seq, 3u);
  EXPECT_FALSE(memory.find("k2", kT0 + 401 * kSecond).has_value());
}

TEST(AlertMemory, An_empty_key_or_a_zero_window_never_deduplicates) {
  AlertMemory memory(300 * kSecond);
  memory.remember("", kT0, {1, 1});
  EXPECT_FALSE(memory.find("", kT0).has_value());

  AlertMemory off(0);
  off.remember("k1", kT0, {1, 1});
  EXPECT_FALSE(off.find("k1", kT0).has_value());
}

TEST(ReplyOnce, The_first_answer_is_delivered_and_later_ones_are_ignored) {
  std::vector<int> answers;
  {
    ReplyOnce<int> reply([&](int value) { answers.push_back(value); }, -1);
    reply(202);
    reply(200);
  }
  EXPECT_EQ(answers, std::vector<int>{202});
}

TEST(ReplyOnce, A_guard_dropped_unanswered_delivers_its_fallback_once) {
  std::vector<int> answers;
  {
    auto reply = std::make_shared<ReplyOnce<int>>([&](int value) { answers.push_back(value); }, 503);
    auto copy_held_by_a_second_message = reply;
    reply.reset();
    EXPECT_TRUE(answers.empty());
  }
  EXPECT_EQ(answers, std::vector<int>{503});
}

}  // namespace
}  // namespace tvbot::actors
