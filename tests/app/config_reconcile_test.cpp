// The reconciliation keys of [[brokers]]: defaults, values, and what is refused.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "app/config/load.hpp"

namespace tvbot::config {
namespace {

using ::testing::ElementsAre;

constexpr std::string_view kBots = R"(
[[bots]]
id = "alpha"
secret_env = "TVBOT_ALPHA_SECRET"
broker = "paper"
[[bots.instruments]]
symbol = "BTCUSDT"
)";

ConfigResult load_with_broker(std::string_view broker_keys) {
  LoadOptions options;
  options.environment = [](const std::string& name) -> std::optional<std::string> {
    if (name == "TVBOT_ALPHA_SECRET") return "alpha-secret-0123456789";
    return std::nullopt;
  };
  const std::string text =
      "[[brokers]]\nname = \"paper\"\nkind = \"paper\"\n" + std::string(broker_keys) + std::string(kBots);
  return load_config_from_string(text, options);
}

std::vector<std::string> messages(const ConfigResult& result) {
  std::vector<std::string> lines;
  for (const auto& error : result.errors()) lines.push_back(error.message);
  return lines;
}

TEST(ConfigReconcile, A_broker_is_reconciled_every_minute_and_drift_is_reported_by_default) {
  const auto result = load_with_broker("");
  ASSERT_TRUE(result.ok()) << result.error_report();
  const auto* broker = result.value().broker("paper");
  EXPECT_EQ(broker->reconcile_interval, std::chrono::seconds(60));
  EXPECT_EQ(broker->on_drift, OnDrift::report);
}

TEST(ConfigReconcile, Interval_and_reaction_are_read_and_zero_turns_it_off) {
  const auto paused = load_with_broker("reconcile_interval_seconds = 15\non_drift = \"pause\"\n");
  ASSERT_TRUE(paused.ok()) << paused.error_report();
  EXPECT_EQ(paused.value().broker("paper")->reconcile_interval, std::chrono::seconds(15));
  EXPECT_EQ(paused.value().broker("paper")->on_drift, OnDrift::pause);
  EXPECT_EQ(to_string(OnDrift::pause), "pause");

  const auto off = load_with_broker("reconcile_interval_seconds = 0\n");
  ASSERT_TRUE(off.ok()) << off.error_report();
  EXPECT_EQ(off.value().broker("paper")->reconcile_interval, std::chrono::seconds(0));
}

TEST(ConfigReconcile, Out_of_range_intervals_and_unknown_reactions_are_refused_by_name) {
  EXPECT_THAT(messages(load_with_broker("reconcile_interval_seconds = -1\n")),
              ElementsAre("brokers[0].reconcile_interval_seconds: must be between 0 and 86400, got -1"));
  EXPECT_THAT(messages(load_with_broker("reconcile_interval_seconds = 86401\n")),
              ElementsAre("brokers[0].reconcile_interval_seconds: must be between 0 and 86400, got 86401"));
  EXPECT_THAT(messages(load_with_broker("reconcile_interval_seconds = \"60\"\n")),
              ElementsAre("brokers[0].reconcile_interval_seconds: expected an integer, got a string"));
  EXPECT_THAT(messages(load_with_broker("on_drift = \"overwrite\"\n")),
              ElementsAre(R"(brokers[0].on_drift: expected "report" or "pause", got "overwrite")"));
}

}  // namespace
}  // namespace tvbot::config
