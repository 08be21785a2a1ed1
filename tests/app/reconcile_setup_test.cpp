// `tvbot serve`'s reconciliation wiring: the plan read from a configuration, and the loop it
// starts against a real engine, event log and paper broker built from that configuration.
#include <gtest/gtest.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <thread>

#include <unistd.h>

#include "app/config/load.hpp"
#include "app/serve/paper_setup.hpp"
#include "app/serve/reconcile_setup.hpp"
#include "app/serve/routing.hpp"
#include "storage/event_log.hpp"

namespace tvbot::app {
namespace {

constexpr std::string_view kConfig = R"(
[[brokers]]
name = "paper"
kind = "paper"
reconcile_interval_seconds = 1
on_drift = "pause"
price_feed = { kind = "manual", start_prices = { BTCUSDT = "30000", ETHUSDT = "2000" } }

[[brokers]]
name = "quiet"
kind = "paper"
reconcile_interval_seconds = 0
price_feed = { kind = "manual", start_prices = { BTCUSDT = "30000" } }

[[bots]]
id = "alpha"
secret_env = "TVBOT_SECRET"
broker = "paper"
[[bots.instruments]]
symbol = "BTCUSDT"
[[bots.instruments]]
symbol = "ETHUSDT"

[[bots]]
id = "beta"
secret_env = "TVBOT_SECRET"
broker = "paper"
[[bots.instruments]]
symbol = "BTCUSDT"

[[bots]]
id = "gamma"
secret_env = "TVBOT_SECRET"
broker = "quiet"
[[bots.instruments]]
symbol = "BTCUSDT"
)";

config::Config load() {
  config::LoadOptions options;
  options.environment = [](const std::string&) -> std::optional<std::string> {
    return "secret-0123456789abcdef";
  };
  auto loaded = config::load_config_from_string(kConfig, options);
  if (!loaded.ok()) throw std::runtime_error(loaded.error_report());
  return loaded.value();
}

TEST(ReconcileSetup, Each_broker_with_an_interval_checks_the_symbols_of_the_bots_that_trade_there) {
  const auto plan = reconciliation_plan(load());
  ASSERT_EQ(plan.size(), 1u);  // "quiet" has interval 0: off
  EXPECT_EQ(plan[0].settings.scope.broker, "paper");
  EXPECT_EQ(plan[0].interval, std::chrono::seconds(1));
  EXPECT_EQ(plan[0].settings.on_drift, reconcile::DriftReaction::pause);
  const auto& bots = plan[0].settings.scope.bots;
  ASSERT_EQ(bots.size(), 2u);
  EXPECT_EQ(bots.at("alpha"), (std::set<std::string>{"BTCUSDT", "ETHUSDT"}));
  EXPECT_EQ(bots.at("beta"), (std::set<std::string>{"BTCUSDT"}));
}

TEST(ReconcileSetup, The_started_loop_records_a_drift_at_once_and_pauses_every_bot_on_the_symbol) {
  const auto config = load();
  const auto dir = std::filesystem::temp_directory_path() /
                   ("tvbot-reconcile-setup-" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  {
    auto log = storage::EventLog::open(dir, storage::EventLogOptions{});
    ASSERT_TRUE(log.ok()) << log.error().message;
    storage::EventStore store(**log);
    std::map<std::string, std::shared_ptr<Broker>> brokers;
    std::shared_ptr<PaperBroker> paper;
    for (const auto& broker : config.brokers) {
      auto made = make_paper_broker(broker, config.bots);
      ASSERT_TRUE(made.ok()) << made.error().message;
      std::shared_ptr<PaperBroker> shared(std::move(made).value());
      if (broker.name == "paper") paper = shared;
      brokers.emplace(broker.name, shared);
    }
    OrderRequest manual;  // someone trades on the venue's website
    manual.client_order_id = "web-1";
    manual.symbol = "BTCUSDT";
    manual.qty = Quantity::parse_exact("0.1").value();
    ASSERT_TRUE(paper->place_order(manual).ok());
    auto engine = actors::Engine::start({}, store, brokers, make_instrument_resolver(config));
    ASSERT_TRUE(engine.ok()) << engine.error().message;

    auto loop = start_reconciliation(config, store, brokers, **engine);
    ASSERT_TRUE(loop.ok()) << loop.error().message;
    ASSERT_NE(*loop, nullptr);

    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(15);
    auto paused = [&](const char* stream) {
      auto events = store.read_stream(stream);
      return events.ok() && !events->empty() &&
             std::holds_alternative<BotPaused>(events->back().payload);
    };
    while (!(paused("alpha/BTCUSDT") && paused("beta/BTCUSDT")) &&
           std::chrono::steady_clock::now() < deadline) {
      std::this_thread::sleep_for(std::chrono::milliseconds(5));  // polling, not a sync
    }
    loop->reset();
    EXPECT_TRUE(paused("alpha/BTCUSDT"));
    EXPECT_TRUE(paused("beta/BTCUSDT"));
    EXPECT_EQ(store.log().stream_version("alpha/ETHUSDT"), 0u);  // its symbol agrees
    auto drifts = store.read_stream("reconciliation/paper");
    ASSERT_TRUE(drifts.ok());
    ASSERT_EQ(drifts->size(), 1u);
    const auto& drift = std::get<ReconciliationDrift>(drifts->front().payload);
    EXPECT_EQ(drift.symbol, "BTCUSDT");
    EXPECT_EQ(drift.actual_qty, Quantity::parse_exact("0.1").value());
    EXPECT_EQ(store.log().stream_version("reconciliation/quiet"), 0u);  // not reconciled
    (*engine)->shutdown();
  }
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace tvbot::app
