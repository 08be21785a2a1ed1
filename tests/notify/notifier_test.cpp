// The notifier on a real event log in a temporary directory and a fake Bot API on a
// loopback socket: exactly which messages arrive, where a restart resumes, and that
// appends never wait for Telegram.
#include "actors/notify/notifier.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <atomic>
#include <fstream>

#include "actors/notify/cursor_file.hpp"
#include "tests/notify/fake_telegram_host.hpp"
#include "tests/notify/notify_test_support.hpp"

namespace tvbot::notify {
namespace {

using namespace std::chrono_literals;
using ::testing::ElementsAre;
using ::testing::IsEmpty;

const std::string kToken = "777:notifier-TOKEN";
const std::string kChat = "-100555";

class NotifierTest : public ::testing::Test {
 protected:
  void SetUp() override {
    storage::EventLogOptions options;
    options.log_id = "main";
    options.sync = false;  // tests: no fsync needed to read back
    log_ = storage::EventLog::open(dir_.path() / "events", options).value();
    store_ = std::make_unique<storage::EventStore>(*log_);
  }

  NotifierOptions options() const {
    NotifierOptions options;
    options.cursor_file = dir_.path() / "telegram.cursor";
    options.sender.chat_id = kChat;
    options.sender.parse_mode = ParseMode::html;
    options.sender.retry.first_backoff = 50ms;
    options.sender.limits.per_chat_burst = 20;  // tests send a few at once
    options.tail_wait = 100ms;
    return options;
  }

  std::unique_ptr<Notifier> start(Transport transport) {
    auto started = Notifier::start(*store_, options(), kToken, std::move(transport));
    EXPECT_TRUE(started.ok()) << (started.ok() ? "" : started.error().message);
    return std::move(started).value();
  }

  void append(const std::string& stream, std::vector<EventPayload> payloads) {
    const auto version = log_->stream_version(stream);
    ASSERT_TRUE(store_->append(stream, version, payloads, 1'700'000'000'000'000'000).ok());
  }

  // One buy that opens a long: the events the engine records for it.
  std::vector<EventPayload> open_long(const std::string& stream, const char* price) {
    OrderRequested requested;
    requested.client_order_id = stream + ":" + std::to_string(log_->stream_version(stream) + 1);
    requested.qty = Quantity::parse("0.01").value();
    OrderFilled filled;
    filled.client_order_id = requested.client_order_id;
    filled.qty = requested.qty;
    filled.price = Price::parse(price).value();
    PositionOpened opened;
    opened.qty = requested.qty;
    opened.price = filled.price;
    opened.fee = Money::parse("0.3").value();
    return {AlertReceived{}, requested, OrderAccepted{requested.client_order_id, "b1"}, filled,
            opened};
  }

