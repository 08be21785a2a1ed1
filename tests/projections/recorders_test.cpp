// What `tvbot serve` records for the projections: configuration events (only changes) and
// webhooks refused at the door (redacted, batched, dropped and counted under a flood).
#include <gtest/gtest.h>

#include "app/config/load.hpp"
#include "app/serve/config_recorder.hpp"
#include "app/serve/rejection_recorder.hpp"
#include "tests/projections/pg_test_support.hpp"

namespace tvbot::app {
namespace {

using projections::testing::TempLog;

constexpr std::string_view kConfig = R"(
[[brokers]]
name = "paper"
kind = "paper"

[[bots]]
id = "alpha"
secret_env = "ALPHA_SECRET"
broker = "paper"
[bots.defaults]
max_entries = 2
stop_loss = "2%"

[[bots.instruments]]
symbol = "BTCUSDT"
tradingview_tickers = ["BINANCE:BTCUSDT.P"]

[[bots.instruments]]
symbol = "ETHUSDT"
sizing = { kind = "fixed", qty = "0.5" }
)";

config::Config load(std::string text) {
  config::LoadOptions options;
  options.environment = [](const std::string&) { return std::optional<std::string>("s3cret-value-42"); };
  auto loaded = config::load_config_from_string(text, options);
  if (!loaded.ok()) throw std::runtime_error(loaded.error_report());
  return loaded.value();
}

std::vector<std::string> types_in(TempLog& log, const std::string& stream) {
  std::vector<std::string> names;
  auto events = log.store().read_stream(stream);
  if (!events.ok()) return {"<" + events.error().message + ">"};
  for (const auto& event : *events) names.emplace_back(event_type_name(event.payload));
  return names;
}

TEST(ConfigRecorder, Records_the_configuration_once_and_then_only_its_changes) {
  TempLog log;
  const auto config = load(std::string(kConfig));
  auto first = record_configuration(log.store(), config, 1000);
  ASSERT_TRUE(first.ok()) << first.error().message;
  EXPECT_EQ(first->events_appended, 3u);
  EXPECT_EQ(types_in(log, "config/alpha"),
            (std::vector<std::string>{"BotConfigured", "InstrumentConfigured", "InstrumentConfigured"}));
  auto events = log.store().read_stream("config/alpha");
  const auto& eth = std::get<InstrumentConfigured>((*events)[2].payload);
  EXPECT_EQ(eth.strategy, R"({"sizing":{"kind":"fixed_qty","qty":"0.5"},"max_entries":2,"max_position":null,)"
                          R"("stop_loss":"2%","take_profit":null,"trailing":null})");
  EXPECT_EQ(eth.tradingview_tickers, "[]");
  const auto& bot = std::get<BotConfigured>((*events)[0].payload);
  EXPECT_EQ(bot.settings.find("s3cret"), std::string::npos) << bot.settings;

  auto again = record_configuration(log.store(), config, 2000);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->events_appended, 0u);

  // ETHUSDT removed, BTCUSDT's rules changed.
  std::string changed(kConfig);
  changed = changed.substr(0, changed.find("[[bots.instruments]]\nsymbol = \"ETHUSDT\""));
  changed.replace(changed.find("max_entries = 2"), 15, "max_entries = 3");
  auto third = record_configuration(log.store(), load(changed), 3000);
  ASSERT_TRUE(third.ok());
  EXPECT_EQ(types_in(log, "config/alpha"),
            (std::vector<std::string>{"BotConfigured", "InstrumentConfigured", "InstrumentConfigured",
                                      "BotConfigured", "InstrumentConfigured", "ConfigRemoved"}));

  // A bot gone from the configuration is recorded as removed, once.
  std::string other(kConfig);
  other.replace(other.find("id = \"alpha\""), 12, "id = \"gamma\"");
  ASSERT_TRUE(record_configuration(log.store(), load(other), 4000).ok());
  ASSERT_TRUE(record_configuration(log.store(), load(other), 5000).ok());
  const auto alpha = types_in(log, "config/alpha");
  EXPECT_EQ(alpha.back(), "ConfigRemoved");
  EXPECT_EQ(alpha.size(), 7u);
  EXPECT_EQ(types_in(log, "config/gamma").size(), 3u);
}

TEST(RejectionRecorder, Records_redacted_bodies_in_batches_without_blocking) {
  TempLog log;
  {
    RejectionRecorder recorder(log.store());
    for (int i = 0; i < 300; ++i) {
      recorder.record(1000 + i, "alpha", "198.51.100.7", 401, "invalid_secret", "secret does not match",
                      R"({"action":"buy","secret":"hunter2-)" + std::to_string(i) + "\"}", "req-" + std::to_string(i));
    }
    recorder.flush();
    EXPECT_EQ(recorder.recorded(), 300u);
    EXPECT_EQ(recorder.dropped(), 0u);
  }
  auto events = log.store().read_stream(std::string(rejected_webhooks_stream));
  ASSERT_TRUE(events.ok());
  ASSERT_EQ(events->size(), 300u);
  const auto& first = std::get<WebhookRejected>(events->front().payload);
  EXPECT_EQ(first.body, R"({"action":"buy","secret":"***"})");
  EXPECT_EQ(first.http_status, 401u);
  EXPECT_EQ(first.request_id, "req-0");
  EXPECT_FALSE(first.body_truncated);
  // Fewer appends than events: batched.
  EXPECT_LT(log.log().statistics().appends_committed, 300u);
}

TEST(RejectionRecorder, A_flood_beyond_the_queue_is_dropped_and_counted) {
  TempLog log;
  RejectionRecorderOptions options;
  options.queue_capacity = 8;
  options.max_body_bytes = 16;
  RejectionRecorder recorder(log.store(), options);
  const std::string big(5000, 'x');
  for (int i = 0; i < 5000; ++i) recorder.record(i, "", "198.51.100.7", 429, "rate_limited", "slow down", big, "r");
  recorder.flush();
  EXPECT_EQ(recorder.recorded() + recorder.dropped(), 5000u);
  EXPECT_GT(recorder.dropped(), 0u);
  auto events = log.store().read_stream(std::string(rejected_webhooks_stream));
  ASSERT_TRUE(events.ok());
  EXPECT_EQ(events->size(), recorder.recorded());
  const auto& one = std::get<WebhookRejected>(events->front().payload);
  EXPECT_EQ(one.body.size(), 16u);
  EXPECT_TRUE(one.body_truncated);
}

}  // namespace
}  // namespace tvbot::app
