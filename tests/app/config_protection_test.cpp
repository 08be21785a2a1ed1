// The configuration of protection and of the price monitor: take-profit ladders, trailing
// activation, break-even, and each broker's monitor interval.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "app/config/load.hpp"

namespace tvbot::config {
namespace {

using ::testing::HasSubstr;

constexpr std::string_view kBase = R"(
[[brokers]]
name = "paper"
kind = "paper"
)";

constexpr std::string_view kBot = R"(
[[bots]]
id = "alpha"
secret_env = "TVBOT_ALPHA_SECRET"
broker = "paper"
)";

ConfigResult load(std::string_view broker_extra, std::string_view bot_extra) {
  LoadOptions options;
  options.environment = [](const std::string& name) -> std::optional<std::string> {
    if (name == "TVBOT_ALPHA_SECRET") return "alpha-secret-0123456789";
    return std::nullopt;
  };
  const std::string text = std::string(kBase) + std::string(broker_extra) + std::string(kBot) +
                           std::string(bot_extra) + R"(
[[bots.instruments]]
symbol = "BTCUSDT"
tradingview_tickers = ["BINANCE:BTCUSDT.P"]
)";
  return load_config_from_string(text, options);
}

std::string all_errors(const ConfigResult& result) {
  std::string text;
  for (const auto& error : result.errors()) text += error.message + "\n";
  return text;
}

Price px(const char* text) { return Price::parse_exact(text).value(); }
Ratio ratio(const char* text) { return Ratio::parse_exact(text).value(); }

TEST(ConfigProtection, Monitor_interval_defaults_to_one_second_and_is_set_per_broker) {
  const auto plain = load("", "");
  ASSERT_TRUE(plain.ok()) << plain.error_report();
  EXPECT_EQ(plain.value().brokers.at(0).monitor_interval, std::chrono::milliseconds(1000));

  const auto fast = load("monitor_interval_ms = 250\n", "");
  ASSERT_TRUE(fast.ok()) << fast.error_report();
  EXPECT_EQ(fast.value().brokers.at(0).monitor_interval, std::chrono::milliseconds(250));

  const auto too_fast = load("monitor_interval_ms = 1\n", "");
  EXPECT_FALSE(too_fast.ok());
  EXPECT_THAT(all_errors(too_fast), HasSubstr("monitor_interval_ms"));
}

TEST(ConfigProtection, A_take_profit_ladder_with_trailing_activation_and_break_even_is_read) {
  const auto result = load("", R"(
[bots.defaults]
stop_loss = "2%"
trailing = "300"
trailing_activation = "31000"
break_even_after_first_tp = true
take_profits = [{ level = "1%", fraction = "0.5" }, { level = "32000", fraction = "0.5" }]
)");
  ASSERT_TRUE(result.ok()) << result.error_report();
  const TradingRules& rules = result.value().bots.at(0).instruments.at(0).rules;
  ASSERT_EQ(rules.take_profits.size(), 2u);
  EXPECT_EQ(rules.take_profits[0], (TakeProfitLevel{PriceLevel{true, px("1")}, ratio("0.5")}));
  EXPECT_EQ(rules.take_profits[1], (TakeProfitLevel{PriceLevel{false, px("32000")}, ratio("0.5")}));
  EXPECT_EQ(rules.trailing_activation, px("31000"));
  EXPECT_TRUE(rules.break_even_after_first_tp);
}

TEST(ConfigProtection, A_ladder_level_without_fraction_or_above_one_is_an_error) {
  const auto result = load("", R"(
[bots.defaults]
take_profits = [{ level = "1%" }, { level = "2%", fraction = "1.5" }]
)");
  EXPECT_FALSE(result.ok());
  EXPECT_THAT(all_errors(result), HasSubstr("missing fraction"));
  EXPECT_THAT(all_errors(result), HasSubstr("must be at most 1"));
}

}  // namespace
}  // namespace tvbot::config
