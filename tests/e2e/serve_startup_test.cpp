// `tvbot serve` with the shipped example configuration: it starts, listens quickly, is
// ready, trades, and stops cleanly on SIGTERM.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>

#include "tests/e2e/serve_fixture.hpp"

namespace tvbot::e2e {
namespace {

class ServeStartup : public ServeFixture {};

TEST_F(ServeStartup, The_example_config_listens_in_under_three_seconds_trades_and_stops_with_exit_0) {
  const auto example = source_dir() / "deploy" / "tvbot.example.toml";
  ASSERT_TRUE(std::filesystem::exists(example)) << example;
  std::vector<std::chrono::nanoseconds> times;
  // Three starts: the first on an empty data directory, the next two reopening its log.
  for (int run = 0; run < 3; ++run) {
    ServeLaunch launch;
    launch.config = example;
    launch.data_dir = temp_.path() / "data";
    launch.log_file = temp_.path() / "serve.log";
    launch.env = {{"TVBOT_ALPHA_SECRET", "example-alpha-secret"},
                  {"TVBOT_BETA_SECRET", "example-beta-secret"}};
    auto started = ServeProcess::start(launch);
    ASSERT_TRUE(started.ok()) << started.error().message;
    server_ = std::move(started).value();
    client_.emplace("127.0.0.1", server_->port());
    times.push_back(server_->time_to_listen());
    auto ready = get("/readyz");
    EXPECT_EQ(ready.status, 200u) << ready.body;
    if (run == 2) {
      // Trade once on each bot (random-walk prices, protection, quote sizing, hedge mode)
      // before the last stop: SIGTERM must still end it with exit 0.
      auto alpha = post("alpha", "buy BINANCE:BTCUSDT.P secret=example-alpha-secret", "text/plain");
      EXPECT_EQ(alpha.status, 202u) << alpha.body;
      auto beta = post("beta", R"({"action":"long","ticker":"BINANCE:ETHUSDT.P","secret":"example-beta-secret"})");
      EXPECT_EQ(beta.status, 202u) << beta.body;
      for (const char* stream : {"alpha/BTCUSDT", "beta/ETHUSDT"}) {
        auto settled_events = wait_until_settled(launch.data_dir, stream, 1);
        EXPECT_TRUE(settled_events.ok()) << settled_events.error().message;
      }
    }
    ASSERT_NO_FATAL_FAILURE(stop());
  }
  for (std::size_t i = 0; i < times.size(); ++i) {
    const auto us = std::chrono::duration_cast<std::chrono::microseconds>(times[i]).count();
    std::printf("tvbot serve (example config), start %zu: listening after %lld.%03lld ms\n",
                i + 1, static_cast<long long>(us / 1000), static_cast<long long>(us % 1000));
  }
  // The goal is under a second; 3 s leaves room for a loaded machine or a sanitizer build.
  EXPECT_LT(*std::min_element(times.begin(), times.end()), std::chrono::seconds(3));
}

}  // namespace
}  // namespace tvbot::e2e
