// Shutdown: every alert is answered exactly once, every acknowledged alert is decided, and
// nothing hangs, even with broker calls in progress.
#include <gtest/gtest.h>

#include <atomic>
#include <future>

#include "actors_test_support.hpp"

namespace tvbot::actors::testing {
namespace {

using EngineShutdown = EngineFixture;

TEST_F(EngineShutdown, Every_alert_in_flight_is_answered_and_every_acknowledged_one_is_decided) {
  settings_.position.sizing.kind = SizingRule::Kind::quote_amount;
  settings_.position.sizing.quote_amount = money("1000");
  settings_.position.max_entries = 50;
  PaperFaults slow;  // alerts queue up behind slow price queries
  slow.delay = std::chrono::milliseconds(5);
  paper_->set_faults(slow);
  start();

  constexpr int kAlerts = 20;
  std::vector<std::future<AlertOutcome>> replies;
  std::atomic<int> calls{0};
  for (int i = 0; i < kAlerts; ++i) {
    auto reply = std::make_shared<std::promise<AlertOutcome>>();
    replies.push_back(reply->get_future());
    engine_->submit_alert(alert(Action::buy), [reply, &calls](AlertOutcome outcome) {
      ++calls;
      reply->set_value(std::move(outcome));  // a second call would throw here
    });
  }
  engine_->shutdown();

  int acknowledged = 0;
  for (auto& reply : replies) {
    ASSERT_EQ(reply.wait_for(kDeadline), std::future_status::ready);
    const auto outcome = reply.get();
    if (outcome.http_status == 202) {
      ++acknowledged;
    } else {
      EXPECT_EQ(outcome.http_status, 503u);
      EXPECT_NE(outcome.body.find("shutting_down"), std::string::npos) << outcome.body;
    }
  }
  EXPECT_EQ(calls.load(), kAlerts);
  EXPECT_EQ(count_of<AlertReceived>(), static_cast<std::size_t>(acknowledged));
  // Each acknowledged alert was decided before the actors stopped: an order or a refusal.
  EXPECT_EQ(count_of<OrderRequested>() + count_of<AlertRejected>(),
            static_cast<std::size_t>(acknowledged));
}

TEST_F(EngineShutdown, An_alert_after_shutdown_is_answered_503_at_once) {
  start();
  engine_->shutdown();

  const auto outcome = send(alert(Action::buy, "0.5"));

  EXPECT_EQ(outcome.http_status, 503u);
  EXPECT_NE(outcome.body.find("shutting_down"), std::string::npos);
  EXPECT_EQ(log_->last_global_seq(), 0u);
}

TEST_F(EngineShutdown, Shutdown_waits_for_a_slow_broker_call_and_the_next_engine_settles_its_order) {
  PaperFaults slow;
  slow.delay = std::chrono::milliseconds(300);
  paper_->set_faults(slow);
  auto options = fast_options();
  options.gateway.call_timeout = std::chrono::milliseconds(50);
  start(options);
  ASSERT_EQ(send(alert(Action::buy, "0.5")).http_status, 202u);
  ASSERT_TRUE(wait_for<OrderRequested>());

  stop();  // returns once the call in progress is done; ctest's timeout catches a hang
  paper_->set_faults(PaperFaults{});
  start();
  ASSERT_TRUE(wait_for<PositionOpened>());

  EXPECT_EQ(paper_->fills().size(), 1u);
  EXPECT_EQ(count_of<OrderFilled>(), 1u);
}

TEST_F(EngineShutdown, Shutdown_twice_and_destruction_after_it_are_harmless) {
  start();
  ASSERT_EQ(send(alert(Action::buy, "0.5")).http_status, 202u);
  engine_->shutdown();
  engine_->shutdown();
  engine_.reset();
  // The acknowledged alert was decided before the first shutdown stopped the actors.
  EXPECT_EQ(count_of<OrderRequested>(), 1u);
}

}  // namespace
}  // namespace tvbot::actors::testing
