// Protection through restarts, slow exits and a failing price source: it lives in the
// events, so a new engine checks it on its first tick; an exit whose answer is slow is
// ordered exactly once however many ticks come meanwhile; failed price polls are counted
// and retried, never the end of the monitor.
#include <gtest/gtest.h>

#include "protection_test_support.hpp"

namespace tvbot::actors::testing {
namespace {

using EngineProtectionRestart = ProtectionFixture;

TEST_F(EngineProtectionRestart, Protection_set_before_a_restart_triggers_on_the_first_tick_after) {
  start(monitored());
  open(protected_alert(Action::buy, "1", percent("2")));  // stop 29414.7
  stop();
  ASSERT_EQ(count_of<PriceObserved>(), 0u);
  set_price("29000");  // crossed while no engine ran

  start(monitored());
  EXPECT_EQ(engine_->stats().streams_loaded, 1u);
  ASSERT_TRUE(wait_for<PositionClosed>());

  const auto closed = all<PositionClosed>().at(0);
  EXPECT_EQ(closed.exit_reason, OrderReason::stop_loss);
  EXPECT_EQ(closed.price, px("28985.5"));  // 29000 less 5 bps
  EXPECT_EQ(all<PriceObserved>().at(0).price, px("29000"));
  EXPECT_EQ(exits(OrderReason::stop_loss).size(), 1u);
}

TEST_F(EngineProtectionRestart, A_trailing_best_recorded_before_a_restart_keeps_its_stop_after) {
  start(monitored());
  open(protected_alert(Action::buy, "1", std::nullopt, std::nullopt, percent("1")));
  set_price("31000");
  ASSERT_TRUE(wait_for_trigger("trailing_moved"));
  stop();
  set_price("30650");  // under the stop 30690 the first engine had moved up to

  start(monitored());
  ASSERT_TRUE(wait_for<PositionClosed>());

  EXPECT_EQ(all<PositionClosed>().at(0).exit_reason, OrderReason::trailing);
  EXPECT_EQ(all<PositionClosed>().at(0).price, px("30634.67"));  // 30650 less 5 bps, floored
}

TEST_F(EngineProtectionRestart, An_exit_slow_to_be_confirmed_is_ordered_once_while_ticks_keep_coming) {
  auto options = monitored();
  // The placement's answer is lost; the gateway asks again only after 300 ms, about 30 ticks.
  options.gateway.first_backoff = std::chrono::milliseconds(300);
  start(options);
  open(protected_alert(Action::buy, "1", percent("2")));
  PaperFaults faults;
  faults.timeouts_after_placing = 1;
  paper_->set_faults(faults);
  const auto polls_before = engine_->stats().price_polls;
  set_price("29000");
  ASSERT_TRUE(wait_for<PositionClosed>());

  EXPECT_GE(engine_->stats().price_polls - polls_before, 10u);  // ticks came during the flight
  EXPECT_EQ(exits(OrderReason::stop_loss).size(), 1u);
  EXPECT_EQ(count_of<OrderRequested>(), 2u);  // the entry and one exit
  EXPECT_EQ(paper_->fills().size(), 2u);
  EXPECT_EQ(all<PositionClosed>().at(0).exit_reason, OrderReason::stop_loss);
}

TEST_F(EngineProtectionRestart, Failed_price_polls_are_counted_and_the_next_interval_tries_again) {
  start(monitored());
  open(protected_alert(Action::buy, "1", percent("2")));
  PaperFaults faults;
  faults.unavailable_calls = 5;
  paper_->set_faults(faults);
  set_price("29000");
  ASSERT_TRUE(wait_for<PositionClosed>());

  EXPECT_GE(engine_->stats().price_poll_failures, 1u);
  EXPECT_EQ(all<PositionClosed>().at(0).exit_reason, OrderReason::stop_loss);
}

}  // namespace
}  // namespace tvbot::actors::testing
