// End to end: the real `tvbot serve` binary projecting into the test PostgreSQL while alerts
// arrive over HTTP, then the tables read back; PostgreSQL stopped while alerts keep coming;
// `tvbot project --rebuild` and `--status` run as the CLI.
#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <thread>

#include "tests/e2e/serve_fixture.hpp"
#include "tests/projections/pg_test_support.hpp"

namespace tvbot::e2e {
namespace {

using namespace std::chrono_literals;
using projections::testing::cluster;
using projections::testing::dump_tables;
using projections::testing::fresh_database_dsn;
using projections::testing::query_rows;
using projections::testing::query_value;
using Rows = std::vector<std::string>;

std::string json_alert(std::string_view fields) {
  return "{" + std::string(fields) + R"(,"secret":")" + std::string(kAlphaSecret) + "\"}";
}

struct CommandResult {
  int exit_code = -1;
  std::string output;  // stdout and stderr
};

CommandResult run_tvbot(const std::string& arguments) {
  const std::string command = tvbot_binary().string() + " " + arguments + " 2>&1";
  CommandResult result;
  FILE* pipe = ::popen(command.c_str(), "r");
  if (pipe == nullptr) return result;
  char buffer[4096];
  while (std::fgets(buffer, sizeof buffer, pipe) != nullptr) result.output += buffer;
  const int status = ::pclose(pipe);
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return result;
}

class ServeProjection : public ServeFixture {
 protected:
  void SetUp() override {
    ServeFixture::SetUp();
    dir_ = std::make_unique<ServerDir>(temp_.path() / "srv");
    std::string config = test_config_text();
    const std::string disabled = "[postgres]\nenabled = false";
    ASSERT_NE(config.find(disabled), std::string::npos);
    config.replace(config.find(disabled), disabled.size(), "[postgres]\nenabled = true");
    std::ofstream(dir_->root() / "tvbot.toml") << config;
    dsn_ = fresh_database_dsn();
  }

  void TearDown() override {
    // A test that failed during its outage must not leave the next one without a server.
    if (!cluster().running()) (void)cluster().start();
  }

  void start_projecting() {
    ServeLaunch launch = dir_->launch();
    launch.env.emplace_back("TVBOT_POSTGRES_DSN", dsn_);
    auto started = ServeProcess::start(launch);
    ASSERT_TRUE(started.ok()) << started.error().message;
    server_ = std::move(started).value();
    client_.emplace("127.0.0.1", server_->port());
  }

  // Waits until the projection's checkpoint is the log's last event.
  void wait_until_projected(std::chrono::milliseconds timeout = 60s) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    std::string checkpoint;
    std::size_t last = 0;
    while (std::chrono::steady_clock::now() < deadline) {
      auto events = read_log(dir_->data_dir());
      ASSERT_TRUE(events.ok()) << events.error().message;
      last = events->size();
      try {
        checkpoint = query_value(dsn_, "select global_seq from projection_checkpoints where log_id = 'e2e'");
      } catch (const std::exception&) {
        checkpoint = "<unreachable>";
      }
      if (checkpoint == std::to_string(last)) return;
      std::this_thread::sleep_for(100ms);
    }
    FAIL() << "projection checkpoint " << checkpoint << " never reached " << last << "\n"
           << (server_ ? server_->log_tail() : "");
  }

  void expect_rebuild_equal() {
    const std::string rebuilt = fresh_database_dsn();
    auto result = run_tvbot("project --rebuild --data '" + dir_->data_dir().string() + "' --dsn '" + rebuilt + "'");
    ASSERT_EQ(result.exit_code, 0) << result.output;
    EXPECT_NE(result.output.find("rebuilt log e2e"), std::string::npos) << result.output;
    EXPECT_EQ(dump_tables(dsn_), dump_tables(rebuilt));
  }

  std::unique_ptr<ServerDir> dir_;
  std::string dsn_;
};

