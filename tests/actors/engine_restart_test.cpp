// Restarts: a new engine on the same log and the same PaperBroker picks up open positions
// (snapshot + tail) and settles orders requested but unanswered by client id, never
// placing one twice.
#include <gtest/gtest.h>

#include "actors_test_support.hpp"

namespace tvbot::actors::testing {
namespace {

using EngineRestart = EngineFixture;

constexpr const char* kFirstOrder = "bot1/BTCUSDT:2";

// The first engine gets a retry delay it will never reach: an order whose placement timed
// out stays unresolved until the engine stops, as if it had crashed right then.
EngineOptions never_retrying() {
  auto options = fast_options();
  options.gateway.first_backoff = std::chrono::hours(1);
  options.gateway.max_backoff = std::chrono::hours(1);
  return options;
}

TEST_F(EngineRestart, An_order_placed_whose_answer_was_lost_is_found_by_the_next_engine_not_placed_again) {
  PaperFaults faults;
  faults.timeouts_after_placing = 1;
  paper_->set_faults(faults);
  start(never_retrying());
  ASSERT_EQ(send(alert(Action::buy, "0.5")).http_status, 202u);
  ASSERT_TRUE(wait_until([&] { return paper_->fills().size() == 1; }));
  stop();
  ASSERT_EQ(count_of<OrderRequested>(), 1u);
  ASSERT_EQ(count_of<OrderFilled>(), 0u);  // the first engine never learned of the fill

  start();
  EXPECT_EQ(engine_->stats().streams_loaded, 1u);
  EXPECT_EQ(engine_->stats().orders_resumed, 1u);
  ASSERT_TRUE(wait_for<PositionOpened>());

  EXPECT_EQ(counting_->places(kFirstOrder), 0);  // found by query: not placed again
  EXPECT_GE(counting_->queries(kFirstOrder), 1);
  EXPECT_EQ(paper_->fills().size(), 1u);
  EXPECT_EQ(count_of<OrderFilled>(), 1u);
  EXPECT_EQ(all_of<PositionOpened>(events()).at(0).qty, qty("0.5"));
  EXPECT_TRUE(state().pending.empty());
}

TEST_F(EngineRestart, An_order_that_never_reached_the_broker_is_placed_once_by_the_next_engine) {
  PaperFaults faults;
  faults.timeouts_before_placing = 1;
  paper_->set_faults(faults);
  start(never_retrying());
  ASSERT_EQ(send(alert(Action::buy, "0.5")).http_status, 202u);
  ASSERT_TRUE(wait_until([&] { return counting_->places(kFirstOrder) == 1; }));
  ASSERT_TRUE(wait_until([&] { return paper_->faults().timeouts_before_placing == 0; }));
  stop();
  ASSERT_TRUE(paper_->fills().empty());

  start();
  ASSERT_TRUE(wait_for<PositionOpened>());

  EXPECT_GE(counting_->queries(kFirstOrder), 1);  // asked first
  EXPECT_EQ(counting_->places(kFirstOrder), 1);   // then placed, once
  EXPECT_EQ(paper_->fills().size(), 1u);
  EXPECT_EQ(paper_->fills().at(0).client_order_id, kFirstOrder);
  EXPECT_EQ(count_of<OrderFilled>(), 1u);
}

TEST_F(EngineRestart, An_order_never_placed_and_older_than_the_replace_window_is_given_up) {
  PaperFaults faults;
  faults.timeouts_before_placing = 1;
  paper_->set_faults(faults);
  start(never_retrying());
  ASSERT_EQ(send(alert(Action::buy, "0.5")).http_status, 202u);
  ASSERT_TRUE(wait_until([&] { return paper_->faults().timeouts_before_placing == 0; }));
  stop();

  auto options = fast_options();
  options.gateway.replace_window = std::chrono::seconds(0);
  start(options);
  ASSERT_TRUE(wait_for<OrderRejected>());

  EXPECT_EQ(all_of<OrderRejected>(events()).at(0).reason, "not_placed");
  EXPECT_EQ(counting_->places(kFirstOrder), 0);
  EXPECT_TRUE(paper_->fills().empty());
  EXPECT_TRUE(state().pending.empty());
}

TEST_F(EngineRestart, Positions_reload_from_snapshot_and_tail_and_keep_their_average_and_fees) {
  settings_.snapshot_every = 2;
  start();
  ASSERT_EQ(send(alert(Action::buy, "0.1")).http_status, 202u);
  ASSERT_TRUE(wait_for<PositionOpened>());
  set_price("31000");
  ASSERT_EQ(send(alert(Action::buy, "0.1")).http_status, 202u);
  ASSERT_TRUE(wait_for<PositionIncreased>());
  stop();
  auto snapshot = log_->load_snapshot(kStream);
  ASSERT_TRUE(snapshot.ok());
  ASSERT_TRUE(snapshot->has_value());
  EXPECT_GE((*snapshot)->version, 2u);

  start();
  EXPECT_EQ(engine_->stats().streams_loaded, 1u);  // open position: loaded at start
  EXPECT_EQ(engine_->stats().orders_resumed, 0u);
  set_price("32000");
  ASSERT_EQ(send(alert(Action::close)).http_status, 202u);
  ASSERT_TRUE(wait_for<PositionClosed>());

  // The same numbers as without a restart (engine_alert_test): average 30515.25 and the
  // cycle's entry fees survived it.
  const auto closed = all_of<PositionClosed>(events()).at(0);
  EXPECT_EQ(closed.avg_entry, px("30515.25"));
  EXPECT_EQ(closed.cycle_fees, money("12.49985"));
  EXPECT_EQ(closed.cycle_realized_net, money("281.25015"));
}

TEST_F(EngineRestart, A_flat_stream_is_not_loaded_at_start) {
  start();
  ASSERT_EQ(send(alert(Action::buy, "0.1")).http_status, 202u);
  ASSERT_TRUE(wait_for<PositionOpened>());
  ASSERT_EQ(send(alert(Action::close)).http_status, 202u);
  ASSERT_TRUE(wait_for<PositionClosed>());
  stop();

  start();
  EXPECT_EQ(engine_->stats().streams_loaded, 0u);
}

TEST_F(EngineRestart, A_duplicate_sent_after_a_restart_is_still_a_duplicate) {
  start();
  ASSERT_EQ(send(alert(Action::buy, "0.1", "tv-1")).http_status, 202u);
  ASSERT_TRUE(wait_for<PositionOpened>());
  stop();

  start();
  const auto again = send(alert(Action::buy, "0.1", "tv-1"));

  EXPECT_EQ(again.http_status, 200u);
  EXPECT_NE(again.body.find(R"("duplicate":true)"), std::string::npos);
  EXPECT_EQ(count_of<AlertReceived>(), 1u);
  EXPECT_EQ(paper_->fills().size(), 1u);
}

}  // namespace
}  // namespace tvbot::actors::testing
