// The README's SQL reports (projections/reports/*.sql, run verbatim) on projected data.
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <sstream>

#include "projections/catch_up.hpp"
#include "projections/projector.hpp"
#include "tests/projections/pg_test_support.hpp"
#include "tests/projections/trading_sim.hpp"

namespace tvbot::projections {
namespace {

using testing::fresh_database_dsn;
using testing::query_rows;
using testing::TempLog;
using testing::TradingSim;
using Rows = std::vector<std::string>;

std::string report_sql(const std::string& name) {
  const char* root = std::getenv("TVBOT_SOURCE_DIR");
  std::ifstream in(std::string(root ? root : ".") + "/projections/reports/" + name);
  std::stringstream text;
  text << in.rdbuf();
  std::string sql = text.str();
  if (sql.empty()) throw std::runtime_error("no report " + name);
  while (!sql.empty() && (sql.back() == '\n' || sql.back() == ';' || sql.back() == ' ')) sql.pop_back();
  return sql;
}

// Columns of a report, the report itself run as written.
Rows report(const std::string& dsn, const std::string& name, const std::string& columns) {
  return query_rows(dsn, "select " + columns + " from (\n" + report_sql(name) + "\n) report");
}

class Reports : public ::testing::Test {
 protected:
  void SetUp() override {
    PositionConfig config;
    config.max_entries = 3;
    TradingSim sim(log.store(), config);  // every fill pays 0.5
    // alpha: a winner (+30 gross, 1.5 fees) and a loser (-10 gross, 1 fee), both closed.
    sim.alert("alpha/BTCUSDT", Action::buy, "1", "100");
    sim.alert("alpha/BTCUSDT", Action::buy, "1", "110");
    sim.alert("alpha/BTCUSDT", Action::close, std::nullopt, "120");
    sim.alert("alpha/ETHUSDT", Action::sell, "2", "50");
    sim.alert("alpha/ETHUSDT", Action::close, std::nullopt, "55");
    // beta: open long 0.5 @ 200, short 3 @ 60 (a fourth entry refused: max_entries).
    sim.alert("beta/BTCUSDT", Action::buy, "0.5", "200");
    for (int i = 0; i < 4; ++i) sim.alert("beta/ETHUSDT", Action::sell, "1", "60");
    sim.append("webhooks/rejected",
               {WebhookRejected{"alpha", "198.51.100.1", 401, "invalid_secret", "m", "{}", false, "r1"},
                WebhookRejected{"alpha", "198.51.100.2", 401, "invalid_secret", "m", "{}", false, "r2"},
                WebhookRejected{"", "198.51.100.1", 404, "unknown_bot", "m", "{}", false, "r3"}});
    // The next day beta adds 0.5 @ 220: long 1 @ 210.
    sim.advance_seconds(24 * 3600);
    sim.alert("beta/BTCUSDT", Action::buy, "0.5", "220");

    auto projector = Projector::open(dsn, "test-node");
    ASSERT_TRUE(projector.ok()) << projector.error().message;
    auto caught_up = catch_up(**projector, log.store());
    ASSERT_TRUE(caught_up.ok()) << caught_up.error().message;
  }

  TempLog log;
  std::string dsn = fresh_database_dsn();
};

TEST_F(Reports, Realized_pnl_per_bot_per_day) {
  EXPECT_EQ(report(dsn, "pnl_per_bot_per_day.sql",
                   "bot_id, day, trim_scale(realized_gross), trim_scale(fees), trim_scale(realized_net), exits"),
            (Rows{"alpha|2026-11-20|20|2.5|17.5|2", "beta|2026-11-20|0|2|-2|0",
                  "beta|2026-11-21|0|0.5|-0.5|0"}));
}

TEST_F(Reports, Win_rate_and_average_win_and_loss_per_bot) {
  EXPECT_EQ(report(dsn, "win_rate_per_bot.sql",
                   "bot_id, closed_positions, wins, losses, win_rate_pct, trim_scale(avg_win), "
                   "trim_scale(avg_loss), trim_scale(realized_net)"),
            (Rows{"alpha|2|1|1|50.00|28.5|-11|17.5"}));
}

TEST_F(Reports, Open_exposure_per_instrument) {
  EXPECT_EQ(report(dsn, "open_exposure_per_instrument.sql",
                   "symbol, trim_scale(net_qty), trim_scale(long_qty), trim_scale(short_qty), "
                   "trim_scale(notional_at_entry), open_positions, bots"),
            (Rows{"BTCUSDT|1|1|0|210|1|1", "ETHUSDT|-3|0|3|180|1|1"}));
}

TEST_F(Reports, Webhook_rejections_by_reason) {
  EXPECT_EQ(report(dsn, "webhook_rejections_by_reason.sql",
                   "reason, rejections, at_the_door, after_acceptance, sources, first_seen <= last_seen"),
            (Rows{"invalid_secret|2|2|0|2|t", "max_entries|1|0|1|1|t", "unknown_bot|1|1|0|1|t"}));
}

}  // namespace
}  // namespace tvbot::projections