TEST_F(ServeProjection, Positions_entries_and_trades_after_a_trading_session) {
  start_projecting();
  EXPECT_EQ(post("alpha", json_alert(R"("action":"buy","ticker":"BINANCE:BTCUSDT.P","qty":"0.01","id":"a1")")).status, 202u);
  EXPECT_EQ(post("alpha", json_alert(R"("action":"buy","ticker":"BINANCE:BTCUSDT.P","qty":"0.02","id":"a2")")).status, 202u);
  EXPECT_EQ(post("alpha", json_alert(R"("action":"close","ticker":"BTCUSDT","qty":"0.01","id":"a3")")).status, 202u);
  EXPECT_EQ(post("alpha", "close BTCUSDT secret=" + std::string(kAlphaSecret), "text/plain").status, 202u);
  EXPECT_EQ(post("alpha", json_alert(R"("action":"buy","ticker":"BINANCE:BTCUSDT.P","qty":"0.01","id":"a5")")).status, 202u);
  // Refused at the door: a wrong secret, an unknown bot. Their bodies are recorded redacted.
  EXPECT_EQ(post("alpha", R"({"action":"buy","ticker":"BTCUSDT","secret":"wrong-secret-4711"})").status, 401u);
  EXPECT_EQ(post("nobody", R"({"action":"buy","ticker":"BTCUSDT","secret":"other-secret-0815"})").status, 404u);
  ASSERT_TRUE(wait_until_settled(dir_->data_dir(), "alpha/BTCUSDT", 5).ok());
  wait_until_projected();

  // Fills at 60060 (buy) / 59940 (sell), fee 5 bps of the notional.
  EXPECT_EQ(query_rows(dsn_, "select position_side, direction, trim_scale(qty), trim_scale(avg_entry), entries, "
                             "cycle, trim_scale(realized_gross), trim_scale(fees) from current_positions"),
            Rows{"both|long|0.01|60060|1|2|-3.6|2.1003"});
  EXPECT_EQ(query_rows(dsn_, "select cycle, entry_no, trim_scale(qty), trim_scale(price), trim_scale(fee) "
                             "from position_entries order by cycle, entry_no"),
            (Rows{"1|1|0.01|60060|0.3003", "1|2|0.02|60060|0.6006", "2|1|0.01|60060|0.3003"}));
  EXPECT_EQ(query_rows(dsn_, "select kind, trim_scale(qty), trim_scale(entry_price), trim_scale(exit_price), "
                             "trim_scale(realized_gross), trim_scale(fee), coalesce(trim_scale(cycle_realized_net)::text, '-'), "
                             "exit_reason from trade_history order by global_seq"),
            (Rows{"reduce|0.01|60060|59940|-1.2|0.2997|-|signal", "close|0.02|60060|59940|-2.4|0.5994|-5.4|signal"}));
  EXPECT_EQ(query_value(dsn_, "select count(*) from orders where status = 'filled'"), "5");
  EXPECT_EQ(query_value(dsn_, "select count(*) from fills"), "5");

  // Every webhook, accepted and refused; no secret in any body.
  EXPECT_EQ(query_rows(dsn_, "select accepted, http_status, coalesce(outcome, '-'), coalesce(reason, '-'), "
                             "coalesce(bot_id, '-') from webhook_logs order by global_seq"),
            (Rows{"t|202|ordered|-|alpha", "t|202|ordered|-|alpha", "t|202|ordered|-|alpha",
                  "t|202|ordered|-|alpha", "t|202|ordered|-|alpha", "f|401|rejected|invalid_secret|alpha",
                  "f|404|rejected|unknown_bot|nobody"}));
  EXPECT_EQ(query_value(dsn_, "select count(*) from webhook_logs where body like '%" + std::string(kAlphaSecret) +
                                  "%' or body like '%wrong-secret-4711%' or body like '%other-secret-0815%'"),
            "0");
  EXPECT_EQ(query_value(dsn_, "select count(*) from webhook_logs where body like '%***%'"), "7");

  // The configuration, from configuration events.
  EXPECT_EQ(query_rows(dsn_, "select bot_id, broker, position_mode, settings->>'dedupe_window_seconds' "
                             "from trading_bots order by 1"),
            (Rows{"alpha|paper|one-way|3600", "slow|paper|one-way|300"}));
  EXPECT_EQ(query_rows(dsn_, "select bot_id, symbol, strategy->>'max_entries', strategy->'sizing'->>'kind' "
                             "from strategy_configs where valid_to is null order by 1, 2"),
            (Rows{"alpha|BTCUSDT|3|from_alert", "alpha|ETHUSDT|1|fixed_qty", "slow|ETHUSDT|1|from_alert"}));
  stop();

  // A restart with the same configuration records nothing new.
  start_projecting();
  wait_until_projected();
  EXPECT_EQ(query_value(dsn_, "select count(*) from strategy_configs"), "3");
  auto status = run_tvbot("project --status --data '" + dir_->data_dir().string() + "' --dsn '" + dsn_ + "'");
  EXPECT_EQ(status.exit_code, 0) << status.output;
  EXPECT_NE(status.output.find(", 0 events behind"), std::string::npos) << status.output;
  stop();
  expect_rebuild_equal();
}

