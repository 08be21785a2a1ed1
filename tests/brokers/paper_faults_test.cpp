// Injected faults: timeouts with and without the order placed, outages, delays. After a
// timeout, query_order must tell the truth, and a retry must never place twice.
#include <chrono>

#include "paper_test_support.hpp"

namespace tvbot::testing {
namespace {

TEST(PaperFaults, A_timeout_after_placing_hides_an_order_that_query_order_then_finds) {
  auto broker = make_broker(spot_config());
  PaperFaults faults;
  faults.timeouts_after_placing = 1;
  broker->set_faults(faults);

  const auto result = broker->place_order(market_order("t1", Side::buy, qty("0.5")));
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, "timeout");
  EXPECT_TRUE(outcome_unknown(result.error()));

  const auto found = broker->query_order("BTCUSDT", "t1");
  ASSERT_TRUE(found.ok());
  ASSERT_TRUE(found->has_value());
  EXPECT_EQ((*found)->status, OrderStatus::filled);
  EXPECT_EQ((*found)->avg_price, px("30015"));

  // The caller's retry with the same id gets the existing order, not a second one.
  const auto retry = place(*broker, market_order("t1", Side::buy, qty("0.5")));
  EXPECT_EQ(retry, **found);
  EXPECT_EQ(broker->fills().size(), 1u);
  EXPECT_EQ(balance_of(*broker, "BTC").free, money("0.5"));
}

TEST(PaperFaults, A_timeout_before_placing_leaves_nothing_for_query_order_to_find) {
  auto broker = make_broker(spot_config());
  PaperFaults faults;
  faults.timeouts_before_placing = 1;
  broker->set_faults(faults);

  const auto result = broker->place_order(market_order("t2", Side::buy, qty("0.5")));
  ASSERT_FALSE(result.ok());
  EXPECT_TRUE(outcome_unknown(result.error()));
  const auto found = broker->query_order("BTCUSDT", "t2");
  ASSERT_TRUE(found.ok());
  EXPECT_FALSE(found->has_value());

  // Safe to place now: exactly one order results.
  EXPECT_EQ(place(*broker, market_order("t2", Side::buy, qty("0.5"))).status, OrderStatus::filled);
  EXPECT_EQ(broker->fills().size(), 1u);
}

TEST(PaperFaults, An_outage_fails_calls_as_unavailable_without_doing_anything) {
  auto broker = make_broker(spot_config());
  PaperFaults faults;
  faults.unavailable_calls = 2;
  broker->set_faults(faults);

  const auto placed = broker->place_order(market_order("u1", Side::buy, qty("0.5")));
  ASSERT_FALSE(placed.ok());
  EXPECT_EQ(placed.error().code, "unavailable");
  EXPECT_FALSE(outcome_unknown(placed.error()));
  EXPECT_EQ(broker->balances().error().code, "unavailable");

  const auto found = broker->query_order("BTCUSDT", "u1");
  ASSERT_TRUE(found.ok());
  EXPECT_FALSE(found->has_value());
  EXPECT_EQ(balance_of(*broker, "USDT").free, money("100000"));
}

TEST(PaperFaults, Faults_switched_off_at_runtime_stop_firing) {
  auto broker = make_broker(spot_config());
  PaperFaults faults;
  faults.timeouts_before_placing = 5;
  broker->set_faults(faults);
  EXPECT_FALSE(broker->place_order(market_order("o1", Side::buy, qty("0.1"))).ok());
  EXPECT_EQ(broker->faults().timeouts_before_placing, 4u);

  broker->set_faults(PaperFaults{});
  EXPECT_EQ(place(*broker, market_order("o1", Side::buy, qty("0.1"))).status, OrderStatus::filled);
}

TEST(PaperFaults, An_injected_delay_makes_every_call_take_at_least_that_long) {
  auto broker = make_broker(spot_config());
  PaperFaults faults;
  faults.delay = std::chrono::milliseconds{30};
  broker->set_faults(faults);

  const auto start = std::chrono::steady_clock::now();
  const auto price = broker->last_price("BTCUSDT");
  const auto elapsed = std::chrono::steady_clock::now() - start;
  ASSERT_TRUE(price.ok());
  EXPECT_GE(elapsed, std::chrono::milliseconds{30});
}

TEST(PaperFaults, Admin_controls_are_never_faulty) {
  auto broker = make_broker(spot_config());
  PaperFaults faults;
  faults.unavailable_calls = 1;
  broker->set_faults(faults);
  set_price(*broker, "31000");
  EXPECT_EQ(broker->faults().unavailable_calls, 1u);
  EXPECT_FALSE(broker->set_price("BTCUSDT", px("0")).ok());
  EXPECT_EQ(broker->set_price("ETHUSDT", px("1")).error().code, "unknown_symbol");
}

}  // namespace
}  // namespace tvbot::testing
