// One bot's trading day over real HTTP: entries, pyramiding up to the limit, a partial
// close, a reversal and a close, in JSON and in the text form, with a repeated alert. The
// event log must then hold exactly the expected events, fills and positions.
//
// Prices come from a manual feed and never move: BTCUSDT 60000, slippage 10 bps against the
// taker, so a market buy fills at 60060 and a sell at 59940; the taker fee is 5 bps of the
// notional (0.01 BTC bought: 600.6 USDT, fee 0.3003).
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "tests/e2e/serve_fixture.hpp"

namespace tvbot::e2e {
namespace {

constexpr std::string_view kStream = "alpha/BTCUSDT";

std::string with_secret(std::string text) { return text + " secret=" + std::string(kAlphaSecret); }

std::string json_alert(std::string_view fields) {
  return "{" + std::string(fields) + R"(,"secret":")" + std::string(kAlphaSecret) + "\"}";
}

std::string file_text(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

template <class T>
const T* payload_at(const std::vector<Event>& events, std::size_t seq) {
  if (seq == 0 || seq > events.size()) return nullptr;
  return std::get_if<T>(&events[seq - 1].payload);
}

void expect_fill(const std::vector<Event>& events, std::size_t requested_seq, std::size_t filled_seq,
                 Side side, std::string_view qty_text, std::string_view price_text,
                 std::string_view fee_text) {
  SCOPED_TRACE("order requested at #" + std::to_string(requested_seq));
  const auto* requested = payload_at<OrderRequested>(events, requested_seq);
  const auto* filled = payload_at<OrderFilled>(events, filled_seq);
  ASSERT_NE(requested, nullptr);
  ASSERT_NE(filled, nullptr);
  EXPECT_EQ(requested->client_order_id, std::string(kStream) + ":" + std::to_string(requested_seq));
  EXPECT_EQ(requested->side, side);
  EXPECT_EQ(requested->qty, qty(qty_text));
  EXPECT_EQ(requested->type, OrderType::market);
  EXPECT_EQ(requested->reason, OrderReason::signal);
  EXPECT_EQ(filled->client_order_id, requested->client_order_id);
  EXPECT_EQ(filled->side, side);
  EXPECT_EQ(filled->qty, qty(qty_text));
  EXPECT_EQ(filled->price, price(price_text));
  EXPECT_EQ(filled->fee, money(fee_text));
  EXPECT_EQ(filled->fee_asset, "USDT");
  EXPECT_TRUE(filled->order_complete);
}

class ServeTrading : public ServeFixture {};

TEST_F(ServeTrading, A_day_of_json_and_text_alerts_gives_exactly_the_expected_events_fills_and_positions) {
  ServerDir dir(temp_.path() / "server");
  ASSERT_NO_FATAL_FAILURE(start(dir));
  const auto data = dir.data_dir();
  std::size_t alerts = 0;
  auto accepted = [&](const http::ClientResponse& response, std::uint64_t stream_seq) {
    EXPECT_EQ(response.status, 202u) << response.body;
    EXPECT_NE(response.body.find(R"("stream":"alpha/BTCUSDT")"), std::string::npos) << response.body;
    EXPECT_NE(response.body.find("\"stream_seq\":" + std::to_string(stream_seq) + "}"),
              std::string::npos)
        << response.body;
    ++alerts;
    auto settled_events = wait_until_settled(data, kStream, alerts);
    ASSERT_TRUE(settled_events.ok()) << settled_events.error().message << "\n" << server_->log_tail();
  };

  // 1. Entry, JSON, by TradingView ticker: long 0.01 @ 60060.
  ASSERT_NO_FATAL_FAILURE(accepted(
      post("alpha", json_alert(R"("action":"buy","ticker":"BINANCE:BTCUSDT.P","qty":"0.01","id":"a1")")),
      1));
  // 2. Pyramid, text form: +0.02.
  ASSERT_NO_FATAL_FAILURE(accepted(
      post("alpha", with_secret("buy BTCUSDT qty=0.02 id=a2"), "text/plain"), 6));
  // 3. TradingView sends a2 again: acknowledged as the duplicate of #6, nothing traded.
  auto repeat = post("alpha", with_secret("buy BTCUSDT qty=0.02 id=a2"), "text/plain");
  EXPECT_EQ(repeat.status, 200u) << repeat.body;
  EXPECT_NE(repeat.body.find(R"("duplicate":true)"), std::string::npos) << repeat.body;
  EXPECT_NE(repeat.body.find(R"("stream_seq":6})"), std::string::npos) << repeat.body;
  // 4. Third entry, JSON with a number for qty (read exactly, never through double).
  ASSERT_NO_FATAL_FAILURE(accepted(
      post("alpha", json_alert(R"("action":"buy","ticker":"BTCUSDT","qty":0.01,"id":"a3")")), 11));
  // 5. A fourth entry is over max_entries = 3: recorded, then refused.
  ASSERT_NO_FATAL_FAILURE(accepted(
      post("alpha", with_secret("buy BTCUSDT qty=0.01 id=a4"), "text/plain"), 16));
  // 6. Partial close: 0.015 of 0.04.
  ASSERT_NO_FATAL_FAILURE(accepted(
      post("alpha", with_secret("close BTCUSDT qty=0.015 id=a5"), "text/plain"), 18));
  // 7. Reversal: sell 0.01 while long 0.025 is one order of 0.035.
  ASSERT_NO_FATAL_FAILURE(accepted(
      post("alpha", with_secret("sell BINANCE:BTCUSDT.P qty=0.01 id=a6"), "text/plain"), 23));
  // 8. Close the short, JSON.
  ASSERT_NO_FATAL_FAILURE(accepted(
      post("alpha", json_alert(R"("action":"close","ticker":"BTCUSDT","id":"a7")")), 29));

  ASSERT_NO_FATAL_FAILURE(stop());
  auto all = read_log(data);
  ASSERT_TRUE(all.ok()) << all.error().message;
  ASSERT_EQ(trading_streams(*all).size(), 1u) << describe(*all);
  const auto events = events_of(*all, kStream);

  const std::vector<std::string> expected_types{
      // a1
      "AlertReceived", "OrderRequested", "OrderAccepted", "OrderFilled", "PositionOpened",
      // a2 (its repeat left nothing)
      "AlertReceived", "OrderRequested", "OrderAccepted", "OrderFilled", "PositionIncreased",
      // a3
      "AlertReceived", "OrderRequested", "OrderAccepted", "OrderFilled", "PositionIncreased",
      // a4
      "AlertReceived", "AlertRejected",
      // a5
      "AlertReceived", "OrderRequested", "OrderAccepted", "OrderFilled", "PositionReduced",
      // a6
      "AlertReceived", "OrderRequested", "OrderAccepted", "OrderFilled", "PositionClosed",
      "PositionOpened",
      // a7
      "AlertReceived", "OrderRequested", "OrderAccepted", "OrderFilled", "PositionClosed"};
  ASSERT_EQ(type_names(events), expected_types) << describe(events);
  for (std::size_t i = 0; i < events.size(); ++i) EXPECT_EQ(events[i].stream_seq, i + 1);

  // What was received: the parsed signals, with the secret redacted from the stored body.
  const auto* first = payload_at<AlertReceived>(events, 1);
  ASSERT_NE(first, nullptr);
  EXPECT_EQ(first->signal.action, Action::buy);
  EXPECT_EQ(first->signal.ticker, "BINANCE:BTCUSDT.P");
  EXPECT_EQ(first->signal.symbol, "BTCUSDT");
  EXPECT_EQ(first->signal.qty, qty("0.01"));
  EXPECT_EQ(first->signal.alert_id, "a1");
  EXPECT_EQ(first->source_ip, "127.0.0.1");
  const auto* third = payload_at<AlertReceived>(events, 11);
  ASSERT_NE(third, nullptr);
  EXPECT_EQ(third->signal.qty, qty("0.01"));
  for (const auto& event : events) {
    if (const auto* received = std::get_if<AlertReceived>(&event.payload)) {
      EXPECT_EQ(received->raw_body.find(kAlphaSecret), std::string::npos) << received->raw_body;
    }
  }
  EXPECT_EQ(file_text(dir.root() / "serve.log").find(kAlphaSecret), std::string::npos)
      << "the secret is in the server's log";

  // The refused fourth entry names the alert it answers.
  const auto* refused = payload_at<AlertRejected>(events, 17);
  ASSERT_NE(refused, nullptr);
  EXPECT_EQ(refused->alert_seq, 16u);
  EXPECT_EQ(refused->reason, "max_entries");

  // Orders and fills: buys at 60060, sells at 59940, fee = price * qty * 5 / 10000.
  expect_fill(events, 2, 4, Side::buy, "0.01", "60060", "0.3003");
  expect_fill(events, 7, 9, Side::buy, "0.02", "60060", "0.6006");
  expect_fill(events, 12, 14, Side::buy, "0.01", "60060", "0.3003");
  expect_fill(events, 19, 21, Side::sell, "0.015", "59940", "0.44955");
  expect_fill(events, 24, 26, Side::sell, "0.035", "59940", "1.04895");
  expect_fill(events, 30, 32, Side::buy, "0.01", "60060", "0.3003");

  // Position effects of each fill.
  const auto* opened = payload_at<PositionOpened>(events, 5);
  ASSERT_NE(opened, nullptr);
  EXPECT_EQ(opened->direction, Direction::long_);
  EXPECT_EQ(opened->qty, qty("0.01"));
  EXPECT_EQ(opened->price, price("60060"));
  EXPECT_EQ(opened->fee, money("0.3003"));
  EXPECT_EQ(opened->cycle, 1u);

  const auto* pyramid = payload_at<PositionIncreased>(events, 10);
  ASSERT_NE(pyramid, nullptr);
  EXPECT_EQ(pyramid->new_qty, qty("0.03"));
  EXPECT_EQ(pyramid->new_avg_entry, price("60060"));
  EXPECT_EQ(pyramid->entries, 2u);
  const auto* third_entry = payload_at<PositionIncreased>(events, 15);
  ASSERT_NE(third_entry, nullptr);
  EXPECT_EQ(third_entry->new_qty, qty("0.04"));
  EXPECT_EQ(third_entry->entries, 3u);

  const auto* partial = payload_at<PositionReduced>(events, 22);
  ASSERT_NE(partial, nullptr);
  EXPECT_EQ(partial->qty, qty("0.015"));
  EXPECT_EQ(partial->avg_entry, price("60060"));
  EXPECT_EQ(partial->realized_gross, money("-1.8"));  // (59940 - 60060) * 0.015
  EXPECT_EQ(partial->remaining_qty, qty("0.025"));

  // The reversal's fill closes 0.025 long and opens 0.01 short; its fee is shared by quantity.
  const auto* flip_close = payload_at<PositionClosed>(events, 27);
  ASSERT_NE(flip_close, nullptr);
  EXPECT_EQ(flip_close->direction, Direction::long_);
  EXPECT_EQ(flip_close->qty, qty("0.025"));
  EXPECT_EQ(flip_close->fee, money("0.74925"));
  EXPECT_EQ(flip_close->realized_gross, money("-3"));
  EXPECT_EQ(flip_close->cycle_realized_gross, money("-4.8"));
  // 0.3003 + 0.6006 + 0.3003 + 0.44955 + 0.74925
  EXPECT_EQ(flip_close->cycle_fees, money("2.4"));
  EXPECT_EQ(flip_close->cycle_realized_net, money("-7.2"));
  const auto* flip_open = payload_at<PositionOpened>(events, 28);
  ASSERT_NE(flip_open, nullptr);
  EXPECT_EQ(flip_open->direction, Direction::short_);
  EXPECT_EQ(flip_open->qty, qty("0.01"));
  EXPECT_EQ(flip_open->price, price("59940"));
  EXPECT_EQ(flip_open->fee, money("0.2997"));
  EXPECT_EQ(flip_open->cycle, 2u);

  const auto* last_close = payload_at<PositionClosed>(events, 33);
  ASSERT_NE(last_close, nullptr);
  EXPECT_EQ(last_close->direction, Direction::short_);
  EXPECT_EQ(last_close->qty, qty("0.01"));
  EXPECT_EQ(last_close->realized_gross, money("-1.2"));  // (60060 - 59940) * 0.01, short
  EXPECT_EQ(last_close->cycle_fees, money("0.6"));       // 0.2997 + 0.3003
  EXPECT_EQ(last_close->cycle_realized_net, money("-1.8"));

  // The position as the engine folds it: flat, with the day's totals.
  const auto state = fold(kStream, events);
  EXPECT_TRUE(state.net.is_flat());
  EXPECT_TRUE(state.pending.empty());
  EXPECT_EQ(state.net.cycle, 2u);
  EXPECT_EQ(state.totals.realized_gross, money("-6"));
  EXPECT_EQ(state.totals.fees, money("3"));
  EXPECT_EQ(state.totals.realized_net(), money("-9"));
}

}  // namespace
}  // namespace tvbot::e2e
