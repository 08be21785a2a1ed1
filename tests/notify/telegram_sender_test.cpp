// The sender against a fake Bot API on a real loopback socket (plain HTTP): the documented
// request, 429 retry_after, 5xx retries, 4xx drops, Telegram down or silent.
#include "actors/notify/telegram_sender.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <thread>

#include "tests/notify/fake_telegram_host.hpp"
#include "tests/notify/notify_test_support.hpp"

namespace tvbot::notify {
namespace {

using namespace std::chrono_literals;
using notify::test::FakeTelegram;
using notify::test::LogCapture;
using notify::test::plain_http_transport;
using notify::test::PlainFakeTelegramHost;
using notify::test::ReceivedMessage;
using ::testing::ElementsAre;
using ::testing::IsEmpty;

const std::string kToken = "123456:SECRET-token_value";

Notification note(std::uint64_t seq, std::string text) {
  Notification n;
  n.global_seq = seq;
  n.kind = "test";
  n.text.bold("Closed").plain(" " + text);
  return n;
}

SenderOptions options_for(std::string chat, ParseMode mode = ParseMode::html) {
  SenderOptions options;
  options.chat_id = std::move(chat);
  options.parse_mode = mode;
  options.retry.first_backoff = 50ms;
  options.retry.max_backoff = 200ms;
  return options;
}

TEST(TelegramSender, Sends_each_message_as_the_bot_api_documents_in_every_parse_mode) {
  LogCapture logs;
  struct Case {
    ParseMode mode;
    std::string chat;
    std::string expected_text;
    std::string expected_mode;
  };
  const std::string raw = "BTC-PERP P&L -12.5 <x> my_bot [1] *2* `3`";
  const std::vector<Case> cases = {
      {ParseMode::html, "-1001234567890",
       "<b>Closed</b> BTC-PERP P&amp;L -12.5 &lt;x&gt; my_bot [1] *2* `3`", "HTML"},
      {ParseMode::markdown_v2, "@alerts",
       "*Closed* BTC\\-PERP P&L \\-12\\.5 <x\\> my\\_bot \\[1\\] \\*2\\* \\`3\\`", "MarkdownV2"},
      {ParseMode::markdown, "42", "*Closed* BTC-PERP P&L -12.5 <x> my\\_bot \\[1] \\*2\\* \\`3\\`",
       "Markdown"},
      {ParseMode::plain, "42", "Closed BTC-PERP P&L -12.5 <x> my_bot [1] *2* `3`", ""},
  };
  for (const auto& c : cases) {
    FakeTelegram fake(kToken, c.chat);
    PlainFakeTelegramHost host(fake);
    NotifierCounters counters;
    TelegramSender sender(options_for(c.chat, c.mode), kToken, plain_http_transport(host.port()),
                          counters);
    sender.start();
    sender.enqueue(note(1, raw));
    ASSERT_TRUE(fake.wait_for_messages(1, 5s)) << c.expected_mode;
    EXPECT_TRUE(sender.stop(2s));
    EXPECT_THAT(fake.violations(), IsEmpty());
    EXPECT_THAT(fake.messages(),
                ElementsAre(ReceivedMessage{c.chat, c.expected_text, c.expected_mode}));
    EXPECT_EQ(counters.messages_sent.load(), 1u);
  }
  EXPECT_THAT(logs.text(), ::testing::Not(::testing::HasSubstr(kToken)));
}

TEST(TelegramSender, Keeps_order_and_paces_one_chat_after_a_short_burst) {
  FakeTelegram fake(kToken, "42");
  PlainFakeTelegramHost host(fake);
  NotifierCounters counters;
  TelegramSender sender(options_for("42"), kToken, plain_http_transport(host.port()), counters);
  sender.start();
  for (std::uint64_t i = 1; i <= 4; ++i) sender.enqueue(note(i, std::to_string(i)));
  ASSERT_TRUE(fake.wait_for_messages(4, 10s));
  EXPECT_TRUE(sender.stop(1s));
  const auto messages = fake.messages();
  for (std::size_t i = 0; i < 4; ++i) {
    EXPECT_EQ(messages[i].text, "<b>Closed</b> " + std::to_string(i + 1));
  }
  // Burst of three, then one per second.
  const auto times = fake.request_times();
  ASSERT_EQ(times.size(), 4u);
  EXPECT_LT(times[2] - times[0], 900ms);  // generous: a loaded machine, sanitizers
  EXPECT_GE(times[3] - times[0], 950ms);
}

TEST(TelegramSender, Waits_retry_after_seconds_after_a_429) {
  FakeTelegram fake(kToken, "42");
  fake.script({test::too_many_requests(1)});
  PlainFakeTelegramHost host(fake);
  NotifierCounters counters;
  TelegramSender sender(options_for("42"), kToken, plain_http_transport(host.port()), counters);
  sender.start();
  sender.enqueue(note(1, "x"));
  ASSERT_TRUE(fake.wait_for_messages(1, 5s));
  EXPECT_TRUE(sender.stop(1s));
  const auto times = fake.request_times();
  ASSERT_EQ(times.size(), 2u);
  EXPECT_GE(times[1] - times[0], 950ms);
  EXPECT_EQ(counters.rate_limited.load(), 1u);
  EXPECT_EQ(counters.messages_sent.load(), 1u);
  EXPECT_EQ(counters.send_attempts.load(), 2u);
}

TEST(TelegramSender, Retries_server_errors_with_growing_backoff_then_delivers) {
  FakeTelegram fake(kToken, "42");
  fake.script({test::server_error(500), test::server_error(502)});
  PlainFakeTelegramHost host(fake);
  NotifierCounters counters;
  TelegramSender sender(options_for("42"), kToken, plain_http_transport(host.port()), counters);
  sender.start();
  sender.enqueue(note(1, "x"));
  ASSERT_TRUE(fake.wait_for_messages(1, 5s));
  EXPECT_TRUE(sender.stop(1s));
  const auto times = fake.request_times();
  ASSERT_EQ(times.size(), 3u);
  EXPECT_GE(times[1] - times[0], 50ms);   // first backoff
  EXPECT_GE(times[2] - times[1], 100ms);  // doubled
  EXPECT_EQ(counters.server_errors.load(), 2u);
  EXPECT_EQ(counters.messages_sent.load(), 1u);
  EXPECT_EQ(counters.dropped_gave_up.load(), 0u);
}

TEST(TelegramSender, Drops_and_counts_what_telegram_refuses_and_carries_on) {
  LogCapture logs;
  FakeTelegram fake(kToken, "42");
  fake.script({test::bad_request("chat not found")});
  PlainFakeTelegramHost host(fake);
  NotifierCounters counters;
  TelegramSender sender(options_for("42"), kToken, plain_http_transport(host.port()), counters);
  sender.start();
  sender.enqueue(note(1, "refused"));
  sender.enqueue(note(2, "accepted"));
  ASSERT_TRUE(fake.wait_for_messages(1, 5s));
  EXPECT_TRUE(sender.stop(1s));
  EXPECT_THAT(fake.messages(),
              ElementsAre(ReceivedMessage{"42", "<b>Closed</b> accepted", "HTML"}));
  EXPECT_EQ(fake.requests(), 2u);  // the refused one was not retried
  EXPECT_EQ(counters.dropped_rejected.load(), 1u);
  EXPECT_EQ(counters.messages_sent.load(), 1u);
  EXPECT_THAT(logs.text(), ::testing::HasSubstr("400 Bad Request: chat not found"));
  EXPECT_THAT(logs.text(), ::testing::Not(::testing::HasSubstr(kToken)));
}

TEST(TelegramSender, A_wrong_token_is_a_401_that_is_dropped_without_logging_the_token) {
  LogCapture logs;
  FakeTelegram fake("999:OTHER", "42");
  PlainFakeTelegramHost host(fake);
  NotifierCounters counters;
  TelegramSender sender(options_for("42"), kToken, plain_http_transport(host.port()), counters);
  sender.start();
  sender.enqueue(note(1, "x"));
  EXPECT_TRUE(sender.stop(5s));
  EXPECT_EQ(counters.dropped_rejected.load(), 1u);
  EXPECT_THAT(logs.text(), ::testing::HasSubstr("401 Unauthorized"));
  EXPECT_THAT(logs.text(), ::testing::Not(::testing::HasSubstr(kToken)));
}

TEST(TelegramSender, Gives_up_after_the_last_attempt_when_telegram_is_unreachable) {
  LogCapture logs;
  NotifierCounters counters;
  auto options = options_for("42");
  options.retry.max_attempts = 2;
  TelegramSender sender(options, kToken, plain_http_transport(test::refused_port()), counters);
  sender.start();
  sender.enqueue(note(1, "x"));
  EXPECT_TRUE(sender.stop(5s));  // done with: given up, not pending
  EXPECT_EQ(counters.transport_errors.load(), 2u);
  EXPECT_EQ(counters.dropped_gave_up.load(), 1u);
  EXPECT_EQ(sender.oldest_pending_seq(), std::nullopt);
  EXPECT_THAT(logs.text(), ::testing::Not(::testing::HasSubstr(kToken)));
}

TEST(TelegramSender, Telegram_down_never_blocks_the_producer_and_the_queue_sheds_the_oldest) {
  NotifierCounters counters;
  auto options = options_for("42");
  options.queue_capacity = 100;
  options.retry.first_backoff = 1s;
  TelegramSender sender(options, kToken, plain_http_transport(test::refused_port()), counters);
  sender.start();
  // The first message is taken by the sender (its first attempt fails at once) before the
  // flood, so what the queue sheds is exact however the threads are scheduled.
  sender.enqueue(note(1, "x"));
  const auto taken_by = std::chrono::steady_clock::now() + 10s;
  while (counters.transport_errors.load() == 0 && std::chrono::steady_clock::now() < taken_by) {
    std::this_thread::sleep_for(1ms);
  }
  ASSERT_GE(counters.transport_errors.load(), 1u);
  const auto start = std::chrono::steady_clock::now();
  for (std::uint64_t i = 2; i <= 5000; ++i) sender.enqueue(note(i, "x"));
  EXPECT_LT(std::chrono::steady_clock::now() - start, 2s);  // 4999 pushes, no waiting
  // The sender holds exactly one message (its first, in retry); the queue keeps the newest 100.
  EXPECT_EQ(counters.dropped_queue_full.load(), 4899u);
  EXPECT_EQ(counters.messages_enqueued.load(), 5000u);
  const auto stop_start = std::chrono::steady_clock::now();
  EXPECT_FALSE(sender.stop(200ms));  // could not flush: Telegram is down
  EXPECT_LT(std::chrono::steady_clock::now() - stop_start, 3s);
  // What was not sent stays pending for the cursor: the message in retry is the oldest.
  ASSERT_TRUE(sender.oldest_pending_seq().has_value());
  EXPECT_LE(*sender.oldest_pending_seq(), 4900u);
}

TEST(TelegramSender, A_silent_server_costs_the_sender_its_timeout_and_nothing_else) {
  test::SilentListener silent;
  NotifierCounters counters;
  TelegramSender sender(options_for("42"), kToken, plain_http_transport(silent.port(), 300ms),
                        counters);
  sender.start();
  const auto start = std::chrono::steady_clock::now();
  sender.enqueue(note(7, "x"));
  sender.enqueue(note(8, "y"));
  EXPECT_LT(std::chrono::steady_clock::now() - start, 100ms);
  EXPECT_FALSE(sender.stop(100ms));
  EXPECT_LT(std::chrono::steady_clock::now() - start, 3s);
  EXPECT_EQ(sender.oldest_pending_seq(), 7u);
  EXPECT_GE(counters.transport_errors.load(), 1u);
}

TEST(SendMessageBody, Numeric_chat_ids_are_integers_and_plain_text_has_no_parse_mode) {
  EXPECT_EQ(
      send_message_body("-100123", ParseMode::html, "a\"b\n"),
      R"({"chat_id":-100123,"text":"a\"b\u000a","parse_mode":"HTML","disable_web_page_preview":true})");
  EXPECT_EQ(send_message_body("@chan", ParseMode::plain, "x"),
            R"({"chat_id":"@chan","text":"x","disable_web_page_preview":true})");
}

}  // namespace
}  // namespace tvbot::notify
