// Several threads trading at once: every order placed exactly once, totals add up.
#include <set>
#include <thread>

#include "paper_test_support.hpp"

namespace tvbot::testing {
namespace {

TEST(PaperConcurrency, Threads_placing_distinct_orders_and_repeats_give_exact_totals) {
  auto broker = make_broker(spot_config());
  constexpr int kThreads = 4;
  constexpr int kOrdersPerThread = 50;
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&broker, t] {
      for (int i = 0; i < kOrdersPerThread; ++i) {
        const auto id = "bot/BTC:" + std::to_string(t * kOrdersPerThread + i);
        if (!broker->place_order(market_order(id, Side::buy, qty("0.01"))).ok())
          ADD_FAILURE() << id;
      }
    });
  }
  // A fifth thread repeats thread 0's ids: idempotency must hold under contention too.
  threads.emplace_back([&broker] {
    for (int i = 0; i < kOrdersPerThread; ++i) {
      const auto id = "bot/BTC:" + std::to_string(i);
      if (!broker->place_order(market_order(id, Side::buy, qty("0.01"))).ok()) ADD_FAILURE() << id;
    }
  });
  for (auto& thread : threads) thread.join();

  const auto fills = broker->fills();
  ASSERT_EQ(fills.size(), 200u);
  std::set<std::string> orders;
  for (const auto& fill : fills) orders.insert(fill.client_order_id);
  EXPECT_EQ(orders.size(), 200u);
  // Each fill: 0.01 * 30015 = 300.15 plus 10 bps fee 0.30015. 200 of them: 60090.03.
  EXPECT_EQ(balance_of(*broker, "USDT"), (Balance{"USDT", money("39909.97"), Money{}}));
  EXPECT_EQ(balance_of(*broker, "BTC"), (Balance{"BTC", money("2"), Money{}}));
  EXPECT_EQ(broker->positions()->at(0).qty, qty("2"));
}

}  // namespace
}  // namespace tvbot::testing
