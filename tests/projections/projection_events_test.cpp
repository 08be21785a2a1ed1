// Each event type's rows, checked against what the aggregate decided.
#include <gtest/gtest.h>

#include "projections/catch_up.hpp"
#include "projections/projector.hpp"
#include "tests/projections/pg_test_support.hpp"
#include "tests/projections/trading_sim.hpp"

namespace tvbot::projections {
namespace {

using testing::fresh_database_dsn;
using testing::query_rows;
using testing::query_value;
using testing::TempLog;
using testing::TradingSim;
using Rows = std::vector<std::string>;

PositionConfig one_way(std::uint32_t max_entries) {
  PositionConfig config;
  config.mode = PositionMode::one_way;
  config.max_entries = max_entries;
  return config;
}

std::unique_ptr<Projector> open_projector(const std::string& dsn) {
  auto opened = Projector::open(dsn, "test-node");
  if (!opened.ok()) throw std::runtime_error(opened.error().message);
  return std::move(opened).value();
}

CatchUpReport project(Projector& projector, TempLog& log, std::size_t batch = 7) {
  auto report = catch_up(projector, log.store(), batch);
  if (!report.ok()) throw std::runtime_error(report.error().code + ": " + report.error().message);
  return *report;
}

class OneWayCycle : public ::testing::Test {
 protected:
  void SetUp() override {
    // Open long 1 @ 100, add 1 @ 110 (avg 105), a third entry refused (max 2), reduce 0.5 @ 120,
    // close 1.5 @ 90, open short 2 @ 95. Every fill pays 0.5.
    sim.alert("alpha/BTCUSDT", Action::buy, "1", "100");
    sim.alert("alpha/BTCUSDT", Action::buy, "1", "110");
    sim.alert("alpha/BTCUSDT", Action::buy, "1", "111");
    sim.alert("alpha/BTCUSDT", Action::close, "0.5", "120");
    sim.alert("alpha/BTCUSDT", Action::close, std::nullopt, "90");
    sim.alert("alpha/BTCUSDT", Action::sell, "2", "95");
    projector = open_projector(dsn);
    report = project(*projector, log);
  }

