// `tvbot serve` with [telegram] pointing at a fake Bot API on loopback: alerts over real
// HTTP must produce exactly the expected messages; with Telegram down or silent, alerts
// are still acknowledged, positions still change and the server still stops cleanly.
//
// Prices as in serve_trading_test.cpp: a market buy of BTC fills at 60060, a sell at 59940;
// taker fee 5 bps. ETHUSDT is a fixed 0.5 with max_entries = 1, buys fill at 3003.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "tests/e2e/serve_fixture.hpp"
#include "tests/notify/fake_telegram_host.hpp"
#include "tests/notify/fake_telegram_tls.hpp"
#include "tests/notify/notify_test_support.hpp"

namespace tvbot::e2e {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;

constexpr std::string_view kToken = "4242:E2E-telegram-TOKEN";
constexpr std::string_view kChat = "-100999";

std::string json_alert(std::string_view fields) {
  return "{" + std::string(fields) + R"(,"secret":")" + std::string(kAlphaSecret) + "\"}";
}

std::string file_text(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

class ServeTelegram : public ServeFixture {
 protected:
  // The test configuration plus a [telegram] section for `base_url`. The token is written
  // in plain text so that the fixture's launch needs no extra environment.
  ServerDir telegram_dir(const std::string& base_url, const std::string& extra = {}) {
    ServerDir dir(temp_.path() / "server");
    std::ofstream(dir.root() / "tvbot.toml", std::ios::app)
        << "\n[telegram]\nenabled = true\ntoken = \"" << kToken << "\"\nchat_id = " << kChat
        << "\napi_base_url = \"" << base_url << "\"\nparse_mode = \"HTML\"\nchat_burst = 10\n"
        << extra;
    return dir;
  }

  void trade(const ServerDir& dir) {
    std::size_t btc = 0;
    std::size_t eth = 0;
    auto accepted = [&](const http::ClientResponse& response, std::string_view stream,
                        std::size_t& alerts) {
      EXPECT_EQ(response.status, 202u) << response.body;
      ++alerts;
      auto settled = wait_until_settled(dir.data_dir(), stream, alerts);
      ASSERT_TRUE(settled.ok()) << settled.error().message << "\n" << server_->log_tail();
    };
    ASSERT_NO_FATAL_FAILURE(accepted(
        post("alpha",
             json_alert(R"("action":"buy","ticker":"BINANCE:BTCUSDT.P","qty":"0.01","id":"t1")")),
        "alpha/BTCUSDT", btc));
    ASSERT_NO_FATAL_FAILURE(accepted(
        post("alpha", json_alert(R"("action":"buy","ticker":"BTCUSDT","qty":"0.01","id":"t2")")),
        "alpha/BTCUSDT", btc));
    ASSERT_NO_FATAL_FAILURE(
        accepted(post("alpha", json_alert(R"("action":"close","ticker":"BTCUSDT","id":"t3")")),
                 "alpha/BTCUSDT", btc));
    ASSERT_NO_FATAL_FAILURE(
        accepted(post("alpha", json_alert(R"("action":"buy","ticker":"ETHUSDT","id":"e1")")),
                 "alpha/ETHUSDT", eth));
    ASSERT_NO_FATAL_FAILURE(
        accepted(post("alpha", json_alert(R"("action":"buy","ticker":"ETHUSDT","id":"e2")")),
                 "alpha/ETHUSDT", eth));
  }
};

TEST_F(ServeTelegram, A_trading_session_sends_exactly_the_expected_messages) {
  notify::test::FakeTelegram fake{std::string(kToken), std::string(kChat)};
  notify::test::PlainFakeTelegramHost host(fake);
  const ServerDir dir = telegram_dir("http://127.0.0.1:" + std::to_string(host.port()));
  ASSERT_NO_FATAL_FAILURE(start(dir));
  ASSERT_NO_FATAL_FAILURE(trade(dir));
  ASSERT_TRUE(fake.wait_for_messages(5, kSettleTimeout)) << server_->log_tail();
  ASSERT_NO_FATAL_FAILURE(stop());

  EXPECT_THAT(fake.violations(), IsEmpty());
  std::vector<std::string> texts;
  for (const auto& message : fake.messages()) {
    EXPECT_EQ(message.chat_id, kChat);
    EXPECT_EQ(message.parse_mode, "HTML");
    texts.push_back(message.text);
  }
  const std::string dot = " \xC2\xB7 ";
  EXPECT_THAT(
      texts,
      ElementsAre(
          "\xF0\x9F\x9F\xA2 <b>Position opened</b>" + dot + "alpha" + dot +
              "<code>BTCUSDT</code>\n<b>LONG</b> 0.01 @ 60060\nFee 0.3003",
          "\xE2\x9E\x95 <b>Position increased</b>" + dot + "alpha" + dot +
              "<code>BTCUSDT</code>\n<b>LONG</b> +0.01 @ 60060 \xE2\x86\x92 qty 0.02, avg entry "
              "60060 (2 entries)\nFee 0.3003",
          "\xE2\x9C\x85 <b>Position closed</b>" + dot + "alpha" + dot +
              "<code>BTCUSDT</code>\n<b>LONG</b> 0.02 closed @ 59940 (avg entry 60060)\n"
              "P&amp;L <b>-3.6</b> net (gross -2.4, fees 1.2)\nExit: signal",
          "\xF0\x9F\x9F\xA2 <b>Position opened</b>" + dot + "alpha" + dot +
              "<code>ETHUSDT</code>\n<b>LONG</b> 0.5 @ 3003\nFee 0.75075",
          HasSubstr("\xE2\x9A\xA0\xEF\xB8\x8F <b>Alert rejected</b>" + dot + "alpha" + dot +
                    "<code>ETHUSDT</code>\nReason: <code>max_entries</code>")));
  EXPECT_THAT(file_text(dir.root() / "serve.log"), Not(HasSubstr(std::string(kToken))));
  // Stopped after everything was sent: the cursor is at the log's end.
  const auto events = read_log(dir.data_dir());
  ASSERT_TRUE(events.ok());
  EXPECT_EQ(file_text(dir.data_dir() / "telegram.cursor"),
            "e2e " + std::to_string(events->size()) + "\n");
}

TEST_F(ServeTelegram, Over_tls_with_a_self_signed_certificate_trusted_through_ca_file) {
  notify::test::FakeTelegram fake{std::string(kToken), std::string(kChat)};
  auto tls = notify::test::host_on_test_server(fake, /*tls=*/true);
  const ServerDir dir = telegram_dir(tls->base_url(), "ca_file = \"" + tls->ca_file() + "\"\n");
  ASSERT_NO_FATAL_FAILURE(start(dir));
  EXPECT_EQ(post("alpha", json_alert(R"("action":"buy","ticker":"BTCUSDT","qty":"0.01","id":"s1")"))
                .status,
            202u);
  ASSERT_TRUE(fake.wait_for_messages(1, kSettleTimeout)) << server_->log_tail();
  ASSERT_NO_FATAL_FAILURE(stop());
  EXPECT_THAT(fake.violations(), IsEmpty());
  ASSERT_EQ(fake.messages().size(), 1u);
  EXPECT_EQ(fake.messages()[0].text,
            "\xF0\x9F\x9F\xA2 <b>Position opened</b> \xC2\xB7 alpha \xC2\xB7 <code>BTCUSDT</code>\n"
            "<b>LONG</b> 0.01 @ 60060\nFee 0.3003");
}

TEST_F(ServeTelegram, With_telegram_refusing_connections_trading_is_unaffected) {
  const ServerDir dir =
      telegram_dir("http://127.0.0.1:" + std::to_string(notify::test::refused_port()));
  ASSERT_NO_FATAL_FAILURE(start(dir));
  const auto begin = std::chrono::steady_clock::now();
  ASSERT_NO_FATAL_FAILURE(trade(dir));
  EXPECT_LT(std::chrono::steady_clock::now() - begin, kSettleTimeout);
  const auto events = read_log(dir.data_dir());
  ASSERT_TRUE(events.ok());
  EXPECT_EQ(type_names(events_of(*events, "alpha/BTCUSDT")).back(), "PositionClosed");
  EXPECT_EQ(type_names(events_of(*events, "alpha/ETHUSDT")).back(), "AlertRejected");
  ASSERT_NO_FATAL_FAILURE(stop());  // exits 0 within its bound although nothing was sent
  EXPECT_THAT(file_text(dir.root() / "serve.log"), Not(HasSubstr(std::string(kToken))));
}

TEST_F(ServeTelegram, With_telegram_accepting_but_never_answering_trading_is_unaffected) {
  notify::test::SilentListener silent;
  const ServerDir dir = telegram_dir("http://127.0.0.1:" + std::to_string(silent.port()));
  ASSERT_NO_FATAL_FAILURE(start(dir));
  ASSERT_NO_FATAL_FAILURE(trade(dir));
  const auto events = read_log(dir.data_dir());
  ASSERT_TRUE(events.ok());
  EXPECT_EQ(type_names(events_of(*events, "alpha/BTCUSDT")).back(), "PositionClosed");
  const auto stop_begin = std::chrono::steady_clock::now();
  ASSERT_NO_FATAL_FAILURE(stop());
  // Engine drain + the notifier's flush deadline (2 s) + one request's read timeout (5 s).
  EXPECT_LT(std::chrono::steady_clock::now() - stop_begin, std::chrono::seconds(20));
}

}  // namespace
}  // namespace tvbot::e2e
