// The production transport (the HTTPS WebClient, app/serve/telegram_setup.cpp) against the
// fake Bot API over TLS with a self-signed certificate made at run time: trusted through
// ca_file it delivers; untrusted it never sends a byte of the request (nor the token).
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "actors/notify/telegram_sender.hpp"
#include "app/serve/telegram_setup.hpp"
#include "tests/notify/fake_telegram_tls.hpp"
#include "tests/notify/notify_test_support.hpp"

namespace tvbot::notify {
namespace {

using namespace std::chrono_literals;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;

const std::string kToken = "31337:TLS-token-value";
const std::string kChat = "@alerts";

Notification note(std::uint64_t seq, std::string text) {
  Notification n;
  n.global_seq = seq;
  n.kind = "test";
  n.text.bold("P&L").plain(" " + text);
  return n;
}

SenderOptions sender_options() {
  SenderOptions options;
  options.chat_id = kChat;
  options.parse_mode = ParseMode::markdown_v2;
  options.retry.first_backoff = 50ms;
  options.retry.max_attempts = 3;
  return options;
}

Transport transport_for(const std::string& base_url, const std::string& ca_file) {
  config::TelegramConfig telegram;
  telegram.api_base_url = base_url;
  telegram.ca_file = ca_file;
  auto transport = app::web_client_transport(telegram);
  EXPECT_TRUE(transport.ok()) << (transport.ok() ? "" : transport.error().message);
  return std::move(transport).value();
}

TEST(TelegramOverTls, Delivers_through_the_web_client_trusting_the_ca_file) {
  test::LogCapture logs;
  test::FakeTelegram fake(kToken, kChat);
  fake.script({test::server_error(503)});  // and a retry on the kept-alive connection
  auto server = test::host_on_test_server(fake, /*tls=*/true);
  NotifierCounters counters;
  TelegramSender sender(sender_options(), kToken,
                        transport_for(server->base_url(), server->ca_file()), counters);
  sender.start();
  sender.enqueue(note(1, "-12.5 on BTC-PERP"));
  sender.enqueue(note(2, "+3"));
  ASSERT_TRUE(fake.wait_for_messages(2, 10s)) << logs.text();
  EXPECT_TRUE(sender.stop(2s));
  EXPECT_THAT(fake.violations(), IsEmpty());
  EXPECT_THAT(
      fake.messages(),
      ElementsAre(test::ReceivedMessage{kChat, "*P&L* \\-12\\.5 on BTC\\-PERP", "MarkdownV2"},
                  test::ReceivedMessage{kChat, "*P&L* \\+3", "MarkdownV2"}));
  EXPECT_EQ(counters.server_errors.load(), 1u);
  EXPECT_EQ(counters.messages_sent.load(), 2u);
  EXPECT_EQ(server->connections_accepted(), 1u);  // keep-alive: one TLS handshake
  EXPECT_THAT(logs.text(), Not(HasSubstr(kToken)));
}

TEST(TelegramOverTls, An_untrusted_certificate_is_refused_before_anything_is_sent) {
  test::LogCapture logs;
  test::FakeTelegram fake(kToken, kChat);
  auto server = test::host_on_test_server(fake, /*tls=*/true);
  NotifierCounters counters;
  TelegramSender sender(sender_options(), kToken, transport_for(server->base_url(), ""), counters);
  sender.start();
  sender.enqueue(note(1, "x"));
  EXPECT_TRUE(sender.stop(5s));  // given up after max_attempts: done with
  EXPECT_EQ(fake.requests(), 0u);
  EXPECT_EQ(counters.transport_errors.load(), 3u);
  EXPECT_EQ(counters.dropped_gave_up.load(), 1u);
  EXPECT_THAT(logs.text(), HasSubstr("tls_failed"));
  EXPECT_THAT(logs.text(), Not(HasSubstr(kToken)));
}

TEST(TelegramOverTls, A_server_that_never_completes_the_handshake_costs_only_the_connect_timeout) {
  test::FakeTelegram fake(kToken, kChat);
  auto server = test::host_on_test_server(fake, /*tls=*/true,
                                          test_support::ConnectionBehaviour::accept_and_silence);
  NotifierCounters counters;
  TelegramSender sender(sender_options(), kToken,
                        transport_for(server->base_url(), server->ca_file()), counters);
  sender.start();
  const auto start = std::chrono::steady_clock::now();
  sender.enqueue(note(5, "x"));
  EXPECT_LT(std::chrono::steady_clock::now() - start, 100ms);  // the producer never waits
  EXPECT_FALSE(sender.stop(100ms));
  EXPECT_LT(std::chrono::steady_clock::now() - start, 10s);  // one connect timeout (3 s) at most
  EXPECT_EQ(sender.oldest_pending_seq(), 5u);                // kept for the next start
}

}  // namespace
}  // namespace tvbot::notify