TEST_F(ServeProjection, PostgreSQL_down_while_alerts_keep_arriving_loses_and_duplicates_nothing) {
  start_projecting();
  int alerts = 0;
  auto send = [&] {
    // ETHUSDT trades a fixed 0.5, one entry: open, close, open, ...
    const char* action = alerts % 2 == 0 ? "buy" : "close";
    const auto response = post("alpha", json_alert(std::string(R"("action":")") + action +
                                                   R"(","ticker":"ETHUSDT","id":"o)" + std::to_string(alerts) + "\""));
    EXPECT_EQ(response.status, 202u) << response.body;
    ++alerts;
    // Decided and filled before the next one, so buy/close alternate on a settled position.
    ASSERT_TRUE(wait_until_settled(dir_->data_dir(), "alpha/ETHUSDT", alerts).ok());
  };
  for (int i = 0; i < 4; ++i) send();
  ASSERT_TRUE(wait_until_settled(dir_->data_dir(), "alpha/ETHUSDT", alerts).ok());
  wait_until_projected();

  ASSERT_TRUE(cluster().stop().ok());
  const char* configured = std::getenv("TVBOT_E2E_OUTAGE_SECONDS");
  const auto outage = std::chrono::seconds(configured ? std::atoi(configured) : 5);
  const auto until = std::chrono::steady_clock::now() + outage;
  while (std::chrono::steady_clock::now() < until) {  // trading goes on
    send();
    std::this_thread::sleep_for(200ms);
  }
  ASSERT_TRUE(wait_until_settled(dir_->data_dir(), "alpha/ETHUSDT", alerts).ok());
  std::printf("PostgreSQL was down %lld s; %d alerts had been sent by its restart\n",
              static_cast<long long>(outage.count()), alerts);
  ASSERT_TRUE(cluster().start().ok());
  for (int i = 0; i < 4; ++i) send();
  ASSERT_TRUE(wait_until_settled(dir_->data_dir(), "alpha/ETHUSDT", alerts).ok());
  wait_until_projected();

  auto events = read_log(dir_->data_dir());
  ASSERT_TRUE(events.ok());
  std::size_t fills = 0;
  for (const auto& event : *events) fills += std::holds_alternative<OrderFilled>(event.payload);
  EXPECT_EQ(query_value(dsn_, "select count(*) from webhook_logs where stream = 'alpha/ETHUSDT'"),
            std::to_string(alerts));
  EXPECT_EQ(query_value(dsn_, "select count(*) from fills"), std::to_string(fills));
  EXPECT_EQ(query_value(dsn_, "select count(*) from (select fill_id from fills group by 1 having count(*) > 1) d"), "0");
  EXPECT_EQ(query_value(dsn_, "select count(*) from trade_history"), std::to_string(alerts / 2));
  // Its stderr (spdlog writes to stdout, which the harness stops reading after start-up).
  std::ifstream serve_log(dir_->root() / "serve.log");
  const std::string logged((std::istreambuf_iterator<char>(serve_log)), std::istreambuf_iterator<char>());
  EXPECT_EQ(logged.find(dsn_), std::string::npos) << "the DSN must never be printed";
  stop();
  expect_rebuild_equal();
}

TEST_F(ServeProjection, Project_command_with_an_unreachable_server_fails_clearly_and_keeps_the_password) {
  start_projecting();
  stop();
  const auto started = std::chrono::steady_clock::now();
  auto result = run_tvbot("project --data '" + dir_->data_dir().string() +
                          "' --dsn 'host=127.0.0.1 port=1 user=x password=sekrit-pw dbname=x' --connect-timeout 2");
  EXPECT_EQ(result.exit_code, 1) << result.output;
  EXPECT_NE(result.output.find("tvbot project: connecting to PostgreSQL"), std::string::npos) << result.output;
  EXPECT_EQ(result.output.find("sekrit-pw"), std::string::npos) << result.output;
  EXPECT_LT(std::chrono::steady_clock::now() - started, 10s);
  auto usage = run_tvbot("project --rebuild");
  EXPECT_EQ(usage.exit_code, 2) << usage.output;
}

}  // namespace
}  // namespace tvbot::e2e
