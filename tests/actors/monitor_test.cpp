// The price monitor on its own: a real CAF system, a real paper broker and work pool, and
// a scoped actor standing in for a position actor. Every receive has a deadline.
#include <gtest/gtest.h>

#include <caf/all.hpp>

#include "actors/monitor.hpp"
#include "actors/monitor_messages.hpp"
#include "actors/work_pool.hpp"
#include "actors_test_support.hpp"

namespace tvbot::actors::testing {
namespace {

class PriceMonitor : public ::testing::Test {
 protected:
  PriceMonitor() : system_(config_) {
    auto paper = PaperBroker::create(paper_config());
    if (!paper.ok()) throw std::runtime_error(paper.error().message);
    paper_ = std::shared_ptr<PaperBroker>(std::move(paper).value());
  }
  ~PriceMonitor() override {
    if (monitor_) caf::anon_send_exit(monitor_, caf::exit_reason::user_shutdown);
    system_.await_all_actors_done();
  }

  void start(std::shared_ptr<Broker> broker) {
    monitor_ = spawn_price_monitor(system_, std::move(broker),
                                   MonitorOptions{std::chrono::milliseconds(10)}, workers_,
                                   counters_);
  }

  // The next tick the scoped actor receives, or nullopt after the deadline.
  std::optional<PriceTickMsg> next_tick(caf::scoped_actor& self) {
    std::optional<PriceTickMsg> tick;
    self->receive([&](const PriceTickMsg& msg) { tick = msg; },
                  caf::after(std::chrono::seconds(10)) >> [] {});
    return tick;
  }

  caf::actor_system_config config_;
  caf::actor_system system_;
  WorkPool workers_{1};
  std::shared_ptr<PaperBroker> paper_;
  std::shared_ptr<MonitorCounters> counters_ = std::make_shared<MonitorCounters>();
  caf::actor monitor_;
};

TEST_F(PriceMonitor, A_watcher_gets_ticks_at_the_brokers_last_price) {
  start(paper_);
  caf::scoped_actor self{system_};
  caf::anon_send(monitor_, WatchPricesMsg{"BTCUSDT", caf::actor(self), true});

  auto first = next_tick(self);
  ASSERT_TRUE(first.has_value());
  EXPECT_EQ(first->price, px("30000"));
  ASSERT_TRUE(paper_->set_price("BTCUSDT", px("31000")).ok());
  // Ticks already on their way may still carry the old price; the new one must follow.
  bool moved = false;
  for (int i = 0; i < 100 && !moved; ++i) {
    auto tick = next_tick(self);
    ASSERT_TRUE(tick.has_value());
    moved = tick->price == px("31000");
  }
  EXPECT_TRUE(moved);
  EXPECT_GE(counters_->ticks_sent.load(), 2u);
}

TEST_F(PriceMonitor, An_unknown_symbol_does_not_silence_the_others) {
  start(paper_);
  caf::scoped_actor self{system_};
  caf::scoped_actor other{system_};
  caf::anon_send(monitor_, WatchPricesMsg{"NOPEUSDT", caf::actor(other), true});
  caf::anon_send(monitor_, WatchPricesMsg{"BTCUSDT", caf::actor(self), true});

  auto tick = next_tick(self);

  ASSERT_TRUE(tick.has_value());
  EXPECT_EQ(tick->price, px("30000"));
  EXPECT_EQ(counters_->poll_failures.load(), 0u);  // the round fell back to single calls
}

TEST_F(PriceMonitor, Failed_polls_are_counted_and_retried_until_prices_come_back) {
  PaperFaults faults;
  faults.unavailable_calls = 3;
  paper_->set_faults(faults);
  start(paper_);
  caf::scoped_actor self{system_};
  caf::anon_send(monitor_, WatchPricesMsg{"BTCUSDT", caf::actor(self), true});

  auto tick = next_tick(self);

  ASSERT_TRUE(tick.has_value());
  EXPECT_EQ(counters_->poll_failures.load(), 3u);
  EXPECT_GE(counters_->polls.load(), 4u);
}

TEST_F(PriceMonitor, An_unwatched_actor_gets_no_more_ticks) {
  start(paper_);
  caf::scoped_actor self{system_};
  caf::anon_send(monitor_, WatchPricesMsg{"BTCUSDT", caf::actor(self), true});
  ASSERT_TRUE(next_tick(self).has_value());
  caf::anon_send(monitor_, WatchPricesMsg{"BTCUSDT", caf::actor(self), false});
  // Handled in order: once a later watcher has its first tick, the unwatch is done.
  caf::scoped_actor later{system_};
  caf::anon_send(monitor_, WatchPricesMsg{"BTCUSDT", caf::actor(later), true});
  ASSERT_TRUE(next_tick(later).has_value());
  auto drain = [&] {
    std::size_t got = 0;
    for (bool more = true; more;) {
      more = false;
      self->receive([&](const PriceTickMsg&) { more = true; },
                    caf::after(std::chrono::milliseconds(0)) >> [] {});
      got += more;
    }
    return got;
  };
  drain();  // ticks sent before the unwatch

  for (int i = 0; i < 3; ++i) ASSERT_TRUE(next_tick(later).has_value());  // three more polls

  EXPECT_EQ(drain(), 0u);
}

}  // namespace
}  // namespace tvbot::actors::testing
