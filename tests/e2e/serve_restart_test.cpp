// Crash safety over the real binary: the same alerts sent to a server that runs throughout
// and to one SIGKILLed between alerts (twice) and restarted on its data directory end in
// the same positions and totals, and no order is requested twice.
//
// The paper broker lives in the server's memory, so it starts afresh after each kill; only
// tvbot's own log is compared.
#include <gtest/gtest.h>

#include <set>

#include "storage/event_log.hpp"
#include "storage/event_store.hpp"

#include "tests/e2e/serve_fixture.hpp"

namespace tvbot::e2e {
namespace {

struct Step {
  std::string body;
  std::string content_type;
  unsigned status;      // 202 accepted, 200 a repeat
  std::string stream;   // whose alert count grows when 202
  bool crash_after = false;
};

std::vector<Step> steps() {
  const std::string secret(kAlphaSecret);
  const std::string json_secret = R"(,"secret":")" + secret + "\"}";
  const std::string text_secret = " secret=" + secret;
  return {
      {R"({"action":"buy","ticker":"BINANCE:BTCUSDT.P","qty":"0.01","id":"k1")" + json_secret,
       "application/json", 202, "alpha/BTCUSDT"},
      {"buy ETHUSDT id=k2" + text_secret, "text/plain", 202, "alpha/ETHUSDT", true},
      {"buy BTCUSDT qty=0.02 id=k3" + text_secret, "text/plain", 202, "alpha/BTCUSDT"},
      // TradingView re-sends k3 and k1: repeats, also across restarts.
      {"buy BTCUSDT qty=0.02 id=k3" + text_secret, "text/plain", 200, "alpha/BTCUSDT"},
      {"close BTCUSDT qty=0.01 id=k4" + text_secret, "text/plain", 202, "alpha/BTCUSDT", true},
      {R"({"action":"buy","ticker":"BINANCE:BTCUSDT.P","qty":"0.01","id":"k1")" + json_secret,
       "application/json", 200, "alpha/BTCUSDT"},
      {R"({"action":"sell","ticker":"ETHUSDT","id":"k5")" + json_secret, "application/json", 202,
       "alpha/ETHUSDT"},
      {"close BTCUSDT id=k6" + text_secret, "text/plain", 202, "alpha/BTCUSDT"},
      {R"({"action":"buy","ticker":"BTCUSDT","qty":"0.01","id":"k7")" + json_secret,
       "application/json", 202, "alpha/BTCUSDT"},
  };
}

class ServeRestart : public ServeFixture {
 protected:
  // Sends every step, waiting after each accepted alert until its stream has settled;
  // with `crashes`, SIGKILLs and restarts the server where a step says so.
  void run(const ServerDir& dir, bool crashes) {
    ASSERT_NO_FATAL_FAILURE(start(dir));
    std::map<std::string, std::size_t> alerts;
    for (const auto& step : steps()) {
      SCOPED_TRACE(step.body);
      auto response = post("alpha", step.body, step.content_type);
      ASSERT_EQ(response.status, step.status) << response.body;
      if (step.status == 200) {
        EXPECT_NE(response.body.find(R"("duplicate":true)"), std::string::npos) << response.body;
      }
      if (step.status == 202) ++alerts[step.stream];
      auto settled_events = wait_until_settled(dir.data_dir(), step.stream, alerts[step.stream]);
      ASSERT_TRUE(settled_events.ok()) << settled_events.error().message << "\n"
                                       << server_->log_tail();
      if (crashes && step.crash_after) {
        ASSERT_NO_FATAL_FAILURE(crash());
        ASSERT_NO_FATAL_FAILURE(start(dir));
      }
    }
    ASSERT_NO_FATAL_FAILURE(stop());
  }
};

// Each client order id is requested once and filled exactly to its quantity, once.
void expect_each_order_placed_once(const std::vector<Event>& events) {
  std::map<std::string, Quantity> requested;
  std::map<std::string, Quantity> filled;
  std::set<std::string> fill_ids;
  std::size_t requests = 0;
  std::size_t fills = 0;
  for (const auto& event : events) {
    if (const auto* order = std::get_if<OrderRequested>(&event.payload)) {
      ++requests;
      EXPECT_TRUE(requested.emplace(order->client_order_id, order->qty).second)
          << order->client_order_id << " requested twice";
    } else if (const auto* fill = std::get_if<OrderFilled>(&event.payload)) {
      ++fills;
      filled[fill->client_order_id] += fill->qty;
      EXPECT_TRUE(fill_ids.insert(event.stream + "/" + fill->fill_id).second)
          << "fill " << fill->fill_id << " recorded twice in " << event.stream;
    }
  }
  EXPECT_EQ(requests, fills);
  EXPECT_EQ(requested, filled);
}

std::vector<std::string> order_summary(const std::vector<Event>& events) {
  std::vector<std::string> out;
  for (const auto& event : events) {
    if (const auto* order = std::get_if<OrderRequested>(&event.payload)) {
      out.push_back("request " + order->client_order_id + " " + std::string(to_string(order->side)) +
                    " " + order->qty.to_string());
    } else if (const auto* fill = std::get_if<OrderFilled>(&event.payload)) {
      out.push_back("fill " + fill->client_order_id + " " + fill->qty.to_string() + " @ " +
                    fill->price.to_string() + " fee " + fill->fee.to_string());
    }
  }
  return out;
}

TEST_F(ServeRestart, Sigkill_between_alerts_and_restart_end_in_the_state_of_an_uninterrupted_run) {
  ServerDir calm(temp_.path() / "uninterrupted");
  ServerDir crashed(temp_.path() / "killed");
  ASSERT_NO_FATAL_FAILURE(run(calm, false));
  ASSERT_NO_FATAL_FAILURE(run(crashed, true));

  auto calm_log = read_log(calm.data_dir());
  auto crashed_log = read_log(crashed.data_dir());
  ASSERT_TRUE(calm_log.ok()) << calm_log.error().message;
  ASSERT_TRUE(crashed_log.ok()) << crashed_log.error().message;
  const auto calm_streams = trading_streams(*calm_log);
  const auto crashed_streams = trading_streams(*crashed_log);
  ASSERT_EQ(calm_streams.size(), 2u);
  ASSERT_EQ(crashed_streams.size(), 2u);

  for (const auto& [stream, calm_events] : calm_streams) {
    SCOPED_TRACE(stream);
    ASSERT_TRUE(crashed_streams.contains(stream));
    const auto& crashed_events = crashed_streams.at(stream);
    EXPECT_EQ(type_names(crashed_events), type_names(calm_events))
        << "killed: " << describe(crashed_events) << "\nuninterrupted: " << describe(calm_events);
    EXPECT_EQ(order_summary(crashed_events), order_summary(calm_events));
    expect_each_order_placed_once(calm_events);
    expect_each_order_placed_once(crashed_events);

    const auto calm_state = fold(stream, calm_events);
    const auto crashed_state = fold(stream, crashed_events);
    EXPECT_EQ(crashed_state.net, calm_state.net);
    EXPECT_EQ(crashed_state.totals, calm_state.totals);
    EXPECT_TRUE(crashed_state.pending.empty());
    EXPECT_EQ(crashed_state.version, calm_state.version);
  }

  // And both are what the alerts ask for. BTC: 0.01 + 0.02 at 60060, 0.01 then 0.02 sold at
  // 59940 (gross -3.6), then 0.01 bought again at 60060; fees 0.3003 + 0.6006 + 0.2997 +
  // 0.5994 + 0.3003.
  const auto btc = fold("alpha/BTCUSDT", crashed_streams.at("alpha/BTCUSDT"));
  EXPECT_EQ(btc.net.signed_qty(), qty("0.01"));
  EXPECT_EQ(btc.net.avg_entry, price("60060"));
  EXPECT_EQ(btc.net.cycle, 2u);
  EXPECT_EQ(btc.totals.realized_gross, money("-3.6"));
  EXPECT_EQ(btc.totals.fees, money("2.1003"));
  // ETH: a fixed 0.5 bought at 3003, then reversed by one sell of 1.0 at 2997
  // (gross -3, fees 0.75075 + 1.4985): short 0.5 at 2997.
  const auto eth = fold("alpha/ETHUSDT", crashed_streams.at("alpha/ETHUSDT"));
  EXPECT_EQ(eth.net.signed_qty(), qty("-0.5"));
  EXPECT_EQ(eth.net.avg_entry, price("2997"));
  EXPECT_EQ(eth.totals.realized_gross, money("-3"));
  EXPECT_EQ(eth.totals.fees, money("2.24925"));
}

// DISABLED until actors/ resumes undecided alerts: today a stream that is flat with no order
// in flight is not loaded at start (ingress_router.cpp recover_streams), and a position actor
// decides only alerts that reach it as messages (position_actor.cpp: `undecided` is not
// rebuilt from the log), so this alert stays in the log, acknowledged and never traded; its
// repeat is even answered 200 duplicate. Enable it with the fix.
TEST_F(ServeRestart, An_alert_recorded_but_not_yet_decided_when_the_server_died_is_traded_after_the_restart) {
  // A SIGKILL can land between the AlertReceived append (after which the alert was
  // acknowledged) and the decision. Which side of it a real kill lands on is luck, so the
  // log is written as the dead server left it: the alert, and nothing after it.
  ServerDir dir(temp_.path() / "server");
  {
    storage::EventLogOptions options;
    options.log_id = "e2e";
    auto log = storage::EventLog::open(dir.data_dir() / "events", options);
    ASSERT_TRUE(log.ok()) << log.error().message;
    storage::EventStore store(**log);
    AlertReceived received;
    received.raw_body = "buy BTCUSDT qty=0.01 id=q1 secret=***";
    received.source_ip = "127.0.0.1";
    received.dedupe_key = "alpha/id/q1";
    received.request_id = "e2e-q1";
    received.signal.action = Action::buy;
    received.signal.ticker = "BTCUSDT";
    received.signal.symbol = "BTCUSDT";
    received.signal.qty = qty("0.01");
    received.signal.alert_id = "q1";
    const auto now = std::chrono::duration_cast<std::chrono::nanoseconds>(
                         std::chrono::system_clock::now().time_since_epoch())
                         .count();
    auto appended = store.append("alpha/BTCUSDT", 0, {received}, now);
    ASSERT_TRUE(appended.ok()) << appended.error().message;
  }
  ASSERT_NO_FATAL_FAILURE(start(dir));
  // TradingView never re-sends an acknowledged alert: a repeat is answered as one.
  auto repeat = post("alpha", "buy BTCUSDT qty=0.01 id=q1 secret=" + std::string(kAlphaSecret),
                     "text/plain");
  EXPECT_EQ(repeat.status, 200u) << repeat.body;
  auto settled_events = wait_until_settled(dir.data_dir(), "alpha/BTCUSDT", 1);
  ASSERT_TRUE(settled_events.ok()) << settled_events.error().message << "\n" << server_->log_tail();
  ASSERT_NO_FATAL_FAILURE(stop());

  auto all = read_log(dir.data_dir());
  ASSERT_TRUE(all.ok()) << all.error().message;
  const auto events = events_of(*all, "alpha/BTCUSDT");
  EXPECT_EQ(type_names(events),
            (std::vector<std::string>{"AlertReceived", "OrderRequested", "OrderAccepted",
                                      "OrderFilled", "PositionOpened"}))
      << describe(events);
  expect_each_order_placed_once(events);
  const auto state = fold("alpha/BTCUSDT", events);
  EXPECT_EQ(state.net.signed_qty(), qty("0.01"));
  EXPECT_EQ(state.net.avg_entry, price("60060"));
}

}  // namespace
}  // namespace tvbot::e2e
