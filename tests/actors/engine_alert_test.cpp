// The engine end to end on a real log, a real paper broker and real CAF: what an alert is
// answered, what the stream records, what the broker sees.
#include <gtest/gtest.h>

#include <atomic>
#include <future>

#include "actors_test_support.hpp"

namespace tvbot::actors::testing {
namespace {

using EngineAlerts = EngineFixture;

TEST_F(EngineAlerts, A_buy_is_acknowledged_with_its_event_id_then_ordered_filled_and_opened) {
  start();
  const auto outcome = send(alert(Action::buy, "0.5"));

  EXPECT_EQ(outcome.http_status, 202u);
  EXPECT_EQ(outcome.body, R"({"event_id":1,"stream":"bot1/BTCUSDT","stream_seq":1})");
  ASSERT_TRUE(wait_for<PositionOpened>());

  const auto stream = events();
  EXPECT_EQ(type_names(stream),
            (std::vector<std::string>{"AlertReceived", "OrderRequested", "OrderAccepted",
                                      "OrderFilled", "PositionOpened"}));
  const auto received = all_of<AlertReceived>(stream).at(0);
  EXPECT_EQ(received.source_ip, "52.89.214.238");
  EXPECT_EQ(received.signal.symbol, "BTCUSDT");  // the router filled in the broker's symbol
  const auto requested = all_of<OrderRequested>(stream).at(0);
  EXPECT_EQ(requested.client_order_id, "bot1/BTCUSDT:2");  // derived from its own event
  EXPECT_EQ(requested.qty, qty("0.5"));
  EXPECT_EQ(requested.side, Side::buy);
  // 30000 moved 5 bps against the buyer; taker fee 10 bps of 0.5 * 30015 = 15007.5.
  const auto filled = all_of<OrderFilled>(stream).at(0);
  EXPECT_EQ(filled.client_order_id, "bot1/BTCUSDT:2");
  EXPECT_EQ(filled.price, px("30015"));
  EXPECT_EQ(filled.fee, money("15.0075"));
  EXPECT_TRUE(filled.order_complete);
  const auto opened = all_of<PositionOpened>(stream).at(0);
  EXPECT_EQ(opened.qty, qty("0.5"));
  EXPECT_EQ(opened.price, px("30015"));
  EXPECT_EQ(opened.fee, money("15.0075"));
  EXPECT_EQ(opened.direction, Direction::long_);
  EXPECT_EQ(paper_->fills().size(), 1u);
  EXPECT_TRUE(state().pending.empty());
}

TEST_F(EngineAlerts, Pyramid_entries_and_a_close_realize_the_hand_computed_profit) {
  start();
  ASSERT_EQ(send(alert(Action::buy, "0.1")).http_status, 202u);
  ASSERT_TRUE(wait_for<PositionOpened>());
  set_price("31000");
  ASSERT_EQ(send(alert(Action::buy, "0.1")).http_status, 202u);
  ASSERT_TRUE(wait_for<PositionIncreased>());
  set_price("32000");
  ASSERT_EQ(send(alert(Action::close)).http_status, 202u);
  ASSERT_TRUE(wait_for<PositionClosed>());

  // Entries: 0.1 @ 30015 (fee 3.0015) and 0.1 @ 31015.5 (fee 3.10155).
  // Average: (3001.5 + 3101.55) / 0.2 = 30515.25.
  const auto increased = all_of<PositionIncreased>(events()).at(0);
  EXPECT_EQ(increased.price, px("31015.5"));
  EXPECT_EQ(increased.new_qty, qty("0.2"));
  EXPECT_EQ(increased.new_avg_entry, px("30515.25"));
  EXPECT_EQ(increased.entries, 2u);
  // Exit: 0.2 sold at 32000 - 5 bps = 31984, fee 6396.8 * 10 bps = 6.3968.
  // Gross: (31984 - 30515.25) * 0.2 = 293.75. Fees: 3.0015 + 3.10155 + 6.3968 = 12.49985.
  const auto closed = all_of<PositionClosed>(events()).at(0);
  EXPECT_EQ(closed.qty, qty("0.2"));
  EXPECT_EQ(closed.price, px("31984"));
  EXPECT_EQ(closed.fee, money("6.3968"));
  EXPECT_EQ(closed.avg_entry, px("30515.25"));
  EXPECT_EQ(closed.cycle_realized_gross, money("293.75"));
  EXPECT_EQ(closed.cycle_fees, money("12.49985"));
  EXPECT_EQ(closed.cycle_realized_net, money("281.25015"));
  const auto after = state();
  EXPECT_TRUE(after.net.is_flat());
  EXPECT_EQ(after.totals.realized_net(), money("281.25015"));
  EXPECT_EQ(paper_->fills().size(), 3u);
}

TEST_F(EngineAlerts, An_unknown_ticker_is_refused_with_422_and_records_nothing) {
  start();
  auto intake = alert(Action::buy, "0.5");
  intake.signal.ticker = "BINANCE:ETHUSDT";

  const auto outcome = send(intake);

  EXPECT_EQ(outcome.http_status, 422u);
  EXPECT_NE(outcome.body.find(R"("error":"unknown_instrument")"), std::string::npos)
      << outcome.body;
  EXPECT_TRUE(log_->list_streams().empty());
  EXPECT_EQ(log_->last_global_seq(), 0u);
}

TEST_F(EngineAlerts, An_unknown_bot_is_refused_with_422) {
  start();
  auto intake = alert(Action::buy, "0.5");
  intake.bot_id = "bot2";

  EXPECT_EQ(send(intake).http_status, 422u);
  EXPECT_EQ(log_->last_global_seq(), 0u);
}

TEST_F(EngineAlerts, A_repeated_dedupe_key_is_answered_as_a_duplicate_and_trades_once) {
  start();
  const auto first = send(alert(Action::buy, "0.5", "tv-alert-1"));
  ASSERT_EQ(first.http_status, 202u);
  const auto again = send(alert(Action::buy, "0.5", "tv-alert-1"));

  EXPECT_EQ(again.http_status, 200u);
  EXPECT_EQ(again.body,
            R"({"duplicate":true,"event_id":1,"stream":"bot1/BTCUSDT","stream_seq":1})");
  ASSERT_TRUE(wait_for<PositionOpened>());
  // The duplicate was answered after the first was decided, so nothing more can follow it.
  EXPECT_EQ(count_of<AlertReceived>(), 1u);
  EXPECT_EQ(count_of<OrderRequested>(), 1u);
  EXPECT_EQ(counting_->places("bot1/BTCUSDT:2"), 1);
  EXPECT_EQ(paper_->fills().size(), 1u);
}

TEST_F(EngineAlerts, Quote_amount_sizing_asks_the_broker_for_the_price_and_rounds_down_to_the_lot) {
  settings_.position.sizing.kind = SizingRule::Kind::quote_amount;
  settings_.position.sizing.quote_amount = money("1000");
  start();

  ASSERT_EQ(send(alert(Action::buy)).http_status, 202u);
  ASSERT_TRUE(wait_for<PositionOpened>());

  // 1000 / 30000 (the last price, unslipped) = 0.0333.. -> 0.033 on the 0.001 lot.
  EXPECT_EQ(all_of<OrderRequested>(events()).at(0).qty, qty("0.033"));
  EXPECT_EQ(all_of<PositionOpened>(events()).at(0).qty, qty("0.033"));
  EXPECT_EQ(counting_->price_queries(), 1);
}

TEST_F(EngineAlerts, An_alert_with_its_own_quantity_does_not_wait_for_a_price) {
  settings_.position.sizing.kind = SizingRule::Kind::quote_amount;
  settings_.position.sizing.quote_amount = money("1000");
  start();

  ASSERT_EQ(send(alert(Action::buy, "0.002")).http_status, 202u);
  ASSERT_TRUE(wait_for<PositionOpened>());

  EXPECT_EQ(all_of<OrderRequested>(events()).at(0).qty, qty("0.002"));
  EXPECT_EQ(counting_->price_queries(), 0);
}

TEST_F(EngineAlerts, Alerts_of_one_stream_are_decided_in_arrival_order_even_when_one_waits_for_a_price) {
  settings_.position.sizing.kind = SizingRule::Kind::quote_amount;
  settings_.position.sizing.quote_amount = money("1000");
  settings_.position.max_entries = 20;
  // A slow venue: each price query takes a while, so an alert with its own qty arriving
  // behind one that needs a price would overtake it if the actor let it.
  PaperFaults slow;
  slow.delay = std::chrono::milliseconds(20);
  paper_->set_faults(slow);
  start();

  // Sizes in arrival order: priced (0.033), 0.002, priced, 0.004, ... 10 alerts in all.
  std::vector<Quantity> expected;
  std::vector<std::future<AlertOutcome>> replies;
  for (int i = 0; i < 10; ++i) {
    AlertIntake intake;
    if (i % 2 == 0) {
      intake = alert(Action::buy);
      expected.push_back(qty("0.033"));
    } else {
      const std::string amount = "0.00" + std::to_string(i + 1);
      intake = alert(Action::buy, amount.c_str());
      expected.push_back(qty(amount.c_str()));
    }
    auto reply = std::make_shared<std::promise<AlertOutcome>>();
    replies.push_back(reply->get_future());
    engine_->submit_alert(std::move(intake),
                          [reply](AlertOutcome outcome) { reply->set_value(std::move(outcome)); });
  }
  for (auto& reply : replies) {
    ASSERT_EQ(reply.wait_for(kDeadline), std::future_status::ready);
    EXPECT_EQ(reply.get().http_status, 202u);
  }
  ASSERT_TRUE(wait_for<OrderRequested>(10));

  std::vector<Quantity> ordered;
  for (const auto& requested : all_of<OrderRequested>(events())) ordered.push_back(requested.qty);
  EXPECT_EQ(ordered, expected);
}

TEST_F(EngineAlerts, A_paused_bot_records_the_alert_and_rejects_it) {
  start();
  std::promise<Status> paused;
  engine_->submit_command("bot1", "BTCUSDT", PauseCommand{"maintenance", 1},
                          [&](Status status) { paused.set_value(status); });
  auto done = paused.get_future();
  ASSERT_EQ(done.wait_for(kDeadline), std::future_status::ready);
  ASSERT_TRUE(done.get().ok());

  EXPECT_EQ(send(alert(Action::buy, "0.5")).http_status, 202u);
  ASSERT_TRUE(wait_for<AlertRejected>());

  EXPECT_EQ(all_of<AlertRejected>(events()).at(0).reason, "bot_paused");
  EXPECT_EQ(all_of<AlertRejected>(events()).at(0).alert_seq, 2u);
  EXPECT_EQ(count_of<OrderRequested>(), 0u);
}

TEST_F(EngineAlerts, A_command_for_an_unknown_instrument_fails_with_unknown_instrument) {
  start();
  std::promise<Status> answered;
  engine_->submit_command("bot1", "ETHUSDT", PauseCommand{"x", 1},
                          [&](Status status) { answered.set_value(status); });
  auto done = answered.get_future();
  ASSERT_EQ(done.wait_for(kDeadline), std::future_status::ready);
  const Status status = done.get();
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.error().code, "unknown_instrument");
}

TEST_F(EngineAlerts, A_manual_close_sells_what_is_open) {
  start();
  ASSERT_EQ(send(alert(Action::buy, "0.5")).http_status, 202u);
  ASSERT_TRUE(wait_for<PositionOpened>());

  std::promise<Status> closed;
  engine_->submit_command("bot1", "BTCUSDT",
                          ManualCloseCommand{PositionSide::both, OrderReason::manual, 1},
                          [&](Status status) { closed.set_value(status); });
  auto done = closed.get_future();
  ASSERT_EQ(done.wait_for(kDeadline), std::future_status::ready);
  EXPECT_TRUE(done.get().ok());
  ASSERT_TRUE(wait_for<PositionClosed>());

  const auto close = all_of<PositionClosed>(events()).at(0);
  EXPECT_EQ(close.qty, qty("0.5"));
  EXPECT_EQ(close.exit_reason, OrderReason::manual);
}

TEST_F(EngineAlerts, A_manual_close_waits_for_the_entry_alert_before_it_and_closes_that_too) {
  settings_.position.sizing.kind = SizingRule::Kind::quote_amount;
  settings_.position.sizing.quote_amount = money("1000");
  PaperFaults slow;  // the entry waits for its price while the close arrives
  slow.delay = std::chrono::milliseconds(50);
  paper_->set_faults(slow);
  start();

  ASSERT_EQ(send(alert(Action::buy)).http_status, 202u);
  std::promise<Status> closed;
  engine_->submit_command("bot1", "BTCUSDT",
                          ManualCloseCommand{PositionSide::both, OrderReason::manual, 1},
                          [&](Status status) { closed.set_value(status); });
  auto done = closed.get_future();
  ASSERT_EQ(done.wait_for(kDeadline), std::future_status::ready);
  EXPECT_TRUE(done.get().ok());
  ASSERT_TRUE(wait_for<PositionClosed>());

  // Decided after the entry, the close covers the entry still in flight; decided before it,
  // it would have found nothing open and the entry would have stayed open.
  const auto orders = all_of<OrderRequested>(events());
  ASSERT_EQ(orders.size(), 2u);
  EXPECT_EQ(orders[0].side, Side::buy);
  EXPECT_EQ(orders[1].side, Side::sell);
  EXPECT_EQ(orders[1].qty, qty("0.033"));
  EXPECT_EQ(orders[1].reason, OrderReason::manual);
  EXPECT_EQ(count_of<AlertRejected>(), 0u);
}

}  // namespace
}  // namespace tvbot::actors::testing
