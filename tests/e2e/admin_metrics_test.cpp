// GET /metrics from the real binary: the text parses as exposition format 0.0.4 (HELP and
// TYPE before each family's samples, histogram buckets cumulative and ending in +Inf equal
// to _count), and after known alerts every counter moved by exactly the right amount.
#include <gtest/gtest.h>

#include <charconv>
#include <map>
#include <set>
#include <sstream>
#include <thread>

#include "tests/e2e/admin_fixture.hpp"

namespace tvbot::e2e {
namespace {

struct Scrape {
  std::map<std::string, std::string> samples;  // "name{labels}" -> value text
  std::vector<std::string> order;               // series in the order they were written
  std::vector<std::string> problems;
};

std::string family_of(const std::string& name, const std::map<std::string, std::string>& types) {
  for (std::string_view suffix : {"_bucket", "_sum", "_count"}) {
    if (name.ends_with(suffix)) {
      std::string base = name.substr(0, name.size() - suffix.size());
      auto it = types.find(base);
      if (it != types.end() && it->second == "histogram") return base;
    }
  }
  return name;
}

Scrape parse_exposition(const std::string& text) {
  Scrape out;
  std::map<std::string, std::string> types;
  std::set<std::string> helps;
  std::istringstream lines(text);
  std::string line;
  while (std::getline(lines, line)) {
    if (line.starts_with("# HELP ")) {
      helps.insert(line.substr(7, line.find(' ', 7) - 7));
    } else if (line.starts_with("# TYPE ")) {
      auto name = line.substr(7, line.find(' ', 7) - 7);
      if (!helps.count(name)) out.problems.push_back("TYPE without HELP: " + name);
      if (types.count(name)) out.problems.push_back("family twice: " + name);
      types[name] = line.substr(line.rfind(' ') + 1);
    } else if (!line.empty()) {
      auto space = line.rfind(' ');
      auto series = line.substr(0, space);
      auto name = series.substr(0, series.find('{'));
      if (!types.count(family_of(name, types))) out.problems.push_back("sample before TYPE: " + line);
      if (out.samples.count(series)) out.problems.push_back("series twice: " + series);
      out.samples[series] = line.substr(space + 1);
      out.order.push_back(series);
    }
  }
  if (!text.empty() && text.back() != '\n') out.problems.push_back("no final newline");
  return out;
}

std::int64_t value(const Scrape& scrape, const std::string& series) {
  auto it = scrape.samples.find(series);
  if (it == scrape.samples.end()) return 0;  // an absent series has counted nothing yet
  std::int64_t out = -1;
  std::from_chars(it->second.data(), it->second.data() + it->second.size(), out);
  return out;
}

class AdminMetrics : public AdminFixture {
 protected:
  Scrape scrape() {
    auto response = admin("GET", "/metrics", {}, "");  // no token: Prometheus sends none
    EXPECT_EQ(response.status, 200u);
    EXPECT_EQ(response.header("Content-Type").value_or(""),
              "text/plain; version=0.0.4; charset=utf-8");
    auto parsed = parse_exposition(response.body);
    for (const auto& problem : parsed.problems) ADD_FAILURE() << problem << "\n" << response.body;
    return parsed;
  }
  // Scrapes until `series` reaches `expected` (the event tail counts a moment after the
  // append), then returns that scrape.
  Scrape scrape_until(const std::string& series, std::int64_t expected) {
    const auto deadline = std::chrono::steady_clock::now() + kSettleTimeout;
    Scrape last = scrape();
    while (value(last, series) < expected && std::chrono::steady_clock::now() < deadline) {
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
      last = scrape();
    }
    return last;
  }
};

TEST_F(AdminMetrics, Counters_move_by_exactly_what_the_alerts_did) {
  ServerDir dir = admin_dir();
  ASSERT_NO_FATAL_FAILURE(start_admin(dir));
  auto before = scrape();
  EXPECT_EQ(value(before, "tvbot_alerts_received_total{bot=\"alpha\"}"), 0);
  // Components that are not running export nothing rather than zeros.
  for (const auto& [series, ignored] : before.samples) {
    EXPECT_FALSE(series.starts_with("tvbot_projection_lag")) << series;
    EXPECT_FALSE(series.starts_with("tvbot_notifier_")) << series;
  }

  const std::string secret(kAlphaSecret);
  ASSERT_EQ(post_alert("alpha", "buy BTCUSDT qty=0.01 id=m1 secret=" + secret, "m-1").status, 202u);
  ASSERT_NO_FATAL_FAILURE(settle(dir, "alpha/BTCUSDT", 1));
  ASSERT_EQ(post_alert("alpha", "buy BTCUSDT qty=0.01 id=m2 secret=" + secret, "m-2").status, 202u);
  ASSERT_NO_FATAL_FAILURE(settle(dir, "alpha/BTCUSDT", 2));
  ASSERT_EQ(post_alert("alpha", "close BTCUSDT id=m3 secret=" + secret, "m-3").status, 202u);
  ASSERT_NO_FATAL_FAILURE(settle(dir, "alpha/BTCUSDT", 3));
  auto wrong = post_alert("alpha", "buy BTCUSDT qty=0.01 id=m4 secret=nope", "m-4");
  ASSERT_EQ(wrong.status, 401u);
  auto wrong_code = parse_json(wrong.body);
  std::string_view code;
  ASSERT_EQ(wrong_code->root["error"].get_string().get(code), simdjson::SUCCESS);
  const std::string unauthorized(code);
  ASSERT_EQ(post_alert("alpha", "buy DOGEUSDT qty=1 id=m5 secret=" + secret, "m-5").status, 422u);
  ASSERT_EQ(admin("POST", "/admin/bots/alpha/pause").status, 200u);
  ASSERT_EQ(post_alert("alpha", "buy BTCUSDT qty=0.01 id=m6 secret=" + secret, "m-6").status, 202u);
  ASSERT_NO_FATAL_FAILURE(settle(dir, "alpha/BTCUSDT", 4));

  auto after = scrape_until("tvbot_alerts_rejected_total{stage=\"decision\",reason=\"bot_paused\"}", 1);
  EXPECT_EQ(value(after, "tvbot_alerts_received_total{bot=\"alpha\"}"), 4);
  EXPECT_EQ(value(after, "tvbot_orders_requested_total{broker=\"paper\",side=\"buy\",reason=\"signal\"}"), 2);
  EXPECT_EQ(value(after, "tvbot_orders_requested_total{broker=\"paper\",side=\"sell\",reason=\"signal\"}"), 1);
  EXPECT_EQ(value(after, "tvbot_fills_total{broker=\"paper\",side=\"buy\"}"), 2);
  EXPECT_EQ(value(after, "tvbot_fills_total{broker=\"paper\",side=\"sell\"}"), 1);
  EXPECT_EQ(value(after, "tvbot_positions_closed_total{exit_reason=\"signal\"}"), 1);
  EXPECT_EQ(value(after, "tvbot_alerts_rejected_total{stage=\"webhook\",reason=\"" + unauthorized + "\"}"), 1);
  EXPECT_EQ(value(after, "tvbot_alerts_rejected_total{stage=\"webhook\",reason=\"unknown_instrument\"}"), 1);
  EXPECT_EQ(value(after, "tvbot_alerts_rejected_total{stage=\"decision\",reason=\"bot_paused\"}"), 1);
  // Four alerts acknowledged with 202: four latency observations, cumulative to +Inf.
  EXPECT_EQ(value(after, "tvbot_alert_ack_seconds_count"), 4);
  EXPECT_EQ(value(after, "tvbot_alert_ack_seconds_bucket{le=\"+Inf\"}"), 4);
  std::int64_t previous = 0;
  std::size_t buckets = 0;
  for (const auto& series : after.order) {
    if (!series.starts_with("tvbot_alert_ack_seconds_bucket")) continue;
    ++buckets;
    EXPECT_GE(value(after, series), previous) << "buckets must be cumulative: " << series;
    previous = value(after, series);
  }
  EXPECT_EQ(buckets, 14u);  // 13 bounds and +Inf
  // Group commit: every event written went through a batch; the log's last seq is the count.
  const auto events = value(after, "tvbot_eventlog_events_total");
  EXPECT_EQ(events, value(after, "tvbot_eventlog_last_global_seq"));
  EXPECT_GE(value(after, "tvbot_eventlog_appends_total"), value(after, "tvbot_eventlog_batches_total"));
  EXPECT_GE(value(after, "tvbot_eventlog_batches_total"), 1);
  EXPECT_GE(value(after, "tvbot_http_requests_total{listener=\"webhook\"}"), 6);
  EXPECT_GE(value(after, "tvbot_http_responses_total{listener=\"webhook\",class=\"4xx\"}"), 2);
  ASSERT_NO_FATAL_FAILURE(stop());
}

}  // namespace
}  // namespace tvbot::e2e
