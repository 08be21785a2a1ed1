// Exactly-once across crashes, PostgreSQL outages while trading goes on, and rebuilds that
// equal the incrementally built tables.
#include <gtest/gtest.h>

#include <thread>

#include "projections/catch_up.hpp"
#include "projections/projector.hpp"
#include "projections/projector_driver.hpp"
#include "tests/projections/pg_test_support.hpp"
#include "tests/projections/trading_sim.hpp"

namespace tvbot::projections {
namespace {

using namespace std::chrono_literals;
using testing::cluster;
using testing::dump_tables;
using testing::fresh_database_dsn;
using testing::query_value;
using testing::TempLog;
using testing::TradingSim;

PositionConfig pyramid() {
  PositionConfig config;
  config.max_entries = 3;
  return config;
}

std::unique_ptr<Projector> open_projector(const std::string& dsn, const std::string& log_id = "test-node") {
  auto opened = Projector::open(dsn, log_id);
  if (!opened.ok()) throw std::runtime_error(opened.error().message);
  return std::move(opened).value();
}

// Alerts over four streams: entries, partial closes, full closes, reversals.
void trade(TradingSim& sim, int alerts, int offset = 0) {
  static const Action actions[] = {Action::buy, Action::buy, Action::close, Action::sell, Action::close};
  for (int i = offset; i < offset + alerts; ++i) {
    const std::string stream = "bot" + std::to_string(i % 2) + (i % 4 < 2 ? "/BTCUSDT" : "/ETHUSDT");
    const Action action = actions[(i / 4) % 5];
    std::optional<std::string> qty;
    if (action != Action::close) qty = std::to_string(1 + i % 3);
    sim.alert(stream, action, qty, std::to_string(100 + (i * 7) % 23));
  }
}

std::string rebuilt_dump(TempLog& log, const std::string& log_id = "test-node") {
  const std::string dsn = fresh_database_dsn();
  auto projector = open_projector(dsn, log_id);
  auto report = rebuild(*projector, log.store(), 10'000);
  if (!report.ok()) throw std::runtime_error(report.error().message);
  return dump_tables(dsn);
}

TEST(ExactlyOnce, A_crash_inside_a_batch_leaves_nothing_and_the_restart_resumes) {
  TempLog log;
  TradingSim sim(log.store(), pyramid());
  trade(sim, 40);
  const std::string dsn = fresh_database_dsn();
  {
    auto projector = open_projector(dsn);
    std::vector<Event> batch;
    ASSERT_TRUE(read_batch(log.store(), 1, 25, batch).ok());
    ASSERT_TRUE(projector->apply_batch(batch).ok());
    ASSERT_TRUE(read_batch(log.store(), 26, 25, batch).ok());
    int applied = 0;
    projector->after_event_hook = [&](const Event&) {
      if (++applied == 17) throw std::runtime_error("simulated crash");
    };
    auto crashed = projector->apply_batch(batch);
    ASSERT_FALSE(crashed.ok());
    EXPECT_NE(crashed.error().message.find("simulated crash"), std::string::npos);
    EXPECT_EQ(*projector->checkpoint(), 25u);
  }
  // The process is gone; a new one resumes from the checkpoint.
  auto restarted = open_projector(dsn);
  auto report = catch_up(*restarted, log.store(), 25);
  ASSERT_TRUE(report.ok()) << report.error().message;
  EXPECT_EQ(report->checkpoint, log.log().last_global_seq());
  EXPECT_EQ(dump_tables(dsn), rebuilt_dump(log));
}

TEST(ExactlyOnce, A_batch_applied_twice_is_refused_the_second_time) {
  TempLog log;
  TradingSim sim(log.store(), pyramid());
  trade(sim, 8);
  const std::string dsn = fresh_database_dsn();
  auto first = open_projector(dsn);
  auto second = open_projector(dsn);  // e.g. a projector that did not know the first committed
  std::vector<Event> batch;
  ASSERT_TRUE(read_batch(log.store(), 1, 1000, batch).ok());
  ASSERT_TRUE(first->apply_batch(batch).ok());
  const std::string once = dump_tables(dsn);
  auto again = second->apply_batch(batch);
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().code, "checkpoint_moved");
  EXPECT_EQ(dump_tables(dsn), once);
}

TEST(Rebuild, Rebuilt_tables_equal_the_incrementally_built_ones) {
  TempLog log;
  TradingSim sim(log.store(), pyramid());
  const std::string dsn = fresh_database_dsn();
  auto projector = open_projector(dsn);
  for (int round = 0; round < 6; ++round) {  // projected as it arrives, in odd batch sizes
    trade(sim, 9, round * 9);
    sim.append("webhooks/rejected", {WebhookRejected{"", "198.51.100.1", 401, "invalid_secret", "no",
                                                     "{}", false, "r" + std::to_string(round)}});
    ASSERT_TRUE(catch_up(*projector, log.store(), 3 + round).ok());
  }
  const std::string incremental = dump_tables(dsn);
  EXPECT_GT(std::stoi(query_value(dsn, "select count(*) from trade_history")), 10);
  EXPECT_EQ(incremental, rebuilt_dump(log));
  // In place, too: reset and replay in the same database.
  auto again = rebuild(*projector, log.store(), 50);
  ASSERT_TRUE(again.ok()) << again.error().message;
  EXPECT_EQ(dump_tables(dsn), incremental);
}

TEST(Rebuild, Two_logs_share_a_database_and_rebuild_separately) {
  TempLog node_a;
  TempLog node_b;
  TradingSim sim_a(node_a.store(), pyramid());
  TradingSim sim_b(node_b.store(), pyramid());
  sim_a.alert("a1/BTCUSDT", Action::buy, "1", "100");
  sim_b.alert("b1/BTCUSDT", Action::buy, "2", "100");
  const std::string dsn = fresh_database_dsn();
  auto projector_a = open_projector(dsn, "node-a");
  auto projector_b = open_projector(dsn, "node-b");
  ASSERT_TRUE(catch_up(*projector_a, node_a.store()).ok());
  ASSERT_TRUE(catch_up(*projector_b, node_b.store()).ok());
  const std::string both = dump_tables(dsn);
  EXPECT_EQ(query_value(dsn, "select count(*) from projection_checkpoints"), "2");
  ASSERT_TRUE(rebuild(*projector_a, node_a.store()).ok());
  EXPECT_EQ(dump_tables(dsn), both);
  EXPECT_EQ(query_value(dsn, "select string_agg(bot_id || ':' || trim_scale(qty), ',' order by bot_id) "
                             "from current_positions"),
            "a1:1,b1:2");
}

TEST(Outage, PostgreSQL_stopped_and_restarted_while_trading_goes_on_loses_and_duplicates_nothing) {
  TempLog log;
  TradingSim sim(log.store(), pyramid());
  const std::string dsn = fresh_database_dsn();
  ProjectorDriverOptions options;
  options.dsn = dsn;
  options.log_id = "test-node";
  options.batch_size = 16;
  options.min_backoff = 50ms;
  options.max_backoff = 500ms;
  options.idle_wake = 100ms;
  options.timeouts.connect = 2s;
  options.timeouts.statement = 5000ms;
  ProjectorDriver driver(log.store(), options);

  trade(sim, 20);
  ASSERT_TRUE(driver.wait_for_checkpoint(log.log().last_global_seq(), 30s));
  EXPECT_EQ(driver.stats().state, ProjectorState::connected);

  ASSERT_TRUE(cluster().stop().ok());
  trade(sim, 30, 20);  // trading does not wait for PostgreSQL
  const std::uint64_t appended_during_outage = log.log().last_global_seq();
  std::this_thread::sleep_for(1500ms);
  const ProjectorStats down = driver.stats();
  EXPECT_EQ(down.state, ProjectorState::retrying);
  EXPECT_GT(down.errors, 0u);
  EXPECT_GT(down.events_behind, 0u);
  EXPECT_GT(down.seconds_behind, 0.0);
  EXPECT_EQ(down.last_global_seq, appended_during_outage);
  EXPECT_EQ(down.last_error.find("password"), std::string::npos);

  ASSERT_TRUE(cluster().start().ok());
  std::thread more([&] {  // and alerts keep coming while it catches up
    trade(sim, 20, 50);
  });
  more.join();
  ASSERT_TRUE(driver.wait_for_checkpoint(log.log().last_global_seq(), 60s))
      << "checkpoint " << driver.stats().checkpoint << " of " << log.log().last_global_seq()
      << ", last error: " << driver.stats().last_error;
  const ProjectorStats caught_up = driver.stats();
  EXPECT_EQ(caught_up.state, ProjectorState::connected);
  EXPECT_EQ(caught_up.events_projected, log.log().last_global_seq());
  driver.stop();
  EXPECT_EQ(driver.stats().state, ProjectorState::stopped);

  std::uint64_t fills = 0;
  ASSERT_TRUE(log.store().read_all(1, [&](const Event& e) {
    fills += std::holds_alternative<OrderFilled>(e.payload);
    return true;
  }).ok());
  EXPECT_EQ(query_value(dsn, "select count(*) from fills"), std::to_string(fills));
  EXPECT_EQ(query_value(dsn, "select count(*) from webhook_logs"), "70");
  EXPECT_EQ(dump_tables(dsn), rebuilt_dump(log));
}

}  // namespace
}  // namespace tvbot::projections