  TempLog log;
  TradingSim sim{log.store(), one_way(2)};
  std::string dsn = fresh_database_dsn();
  std::unique_ptr<Projector> projector;
  CatchUpReport report;
};

TEST_F(OneWayCycle, Checkpoint_reaches_the_last_event_in_batches) {
  EXPECT_EQ(report.checkpoint, log.log().last_global_seq());
  EXPECT_EQ(report.events, log.log().last_global_seq());
  EXPECT_GT(report.batches, 1u);
  EXPECT_EQ(query_value(dsn, "select global_seq from projection_checkpoints where log_id = 'test-node'"),
            std::to_string(log.log().last_global_seq()));
}

TEST_F(OneWayCycle, Current_position_is_the_aggregates_state) {
  EXPECT_EQ(query_rows(dsn,
                "select position_side, direction, trim_scale(qty), trim_scale(avg_entry), entries, cycle, "
                "trim_scale(cycle_realized_gross), trim_scale(cycle_fees), trim_scale(realized_gross), "
                "trim_scale(fees), bot_id, symbol from current_positions"),
            Rows{"both|short|2|95|1|2|0|0.5|-15|2.5|alpha|BTCUSDT"});
  EXPECT_EQ(query_value(dsn, "select opened_at = updated_at from current_positions"), "t");
}

TEST_F(OneWayCycle, Every_entry_of_every_cycle_is_kept) {
  EXPECT_EQ(query_rows(dsn,
                "select cycle, entry_no, direction, trim_scale(qty), trim_scale(price), trim_scale(fee), fill_id "
                "from position_entries order by cycle, entry_no"),
            (Rows{"1|1|long|1|100|0.5|f-1", "1|2|long|1|110|0.5|f-2", "2|1|short|2|95|0.5|f-5"}));
}

TEST_F(OneWayCycle, Trade_history_books_the_reduction_and_the_close_as_decided) {
  EXPECT_EQ(
      query_rows(dsn,
          "select kind, cycle, direction, trim_scale(qty), trim_scale(entry_price), trim_scale(exit_price), "
          "trim_scale(realized_gross), trim_scale(fee), trim_scale(remaining_qty), "
          "coalesce(trim_scale(cycle_realized_gross)::text, '-'), coalesce(trim_scale(cycle_fees)::text, '-'), "
          "coalesce(trim_scale(cycle_realized_net)::text, '-'), exit_reason, opened_at < closed_at "
          "from trade_history order by global_seq"),
      (Rows{"reduce|1|long|0.5|105|120|7.5|0.5|1.5|-|-|-|signal|t",
            "close|1|long|1.5|105|90|-22.5|0.5|0|-15|2|-17|signal|t"}));
}

TEST_F(OneWayCycle, Orders_and_fills_follow_their_lifecycle) {
  EXPECT_EQ(query_rows(dsn,
                "select side, order_type, trim_scale(qty), status, trim_scale(filled_qty), reason, "
                "broker_order_id = 'B' || client_order_id from orders order by global_seq"),
            (Rows{"buy|market|1|filled|1|signal|t", "buy|market|1|filled|1|signal|t",
                  "sell|market|0.5|filled|0.5|signal|t", "sell|market|1.5|filled|1.5|signal|t",
                  "sell|market|2|filled|2|signal|t"}));
  EXPECT_EQ(query_rows(dsn, "select fill_id, side, trim_scale(qty), trim_scale(price), trim_scale(fee), "
                            "fee_asset from fills order by global_seq"),
            (Rows{"f-1|buy|1|100|0.5|USDT", "f-2|buy|1|110|0.5|USDT", "f-3|sell|0.5|120|0.5|USDT",
                  "f-4|sell|1.5|90|0.5|USDT", "f-5|sell|2|95|0.5|USDT"}));
  EXPECT_EQ(query_value(dsn, "select count(*) from fills f join orders o using (client_order_id)"), "5");
}

TEST_F(OneWayCycle, Webhook_logs_hold_each_alert_with_its_outcome) {
  EXPECT_EQ(query_rows(dsn,
                "select stream_seq is not null, accepted, http_status, action, coalesce(outcome, '-'), "
                "coalesce(reason, '-'), client_order_id is not null, body from webhook_logs order by global_seq"),
            (Rows{"t|t|202|buy|ordered|-|t|{\"secret\":\"***\"}", "t|t|202|buy|ordered|-|t|{\"secret\":\"***\"}",
                  "t|t|202|buy|rejected|max_entries|f|{\"secret\":\"***\"}",
                  "t|t|202|close|ordered|-|t|{\"secret\":\"***\"}", "t|t|202|close|ordered|-|t|{\"secret\":\"***\"}",
                  "t|t|202|sell|ordered|-|t|{\"secret\":\"***\"}"}));
  // The order a webhook led to is the one requested right after it.
  EXPECT_EQ(query_value(dsn, "select count(*) from webhook_logs w join orders o using (client_order_id) "
                             "where o.global_seq > w.global_seq"),
            "5");
}

TEST_F(OneWayCycle, Bots_and_instruments_exist_even_without_configuration_events) {
  EXPECT_EQ(query_rows(dsn, "select bot_id, paused, removed, broker is null from trading_bots"),
            Rows{"alpha|f|f|t"});
  EXPECT_EQ(query_rows(dsn, "select bot_id, symbol from instruments"), Rows{"alpha|BTCUSDT"});
}

TEST(Projection, Hedge_legs_are_separate_rows) {
  TempLog log;
  PositionConfig config = one_way(1);
  config.mode = PositionMode::hedge;
  TradingSim sim(log.store(), config);
  sim.alert("beta/ETHUSDT", Action::buy, "1", "100");
  sim.alert("beta/ETHUSDT", Action::sell, "3", "101");
  sim.alert("beta/ETHUSDT", Action::close_long, std::nullopt, "104");
  const std::string dsn = fresh_database_dsn();
  auto projector = open_projector(dsn);
  (void)project(*projector, log);
  EXPECT_EQ(query_rows(dsn, "select position_side, direction, trim_scale(qty), trim_scale(realized_gross), "
                            "trim_scale(fees) from current_positions order by 1"),
            (Rows{"long|long|0|4|1", "short|short|3|0|0.5"}));
  EXPECT_EQ(query_rows(dsn, "select position_side, kind, trim_scale(cycle_realized_net) from trade_history"),
            Rows{"long|close|3"});
}

TEST(Projection, Pause_webhook_rejections_and_configuration_history) {
  TempLog log;
  TradingSim sim(log.store(), one_way(1));
  sim.append("config/alpha", {BotConfigured{"alpha", "paper", "one_way", false, R"({"dedupe_window_seconds":300})"},
                              InstrumentConfigured{"alpha", "BTCUSDT", R"(["BINANCE:BTCUSDT.P"])",
                                                   R"({"max_entries":1})"},
                              InstrumentConfigured{"alpha", "ETHUSDT", R"(["ETHUSDT"])", R"({"max_entries":1})"}});
  sim.alert("alpha/BTCUSDT", Action::buy, "1", "100");
  sim.append("alpha/BTCUSDT", {BotPaused{"daily loss"}});
  sim.append("webhooks/rejected", {WebhookRejected{"", "198.51.100.1", 404, "unknown_bot", "no such bot",
                                                   R"({"secret":"***"})", false, "req-x"},
                                   WebhookRejected{"alpha", "198.51.100.2", 401, "invalid_secret",
                                                   "secret does not match", "buy BTCUSDT secret=***", true,
                                                   "req-y"}});
  sim.advance_seconds(3600);
  sim.append("config/alpha", {InstrumentConfigured{"alpha", "BTCUSDT", R"(["BINANCE:BTCUSDT.P"])",
                                                   R"({"max_entries":3})"},
                              ConfigRemoved{"alpha", "ETHUSDT"}});
  // Not projected: protection levels stay in the log for the monitor.
  sim.append("alpha/BTCUSDT", {ProtectionSet{}});

  const std::string dsn = fresh_database_dsn();
  auto projector = open_projector(dsn);
  const auto report = project(*projector, log);
  EXPECT_EQ(report.counts.skipped, 1u);
  EXPECT_EQ(report.counts.projected + report.counts.skipped, report.events);

  EXPECT_EQ(query_rows(dsn, "select bot_id, broker, position_mode, paused, pause_reason, "
                            "settings->>'dedupe_window_seconds' from trading_bots"),
            Rows{"alpha|paper|one_way|t|daily loss|300"});
  EXPECT_EQ(query_rows(dsn, "select symbol, removed, tradingview_tickers->>0 from instruments order by 1"),
            (Rows{"BTCUSDT|f|BINANCE:BTCUSDT.P", "ETHUSDT|t|ETHUSDT"}));
  // The rules in force are a time range: the first BTCUSDT row ends where the second begins.
  EXPECT_EQ(query_rows(dsn, "select symbol, strategy->>'max_entries', valid_to is null, "
                            "coalesce(valid_to - valid_from, '0')::text from strategy_configs order by symbol, valid_from"),
            (Rows{"BTCUSDT|1|f|01:00:07", "BTCUSDT|3|t|00:00:00", "ETHUSDT|1|f|01:00:07"}));
  EXPECT_EQ(query_rows(dsn, "select coalesce(bot_id, '-'), accepted, http_status, outcome, reason, body, body_truncated, "
                            "request_id from webhook_logs where not accepted order by global_seq"),
            (Rows{"-|f|404|rejected|unknown_bot|{\"secret\":\"***\"}|f|req-x",
                  "alpha|f|401|rejected|invalid_secret|buy BTCUSDT secret=***|t|req-y"}));

  sim.append("alpha/BTCUSDT", {BotResumed{"manual"}});
  (void)project(*projector, log);
  EXPECT_EQ(query_value(dsn, "select paused from trading_bots"), "f");
}

}  // namespace
}  // namespace tvbot::projections
