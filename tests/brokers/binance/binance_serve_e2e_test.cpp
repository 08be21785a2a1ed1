// The real `tvbot serve` binary trading on the Binance emulator: a config whose broker is
// kind binance-spot / binance-futures with base_url pointing at the emulator on loopback,
// keys from the environment, alerts over real HTTP, the event log read back.
#include <gtest/gtest.h>

#include <fstream>

#include "http/server/http_client.hpp"
#include "tests/brokers/binance/binance_emulator.hpp"
#include "tests/e2e/e2e_support.hpp"
#include "tests/e2e/serve_process.hpp"

namespace tvbot::binance {
namespace {

using e2e::money;
using e2e::price;
using e2e::qty;

constexpr const char* kKey = "serve-e2e-key-4711";
constexpr const char* kSecret = "serve-e2e-secret-0815";
constexpr const char* kBotSecret = "serve-e2e-bot-secret";

std::string config_text(std::string_view kind, std::string_view base_url, std::string_view mode) {
  return R"toml(
[server]
listen_address = "127.0.0.1"
port = 8080

[storage]
data_dir = "./unused"
log_id = "binance-e2e"

[postgres]
enabled = false

[[brokers]]
name = "binance"
kind = ")toml" + std::string(kind) + R"toml("
base_url = ")toml" + std::string(base_url) + R"toml("
api_key_env = "TVBOT_E2E_BINANCE_KEY"
api_secret_env = "TVBOT_E2E_BINANCE_SECRET"

[[bots]]
id = "alpha"
secret_env = "TVBOT_E2E_ALPHA_SECRET"
broker = "binance"
mode = ")toml" + std::string(mode) + R"toml("
rate_limit = { per_second = 1000, burst = 1000 }

[bots.defaults]
sizing = { kind = "alert" }
max_entries = 3

[[bots.instruments]]
symbol = "BTCUSDT"
tradingview_tickers = ["BINANCE:BTCUSDT.P"]
)toml";
}

class BinanceServeTest : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_FALSE(e2e::tvbot_binary().empty()) << "TVBOT_BINARY is not set"; }

  void make_emulator(Venue venue) {
    emulator_ = std::make_unique<testing::BinanceEmulator>(venue, kKey, kSecret);
    emulator_->add_symbol({"BTCUSDT", "BTC", "USDT", price("0.01"), qty("0.001"), qty("0.001"),
                           qty("100"), money("10"), price("60000")});
    emulator_->set_balance("USDT", money("100000"));
    // Spot buys pay their fee in BTC; a little BTC on hand lets the close sell the full 0.01.
    emulator_->set_balance("BTC", money("0.1"));
  }

  e2e::ServeLaunch launch(std::string_view kind, std::string_view mode) {
    std::filesystem::create_directories(temp_.path());
    std::ofstream(temp_.path() / "tvbot.toml") << config_text(kind, emulator_->base_url(), mode);
    e2e::ServeLaunch launch;
    launch.config = temp_.path() / "tvbot.toml";
    launch.data_dir = temp_.path() / "data";
    launch.log_file = temp_.path() / "serve.log";
    launch.env = {{"TVBOT_E2E_ALPHA_SECRET", kBotSecret},
                  {"TVBOT_E2E_BINANCE_KEY", kKey},
                  {"TVBOT_E2E_BINANCE_SECRET", kSecret}};
    return launch;
  }

  void start(std::string_view kind, std::string_view mode = "one-way") {
    auto started = e2e::ServeProcess::start(launch(kind, mode));
    ASSERT_TRUE(started.ok()) << started.error().message;
    server_ = std::move(started).value();
  }

  unsigned post(std::string_view body) {
    http::HttpClient client("127.0.0.1", server_->port());
    auto response = client.post("/webhook/alpha", std::string(body));
    if (!response.ok()) {
      ADD_FAILURE() << response.error().message << "\n" << server_->log_tail();
      return 0;
    }
    return response->status;
  }

  std::string alert(std::string_view fields) {
    return "{" + std::string(fields) + R"(,"secret":")" + kBotSecret + "\"}";
  }

  void stop() {
    auto code = server_->terminate();
    ASSERT_TRUE(code.ok()) << code.error().message;
    EXPECT_EQ(*code, 0) << server_->log_tail();
  }

  e2e::TempDir temp_;
  std::unique_ptr<testing::BinanceEmulator> emulator_;
  std::unique_ptr<e2e::ServeProcess> server_;
};

