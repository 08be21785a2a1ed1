// The registry's exposition, checked as whole text: HELP/TYPE lines, label order and
// escaping, cumulative histogram buckets with _sum and _count, families without series
// left out, and counts that stay exact under concurrent updates.
#include <gtest/gtest.h>

#include <stdexcept>
#include <thread>
#include <vector>

#include "observability/metrics_registry.hpp"

namespace tvbot::observability {
namespace {

TEST(MetricsRegistry, Counters_are_exposed_with_help_type_and_escaped_labels) {
  Registry registry;
  auto& orders = registry.counter_family("tvbot_orders_requested_total",
                                         "Orders requested.\nBy \\ side.", {"broker", "side"});
  orders.with({"paper", "buy"}).inc(3);
  orders.with({"pa\"per", "sell\n"}).inc();
  EXPECT_EQ(registry.expose(),
            "# HELP tvbot_orders_requested_total Orders requested.\\nBy \\\\ side.\n"
            "# TYPE tvbot_orders_requested_total counter\n"
            "tvbot_orders_requested_total{broker=\"pa\\\"per\",side=\"sell\\n\"} 1\n"
            "tvbot_orders_requested_total{broker=\"paper\",side=\"buy\"} 3\n");
}

TEST(MetricsRegistry, The_same_label_values_reach_the_same_series) {
  Registry registry;
  auto& family = registry.counter_family("c_total", "c", {"k"});
  family.with({"a"}).inc();
  family.with({"a"}).inc(2);
  EXPECT_EQ(family.with({"a"}).value(), 3u);
  // Registering again with the same definition returns the same family.
  auto& again = registry.counter_family("c_total", "c", {"k"});
  EXPECT_EQ(&again, &family);
}

TEST(MetricsRegistry, Histogram_buckets_are_cumulative_with_inf_sum_and_count) {
  Registry registry;
  // Microseconds exported as seconds: bounds 0.0005 s, 0.001 s, 0.01 s.
  auto& family = registry.histogram_family("tvbot_alert_ack_seconds", "Ack latency.", {},
                                           {500, 1000, 10000}, 6);
  auto& ack = family.with({});
  for (std::int64_t micros : {100, 500, 501, 999, 20000}) ack.observe(micros);
  // 100, 500 <= 500; 501, 999 <= 1000; none in (1000, 10000]; 20000 only in +Inf.
  EXPECT_EQ(registry.expose(),
            "# HELP tvbot_alert_ack_seconds Ack latency.\n"
            "# TYPE tvbot_alert_ack_seconds histogram\n"
            "tvbot_alert_ack_seconds_bucket{le=\"0.0005\"} 2\n"
            "tvbot_alert_ack_seconds_bucket{le=\"0.001\"} 4\n"
            "tvbot_alert_ack_seconds_bucket{le=\"0.01\"} 4\n"
            "tvbot_alert_ack_seconds_bucket{le=\"+Inf\"} 5\n"
            "tvbot_alert_ack_seconds_sum 0.0221\n"
            "tvbot_alert_ack_seconds_count 5\n");
}

TEST(MetricsRegistry, Histogram_labels_come_before_le) {
  Registry registry;
  auto& family = registry.histogram_family("h", "h", {"stage"}, {10}, 0);
  family.with({"x"}).observe(10);
  family.with({"x"}).observe(-5);
  const std::string text = registry.expose();
  EXPECT_NE(text.find("h_bucket{stage=\"x\",le=\"10\"} 2\n"), std::string::npos) << text;
  EXPECT_NE(text.find("h_bucket{stage=\"x\",le=\"+Inf\"} 2\n"), std::string::npos) << text;
  EXPECT_NE(text.find("h_sum{stage=\"x\"} 5\n"), std::string::npos) << text;
  EXPECT_NE(text.find("h_count{stage=\"x\"} 2\n"), std::string::npos) << text;
}

TEST(MetricsRegistry, Gauges_print_their_scale_and_may_go_negative) {
  Registry registry;
  auto& lag = registry.gauge_family("lag_seconds", "Lag.", {}, 3);
  lag.with({}).set(1500);
  lag.with({}).add(-2000);
  EXPECT_EQ(registry.expose(), "# HELP lag_seconds Lag.\n# TYPE lag_seconds gauge\nlag_seconds -0.5\n");
}

TEST(MetricsRegistry, Families_without_series_and_empty_callbacks_are_left_out) {
  Registry registry;
  (void)registry.counter_family("never_used_total", "x", {"a"});
  registry.add_callback("absent", "x", MetricType::gauge, {}, 0, [] { return std::vector<Sample>{}; });
  std::int64_t batches = 7;
  registry.add_callback("batches_total", "Batches.", MetricType::counter, {"log"}, 0,
                        [&batches] { return std::vector<Sample>{{{"main"}, batches}}; });
  EXPECT_EQ(registry.expose(),
            "# HELP batches_total Batches.\n# TYPE batches_total counter\n"
            "batches_total{log=\"main\"} 7\n");
  batches = 9;  // read at each scrape
  EXPECT_NE(registry.expose().find("batches_total{log=\"main\"} 9\n"), std::string::npos);
}

TEST(MetricsRegistry, Conflicting_or_invalid_definitions_are_refused) {
  Registry registry;
  (void)registry.counter_family("x_total", "x", {"a"});
  EXPECT_THROW((void)registry.counter_family("x_total", "x", {"b"}), std::logic_error);
  EXPECT_THROW((void)registry.gauge_family("x_total", "x", {"a"}), std::logic_error);
  EXPECT_THROW((void)registry.counter_family("bad-name", "x", {}), std::logic_error);
  EXPECT_THROW((void)registry.counter_family("y_total", "x", {"__a"}), std::logic_error);
  EXPECT_THROW((void)registry.histogram_family("h", "x", {"le"}, {1}), std::logic_error);
  EXPECT_THROW((void)registry.histogram_family("h2", "x", {}, {2, 2}), std::logic_error);
  auto& family = registry.counter_family("x_total", "x", {"a"});
  EXPECT_THROW((void)family.with({"1", "2"}), std::logic_error);
}

TEST(MetricsRegistry, Concurrent_updates_lose_nothing) {
  Registry registry;
  auto& family = registry.counter_family("n_total", "n", {"t"});
  auto& histogram = registry.histogram_family("lat", "l", {}, {5}, 0).with({});
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&family, &histogram, t] {
      for (int i = 0; i < 10000; ++i) {
        family.with({t % 2 == 0 ? "even" : "odd"}).inc();
        histogram.observe(i % 10);
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(family.with({"even"}).value(), 20000u);
  EXPECT_EQ(family.with({"odd"}).value(), 20000u);
  auto snapshot = histogram.snapshot();
  EXPECT_EQ(snapshot.count, 40000u);
  EXPECT_EQ(snapshot.cumulative[0], 24000u);  // 0..5 is 6 of every 10 values
  EXPECT_EQ(snapshot.sum, 4 * 1000 * 45);
}

}  // namespace
}  // namespace tvbot::observability
