// The notifier's counters as /metrics shows them, after real deliveries to the fake Bot API.
#include "app/serve/telegram_metrics.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "tests/notify/fake_telegram_host.hpp"
#include "tests/notify/notify_test_support.hpp"

namespace tvbot::notify {
namespace {

using namespace std::chrono_literals;
using ::testing::HasSubstr;

TEST(TelegramMetrics, Scrapes_show_sent_failed_dropped_and_errors) {
  test::TempDir dir;
  storage::EventLogOptions log_options;
  log_options.sync = false;
  auto log = storage::EventLog::open(dir.path() / "events", log_options).value();
  storage::EventStore store(*log);
  test::FakeTelegram fake("1:T", "42");
  fake.script({test::bad_request("chat not found"), test::server_error(500)});
  test::PlainFakeTelegramHost host(fake);
  NotifierOptions options;
  options.cursor_file = dir.path() / "telegram.cursor";
  options.sender.chat_id = "42";
  options.sender.retry.first_backoff = 10ms;
  options.sender.limits.per_chat_burst = 10;
  options.tail_wait = 50ms;
  auto notifier =
      Notifier::start(store, options, "1:T", test::plain_http_transport(host.port())).value();
  observability::Registry registry;
  app::register_telegram_metrics(registry, *notifier);

  ASSERT_TRUE(store.append("a/X", 0, {AlertRejected{1, "one", ""}, AlertRejected{2, "two", ""}}, 1)
                  .ok());
  ASSERT_TRUE(fake.wait_for_messages(1, 10s));
  EXPECT_TRUE(notifier->stop(2s));
  const std::string text = registry.expose();
  EXPECT_THAT(text, HasSubstr("tvbot_notifier_messages_total{outcome=\"sent\"} 1\n"));
  EXPECT_THAT(text, HasSubstr("tvbot_notifier_messages_total{outcome=\"failed\"} 1\n"));
  EXPECT_THAT(text, HasSubstr("tvbot_notifier_messages_total{outcome=\"dropped\"} 0\n"));
  EXPECT_THAT(text, HasSubstr("tvbot_notifier_send_errors_total{kind=\"server\"} 1\n"));
  EXPECT_THAT(text, HasSubstr("tvbot_notifier_queue_depth 0\n"));
}

}  // namespace
}  // namespace tvbot::notify