  test::TempDir dir_;
  std::unique_ptr<storage::EventLog> log_;
  std::unique_ptr<storage::EventStore> store_;
};

std::vector<std::string> texts(const test::FakeTelegram& fake) {
  std::vector<std::string> out;
  for (const auto& message : fake.messages()) out.push_back(message.text);
  return out;
}

TEST_F(NotifierTest, First_start_begins_at_the_end_of_the_log_then_reports_each_new_event) {
  append("alpha/BTCUSDT", open_long("alpha/BTCUSDT", "60000"));  // history: not reported
  test::FakeTelegram fake(kToken, kChat);
  test::PlainFakeTelegramHost host(fake);
  auto notifier = start(test::plain_http_transport(host.port()));

  append("alpha/ETHUSDT", open_long("alpha/ETHUSDT", "3000.5"));
  append("alpha/ETHUSDT", {AlertRejected{1, "max_entries", "1 entry open"}});
  ASSERT_TRUE(fake.wait_for_messages(2, 10s));
  EXPECT_TRUE(notifier->stop(2s));
  EXPECT_THAT(fake.violations(), IsEmpty());
  EXPECT_THAT(texts(fake),
              ElementsAre("\xF0\x9F\x9F\xA2 <b>Position opened</b> \xC2\xB7 alpha \xC2\xB7 "
                          "<code>ETHUSDT</code>\n<b>LONG</b> 0.01 @ 3000.5\nFee 0.3",
                          "\xE2\x9A\xA0\xEF\xB8\x8F <b>Alert rejected</b> \xC2\xB7 alpha \xC2\xB7 "
                          "<code>ETHUSDT</code>\nReason: <code>max_entries</code> \xE2\x80\x94 1 "
                          "entry open"));
  const auto stats = notifier->stats();
  EXPECT_EQ(stats.messages_sent, 2u);
  EXPECT_EQ(stats.events_read, 6u);  // only those after the start
  EXPECT_EQ(stats.last_notified_seq, log_->last_global_seq());
  EXPECT_EQ(load_cursor(options().cursor_file).value(), (Cursor{"main", log_->last_global_seq()}));
}

TEST_F(NotifierTest, A_restart_resumes_after_the_cursor_without_repeating_or_skipping) {
  test::FakeTelegram fake(kToken, kChat);
  test::PlainFakeTelegramHost host(fake);
  {
    auto notifier = start(test::plain_http_transport(host.port()));
    append("alpha/BTCUSDT", open_long("alpha/BTCUSDT", "60000"));
    ASSERT_TRUE(fake.wait_for_messages(1, 10s));
    EXPECT_TRUE(notifier->stop(2s));
  }
  append("beta/BTCUSDT", open_long("beta/BTCUSDT", "61000"));  // while stopped
  auto notifier = start(test::plain_http_transport(host.port()));
  append("beta/BTCUSDT", {AlertRejected{1, "paused", ""}});
  ASSERT_TRUE(fake.wait_for_messages(3, 10s));
  EXPECT_TRUE(notifier->stop(2s));
  const auto messages = texts(fake);
  ASSERT_EQ(messages.size(), 3u);
  EXPECT_THAT(messages[0], ::testing::HasSubstr("alpha"));
  EXPECT_THAT(messages[1], ::testing::HasSubstr("@ 61000"));
  EXPECT_THAT(messages[2], ::testing::HasSubstr("paused"));
}

TEST_F(NotifierTest, Telegram_down_never_slows_appends_and_unsent_messages_go_out_after_restart) {
  auto notifier = start(test::plain_http_transport(test::refused_port()));
  const auto start_time = std::chrono::steady_clock::now();
  for (int i = 0; i < 20; ++i)
    append("alpha/BTCUSDT", {AlertRejected{1, "r" + std::to_string(i), ""}});
  EXPECT_LT(std::chrono::steady_clock::now() - start_time, 2s);
  EXPECT_FALSE(notifier->stop(200ms));
  const auto stats = notifier->stats();
  EXPECT_EQ(stats.messages_sent, 0u);
  EXPECT_GE(stats.transport_errors, 1u);
  // Nothing was sent, so the cursor did not move past the first message.
  EXPECT_EQ(load_cursor(options().cursor_file).value()->global_seq, 0u);
  notifier.reset();

  test::FakeTelegram fake(kToken, kChat);
  test::PlainFakeTelegramHost host(fake);
  auto again = start(test::plain_http_transport(host.port()));
  ASSERT_TRUE(fake.wait_for_messages(20, 10s));
  EXPECT_TRUE(again->stop(2s));
  const auto messages = texts(fake);
  ASSERT_EQ(messages.size(), 20u);
  EXPECT_THAT(messages.front(), ::testing::HasSubstr("<code>r0</code>"));
  EXPECT_THAT(messages.back(), ::testing::HasSubstr("<code>r19</code>"));
}

TEST_F(NotifierTest, A_cursor_of_another_log_restarts_at_the_end) {
  append("alpha/BTCUSDT", {AlertRejected{1, "old", ""}});
  ASSERT_TRUE(save_cursor(options().cursor_file, {"another-log", 0}).ok());
  test::FakeTelegram fake(kToken, kChat);
  test::PlainFakeTelegramHost host(fake);
  auto notifier = start(test::plain_http_transport(host.port()));
  append("alpha/BTCUSDT", {AlertRejected{1, "new", ""}});
  ASSERT_TRUE(fake.wait_for_messages(1, 10s));
  EXPECT_TRUE(notifier->stop(2s));
  ASSERT_EQ(fake.messages().size(), 1u);
  EXPECT_THAT(fake.messages()[0].text, ::testing::HasSubstr("new"));
}

TEST_F(NotifierTest, Sends_the_daily_summary_at_its_time_from_the_events_of_the_day) {
  const Timestamp ten = 1'700'000'000'000'000'000;  // 2023-11-14T22:13:20Z
  std::atomic<Timestamp> clock{ten};
  test::FakeTelegram fake(kToken, kChat);
  test::PlainFakeTelegramHost host(fake);
  auto with_summary = options();
  with_summary.daily_summary = DailySummaryTime{23, 0};
  with_summary.clock = [&clock] { return clock.load(); };
  auto started =
      Notifier::start(*store_, with_summary, kToken, test::plain_http_transport(host.port()));
  ASSERT_TRUE(started.ok());
  auto notifier = std::move(started).value();

  // Events appended with time `ten` (append() stamps them so): a long opened and closed.
  PositionOpened opened;
  opened.qty = Quantity::parse("0.01").value();
  opened.price = Price::parse("60000").value();
  opened.fee = Money::parse("0.3").value();
  PositionClosed closed;
  closed.qty = opened.qty;
  closed.price = Price::parse("61000").value();
  closed.fee = Money::parse("0.31").value();
  closed.realized_gross = Money::parse("10").value();
  append("alpha/BTCUSDT", {opened, closed});
  ASSERT_TRUE(fake.wait_for_messages(2, 10s));
  EXPECT_EQ(fake.messages().size(), 2u);  // not yet 23:00

  clock = ten + 3'600'000'000'000;  // 23:13:20, past 23:00
  ASSERT_TRUE(fake.wait_for_messages(3, 10s));
  EXPECT_TRUE(notifier->stop(2s));
  ASSERT_EQ(fake.messages().size(), 3u);
  EXPECT_EQ(fake.messages()[2].text,
            "\xF0\x9F\x93\x8A <b>Daily summary</b> \xC2\xB7 24 h to 2023-11-14 23:00 UTC\n"
            "<b>alpha</b>: net <b>+9.39</b> (realized +10, fees 0.61), 2 fills, 1 closed");
  EXPECT_EQ(notifier->stats().messages_sent, 3u);
}

TEST(CursorFile, Round_trips_and_refuses_garbage) {
  test::TempDir dir;
  const auto file = dir.path() / "c";
  EXPECT_EQ(load_cursor(file).value(), std::nullopt);
  ASSERT_TRUE(save_cursor(file, {"main", 42}).ok());
  EXPECT_EQ(load_cursor(file).value(), (Cursor{"main", 42}));
  ASSERT_TRUE(save_cursor(file, {"main", 43}).ok());
  EXPECT_EQ(load_cursor(file).value(), (Cursor{"main", 43}));
  {
    std::ofstream out(file);
    out << "main forty-two\n";
  }
  EXPECT_EQ(load_cursor(file).error().code, "invalid_cursor");
}

}  // namespace
}  // namespace tvbot::notify
