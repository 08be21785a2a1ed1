// What validate_config refuses before a paper broker starts.
#include "paper_test_support.hpp"

namespace tvbot::testing {
namespace {

std::string config_error(const PaperBrokerConfig& config) {
  const auto broker = PaperBroker::create(config);
  return broker.ok() ? "" : broker.error().code + ": " + broker.error().message;
}

TEST(PaperBrokerConfig, The_test_configurations_are_valid) {
  EXPECT_EQ(config_error(spot_config()), "");
  EXPECT_EQ(config_error(futures_config(true)), "");
}

TEST(PaperBrokerConfig, Contradictory_or_out_of_range_settings_are_refused_with_the_field_named) {
  auto hedge_spot = spot_config();
  hedge_spot.hedge = true;
  EXPECT_EQ(config_error(hedge_spot), "invalid_config: hedge mode needs futures mode");

  auto off_tick = spot_config();
  off_tick.instruments[0].start_price = px("30000.005");
  EXPECT_NE(config_error(off_tick).find("start_price"), std::string::npos);

  auto odd_liquidity = spot_config();
  odd_liquidity.liquidity_per_step = qty("0.0015");
  EXPECT_NE(config_error(odd_liquidity).find("liquidity_per_step"), std::string::npos);

  auto huge_fee = spot_config();
  huge_fee.fees.taker_bps = bps("10000");
  EXPECT_NE(config_error(huge_fee).find("fees"), std::string::npos);

  auto no_leverage = futures_config();
  no_leverage.leverage = 0;
  EXPECT_NE(config_error(no_leverage).find("leverage"), std::string::npos);

  auto duplicate = spot_config();
  duplicate.instruments.push_back(btc_usdt());
  EXPECT_NE(config_error(duplicate).find("duplicate symbol BTCUSDT"), std::string::npos);

  auto wild_walk = spot_config();
  wild_walk.feed = RandomWalkConfig{10, 10000};
  EXPECT_NE(config_error(wild_walk).find("band_bps"), std::string::npos);
}

TEST(PaperBrokerConfig, A_missing_csv_file_fails_at_creation) {
  auto config = spot_config();
  config.feed = CsvFeedConfig{{CsvPriceSource{"/nonexistent/prices.csv", std::nullopt}}};
  EXPECT_EQ(config_error(config).substr(0, 3), "io:");
}

}  // namespace
}  // namespace tvbot::testing
