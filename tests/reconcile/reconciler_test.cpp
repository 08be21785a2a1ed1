// Reconciliation against a real engine, event log and PaperBroker: what is reported, once,
// with the exact quantities, and what is not (orders in flight, the log's own positions).
#include <gtest/gtest.h>

#include "reconcile/reconcile_loop.hpp"
#include "reconcile_test_support.hpp"

namespace tvbot::reconcile::testing {
namespace {

using Reconciliation = ReconcileFixture;

TEST_F(Reconciliation, A_normal_trade_leaves_no_drift) {
  start();
  open_long("0.5");
  auto reconciler = this->reconciler();

  const auto report = pass(*reconciler);

  EXPECT_EQ(report.drifts_recorded, 0u);
  EXPECT_EQ(report.open_drifts, 0u);
  EXPECT_EQ(report.symbols_checked, 1u);
  EXPECT_EQ(report.symbols_skipped, 0u);
  EXPECT_TRUE(drift_events().empty());
  ASSERT_EQ(report.balances.size(), 2u);  // spot: BTC and USDT, as the venue reports them
  EXPECT_EQ(report.balances[0].asset, "BTC");
  EXPECT_EQ(report.balances[0].free, money("0.5"));
}

TEST_F(Reconciliation, A_position_added_at_the_venue_is_one_drift_with_exact_quantities_and_the_log_keeps_its_own) {
  start();
  open_long("0.5");
  trade_behind_tvbots_back("manual-1", Side::buy, "0.25");
  auto reconciler = this->reconciler();

  const auto report = pass(*reconciler);

  EXPECT_EQ(report.drifts_recorded, 1u);
  const auto events = drift_events();
  ASSERT_EQ(events.size(), 1u);
  const auto& drift = std::get<ReconciliationDrift>(events[0].payload);
  EXPECT_EQ(drift.broker, "paper");
  EXPECT_EQ(drift.kind, "position");
  EXPECT_EQ(drift.symbol, "BTCUSDT");
  EXPECT_EQ(drift.position_side, PositionSide::both);
  EXPECT_EQ(drift.expected_qty, qty("0.5"));
  EXPECT_EQ(drift.actual_qty, qty("0.75"));
  EXPECT_EQ(drift.detail, "the log holds 0.5, the venue 0.75 (difference 0.25)");
  // Reported, not papered over: the log's position and history are as they were.
  EXPECT_EQ(state().net.qty, qty("0.5"));
  EXPECT_EQ(count_of<OrderFilled>(), 1u);
  EXPECT_EQ(count_of<BotPaused>(), 0u);  // on_drift = report
}

TEST_F(Reconciliation, With_on_drift_pause_the_bot_is_paused_new_entries_are_refused_and_closing_still_works) {
  start();
  open_long("0.5");
  trade_behind_tvbots_back("manual-1", Side::buy, "0.25");
  auto reconciler = this->reconciler(DriftReaction::pause);

  const auto report = pass(*reconciler);

  EXPECT_EQ(report.bots_paused, 1u);
  ASSERT_TRUE(wait_for<BotPaused>());
  EXPECT_EQ(all_of<BotPaused>(events()).at(0).reason, "reconciliation: position drift on paper");
  ASSERT_EQ(send(alert(Action::buy, "0.1")).http_status, 202u);
  ASSERT_TRUE(wait_for<AlertRejected>());
  EXPECT_EQ(all_of<AlertRejected>(events()).at(0).reason, "bot_paused");
  EXPECT_EQ(state().net.qty, qty("0.5"));

  auto closed = std::make_shared<std::promise<Status>>();
  auto done = closed->get_future();
  engine_->submit_command("bot1", "BTCUSDT", ManualCloseCommand{},
                          [closed](Status status) { closed->set_value(status); });
  ASSERT_EQ(done.wait_for(kDeadline), std::future_status::ready);
  EXPECT_TRUE(done.get().ok());
  ASSERT_TRUE(wait_for<PositionClosed>());
}

TEST_F(Reconciliation, A_drift_is_recorded_once_then_again_only_when_it_changes_and_resolved_when_it_goes) {
  start();
  open_long("0.5");
  trade_behind_tvbots_back("manual-1", Side::buy, "0.25");
  auto reconciler = this->reconciler(DriftReaction::pause);
  ASSERT_EQ(pass(*reconciler).drifts_recorded, 1u);
  ASSERT_TRUE(wait_for<BotPaused>());

  const auto again = pass(*reconciler);  // the next interval: nothing new
  EXPECT_EQ(again.drifts_recorded, 0u);
  EXPECT_EQ(again.open_drifts, 1u);
  EXPECT_EQ(again.bots_paused, 0u);
  EXPECT_EQ(drift_events().size(), 1u);

  trade_behind_tvbots_back("manual-2", Side::buy, "0.1");
  EXPECT_EQ(pass(*reconciler).drifts_recorded, 1u);
  ASSERT_EQ(drift_events().size(), 2u);
  EXPECT_EQ(std::get<ReconciliationDrift>(drift_events()[1].payload).actual_qty, qty("0.85"));

  trade_behind_tvbots_back("manual-3", Side::sell, "0.35");
  const auto resolved = pass(*reconciler);
  EXPECT_EQ(resolved.resolved_recorded, 1u);
  EXPECT_EQ(resolved.open_drifts, 0u);
  const auto events = drift_events();
  ASSERT_EQ(events.size(), 3u);
  const auto& gone = std::get<ReconciliationResolved>(events[2].payload);
  EXPECT_EQ(gone.kind, "position");
  EXPECT_EQ(gone.symbol, "BTCUSDT");
  EXPECT_EQ(pass(*reconciler).resolved_recorded, 0u);
  EXPECT_EQ(drift_events().size(), 3u);
  EXPECT_EQ(count_of<BotPaused>(), 1u);  // a changed drift pauses again; already paused: no event
  EXPECT_EQ(count_of<BotResumed>(), 0u);  // resuming is a person's decision
}

TEST_F(Reconciliation, An_order_filled_at_the_venue_but_not_yet_in_the_log_is_skipped_not_reported) {
  // The placement's answer is lost and the gateway waits an hour before asking: the venue
  // holds the position, the log the order in flight.
  PaperFaults faults;
  faults.timeouts_after_placing = 1;
  paper_->set_faults(faults);
  auto options = fast_options();
  options.gateway.first_backoff = std::chrono::hours(1);
  options.gateway.max_backoff = std::chrono::hours(1);
  start(options);
  ASSERT_EQ(send(alert(Action::buy, "0.5")).http_status, 202u);
  ASSERT_TRUE(wait_until([&] { return paper_->fills().size() == 1; }));
  ASSERT_EQ(state().pending.size(), 1u);
  auto reconciler = this->reconciler(DriftReaction::pause);

  const auto report = pass(*reconciler);

  EXPECT_EQ(report.drifts_recorded, 0u);
  EXPECT_EQ(report.symbols_skipped, 1u);
  EXPECT_EQ(report.symbols_checked, 0u);
  EXPECT_TRUE(drift_events().empty());
  EXPECT_EQ(count_of<BotPaused>(), 0u);
}

TEST_F(Reconciliation, An_open_order_tvbot_never_requested_is_reported_and_resolved_once_cancelled) {
  start();
  open_long("0.5");
  rest_order_behind_tvbots_back("manual-limit", "0.2");
  auto reconciler = this->reconciler();

  ASSERT_EQ(pass(*reconciler).drifts_recorded, 1u);
  auto events = drift_events();
  ASSERT_EQ(events.size(), 1u);
  const auto& drift = std::get<ReconciliationDrift>(events[0].payload);
  EXPECT_EQ(drift.kind, "unknown_open_order");
  EXPECT_EQ(drift.client_order_id, "manual-limit");
  EXPECT_EQ(drift.expected_qty, qty("0"));
  EXPECT_EQ(drift.actual_qty, qty("0.2"));
  EXPECT_EQ(drift.detail, "tvbot never requested this order (buy 0.2, filled 0)");

  ASSERT_TRUE(paper_->cancel_order("BTCUSDT", "manual-limit").ok());
  EXPECT_EQ(pass(*reconciler).resolved_recorded, 1u);
  events = drift_events();
  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(std::get<ReconciliationResolved>(events[1].payload).client_order_id, "manual-limit");
}

TEST_F(Reconciliation, An_order_the_venue_never_saw_is_missing_only_when_seen_in_two_passes) {
  // The placement times out before reaching the venue and the gateway waits an hour.
  PaperFaults faults;
  faults.timeouts_before_placing = 1;
  paper_->set_faults(faults);
  auto options = fast_options();
  options.gateway.first_backoff = std::chrono::hours(1);
  options.gateway.max_backoff = std::chrono::hours(1);
  start(options);
  ASSERT_EQ(send(alert(Action::buy, "0.5")).http_status, 202u);
  ASSERT_TRUE(wait_until([&] { return paper_->faults().timeouts_before_placing == 0; }));
  ASSERT_EQ(state().pending.size(), 1u);
  auto reconciler = this->reconciler();

  EXPECT_EQ(pass(*reconciler).drifts_recorded, 0u);  // may be on its way to the venue
  EXPECT_EQ(pass(*reconciler).drifts_recorded, 1u);

  const auto events = drift_events();
  ASSERT_EQ(events.size(), 1u);
  const auto& drift = std::get<ReconciliationDrift>(events[0].payload);
  EXPECT_EQ(drift.kind, "missing_order");
  EXPECT_EQ(drift.client_order_id, "bot1/BTCUSDT:2");
  EXPECT_EQ(drift.expected_qty, qty("0.5"));
  EXPECT_EQ(drift.actual_qty, qty("0"));
  EXPECT_EQ(pass(*reconciler).drifts_recorded, 0u);
}

TEST_F(Reconciliation, Two_bots_on_one_account_and_symbol_are_compared_as_their_sum) {
  start_two_bots();
  open_long("0.5");
  auto second = alert(Action::buy, "0.3");
  second.bot_id = "bot2";
  ASSERT_EQ(send(second).http_status, 202u);
  ASSERT_TRUE(wait_until([&] {
    auto loaded = store_->load_state("bot2/BTCUSDT");
    return loaded.ok() && loaded->state.pending.empty() && !loaded->state.net.is_flat();
  }));
  ASSERT_EQ(paper_->positions()->at(0).qty, qty("0.8"));

  auto both = this->reconciler(DriftReaction::report, {"bot1", "bot2"});
  EXPECT_EQ(pass(*both).drifts_recorded, 0u);

  trade_behind_tvbots_back("manual-1", Side::sell, "0.1");
  EXPECT_EQ(pass(*both).drifts_recorded, 1u);
  const auto drift = std::get<ReconciliationDrift>(drift_events().at(0).payload);
  EXPECT_EQ(drift.expected_qty, qty("0.8"));
  EXPECT_EQ(drift.actual_qty, qty("0.7"));
}

TEST_F(Reconciliation, After_a_restart_a_drift_made_while_tvbot_was_down_is_found_by_the_first_pass) {
  start();
  open_long("0.5");
  stop();
  trade_behind_tvbots_back("manual-1", Side::sell, "0.5");  // the venue is flat now

  start();
  auto reconciler = this->reconciler();
  const auto report = pass(*reconciler);

  EXPECT_EQ(report.drifts_recorded, 1u);
  const auto drift = std::get<ReconciliationDrift>(drift_events().at(0).payload);
  EXPECT_EQ(drift.expected_qty, qty("0.5"));
  EXPECT_EQ(drift.actual_qty, qty("0"));
  EXPECT_EQ(state().net.qty, qty("0.5"));
}

TEST_F(Reconciliation, A_restarted_reconciler_does_not_record_a_drift_it_recorded_before) {
  start();
  open_long("0.5");
  trade_behind_tvbots_back("manual-1", Side::buy, "0.25");
  ASSERT_EQ(pass(*this->reconciler()).drifts_recorded, 1u);
  stop();

  start();
  auto restarted = this->reconciler();  // folds reconciliation/paper
  const auto report = pass(*restarted);

  EXPECT_EQ(report.drifts_recorded, 0u);
  EXPECT_EQ(report.open_drifts, 1u);
  EXPECT_EQ(drift_events().size(), 1u);
}

TEST_F(Reconciliation, An_unreadable_venue_is_an_error_and_records_nothing) {
  start();
  open_long("0.5");
  trade_behind_tvbots_back("manual-1", Side::buy, "0.25");
  PaperFaults faults;
  faults.unavailable_calls = 1;
  paper_->set_faults(faults);
  auto reconciler = this->reconciler();

  auto failed = reconciler->run_once();

  ASSERT_FALSE(failed.ok());
  EXPECT_EQ(failed.error().code, "unavailable");
  EXPECT_TRUE(drift_events().empty());
  EXPECT_EQ(pass(*reconciler).drifts_recorded, 1u);  // the next pass compares
}

TEST_F(Reconciliation, Without_position_comparison_a_spot_account_is_checked_for_orders_only) {
  start();
  open_long("0.5");
  trade_behind_tvbots_back("manual-1", Side::buy, "0.25");
  rest_order_behind_tvbots_back("manual-limit", "0.2");
  ReconcilerSettings settings{scope(), DriftReaction::report};
  settings.compare_positions = false;
  auto reconciler = Reconciler::create(settings, *store_, counting_, PauseBot{});
  ASSERT_TRUE(reconciler.ok());

  const auto report = pass(**reconciler);

  EXPECT_EQ(report.symbols_checked, 0u);
  ASSERT_EQ(drift_events().size(), 1u);
  EXPECT_EQ(std::get<ReconciliationDrift>(drift_events()[0].payload).kind, "unknown_open_order");
}

TEST_F(Reconciliation, The_loop_checks_at_start_and_on_every_interval_and_records_a_drift_once) {
  start();
  open_long("0.5");
  trade_behind_tvbots_back("manual-1", Side::buy, "0.25");
  std::vector<ScheduledReconciler> scheduled;
  scheduled.push_back({this->reconciler(), std::chrono::milliseconds(5)});
  ReconcileLoop loop(std::move(scheduled));

  ASSERT_TRUE(wait_until([&] { return loop.passes() >= 5; }));
  loop.stop();

  EXPECT_EQ(drift_events().size(), 1u);
  const auto passes = loop.passes();
  loop.stop();  // idempotent, and no pass after stop
  EXPECT_EQ(loop.passes(), passes);
}

}  // namespace
}  // namespace tvbot::reconcile::testing