TEST_F(BinanceServeTest, Spot_buy_and_close_alerts_trade_on_binance_and_keep_the_position) {
  make_emulator(Venue::spot);
  start("binance-spot");
  ASSERT_EQ(post(alert(R"("action":"buy","ticker":"BINANCE:BTCUSDT.P","qty":"0.01","id":"a1")")), 202u);
  auto opened = e2e::wait_until_settled(temp_.path() / "data", "alpha/BTCUSDT", 1);
  ASSERT_TRUE(opened.ok()) << opened.error().message << "\n" << server_->log_tail();
  const auto fills = e2e::type_names(*opened);
  EXPECT_EQ(fills, (std::vector<std::string>{"AlertReceived", "OrderRequested", "OrderAccepted",
                                             "OrderFilled", "PositionOpened"}));
  const auto* filled = std::get_if<OrderFilled>(&(*opened)[3].payload);
  ASSERT_NE(filled, nullptr);
  EXPECT_EQ(filled->client_order_id, "alpha/BTCUSDT:2");
  EXPECT_EQ(filled->price, price("60000"));
  EXPECT_EQ(filled->fee, money("0.6"));  // 0.00001 BTC of fee, worth 0.6 USDT

  emulator_->set_price("BTCUSDT", price("61000"));
  ASSERT_EQ(post(alert(R"("action":"close","ticker":"BINANCE:BTCUSDT.P","id":"a2")")), 202u);
  auto closed = e2e::wait_until_settled(temp_.path() / "data", "alpha/BTCUSDT", 2);
  ASSERT_TRUE(closed.ok()) << closed.error().message << "\n" << server_->log_tail();
  const auto state = e2e::fold("alpha/BTCUSDT", *closed);
  EXPECT_TRUE(state.net.is_flat());
  ASSERT_EQ(emulator_->orders().size(), 2u);
  EXPECT_EQ(emulator_->orders()[1].side, "SELL");
  EXPECT_EQ(emulator_->orders()[1].qty, qty("0.01"));
  EXPECT_EQ(emulator_->orders()[1].status, "FILLED");
  stop();
}

TEST_F(BinanceServeTest, Futures_5xx_after_placing_yields_exactly_one_order_at_binance) {
  make_emulator(Venue::usdm_futures);
  emulator_->fail_next_order_after_placing(503);
  start("binance-futures");
  ASSERT_EQ(post(alert(R"("action":"sell","ticker":"BINANCE:BTCUSDT.P","qty":"0.01","id":"f1")")), 202u);
  auto events = e2e::wait_until_settled(temp_.path() / "data", "alpha/BTCUSDT", 1);
  ASSERT_TRUE(events.ok()) << events.error().message << "\n" << server_->log_tail();
  EXPECT_EQ(emulator_->orders().size(), 1u);
  EXPECT_EQ(emulator_->stats().order_posts, 1);
  EXPECT_EQ(emulator_->position("BTCUSDT", "BOTH"), qty("-0.01"));
  const auto state = e2e::fold("alpha/BTCUSDT", *events);
  EXPECT_EQ(state.net.direction, Direction::short_);
  EXPECT_EQ(state.net.qty, qty("0.01"));
  stop();
}

TEST_F(BinanceServeTest, A_hedge_bot_on_a_one_way_futures_account_refuses_to_start) {
  make_emulator(Venue::usdm_futures);
  auto started = e2e::ServeProcess::start(launch("binance-futures", "hedge"), std::chrono::seconds(20));
  ASSERT_FALSE(started.ok());
  std::ifstream log(temp_.path() / "serve.log");
  const std::string text((std::istreambuf_iterator<char>(log)), std::istreambuf_iterator<char>());
  EXPECT_NE(text.find("position mode"), std::string::npos) << text;
  EXPECT_EQ(text.find(kSecret), std::string::npos);
  EXPECT_EQ(text.find(kKey), std::string::npos);
}

}  // namespace
}  // namespace tvbot::binance
