// From a [[brokers]] entry to a working AlpacaBroker: what `tvbot serve` will call.
#include "app/config/load.hpp"
#include "app/serve/alpaca_broker_setup.hpp"
#include "tests/brokers/alpaca/alpaca_test_support.hpp"

namespace tvbot::alpaca::testing {
namespace {

using AlpacaSetup = AlpacaFixture;

config::ConfigResult load(const std::string& broker_keys) {
  const std::string toml = R"(
[[brokers]]
name = "alpaca"
kind = "alpaca"
api_key_env = "TVBOT_ALPACA_KEY"
api_secret_env = "TVBOT_ALPACA_SECRET"
)" + broker_keys + R"(
[[bots]]
id = "alpha"
secret_env = "TVBOT_ALPHA_SECRET"
broker = "alpaca"
[[bots.instruments]]
symbol = "AAPL"
)";
  config::LoadOptions options;
  options.environment = [](const std::string& name) -> std::optional<std::string> {
    if (name == "TVBOT_ALPACA_KEY") return std::string(kKeyId);
    if (name == "TVBOT_ALPACA_SECRET") return std::string(kSecretKey);
    if (name == "TVBOT_ALPHA_SECRET") return std::string("alpha-webhook-secret");
    return std::nullopt;
  };
  return config::load_config_from_string(toml, options);
}

TEST_F(AlpacaSetup, A_configured_broker_reaches_Alpaca_with_its_keys_and_queues_when_told) {
  const auto config = load("base_url = \"" + emulator_.base_url() + "\"\ndata_base_url = \"" +
                           emulator_.base_url() + "\"\noutside_market_hours = \"queue\"\n");
  ASSERT_TRUE(config.ok()) << config.error_report();
  auto broker = app::make_alpaca_broker(*config->broker("alpaca"));
  ASSERT_TRUE(broker.ok()) << broker.error().message;
  auto price = (*broker)->last_price("AAPL");
  ASSERT_TRUE(price.ok()) << price.error().message;
  EXPECT_EQ(*price, px("187.23"));
  emulator_.set_market_open(false);
  auto placed = (*broker)->place_order(market("alpha/AAPL:2", Side::buy, "1"));
  ASSERT_TRUE(placed.ok()) << placed.error().message;
  EXPECT_EQ(placed->status, OrderStatus::new_);  // queued at Alpaca, not refused
  EXPECT_EQ(emulator_.orders().size(), 1u);
}

TEST_F(AlpacaSetup, The_default_policy_refuses_orders_while_the_market_is_closed) {
  const auto config = load("base_url = \"" + emulator_.base_url() + "\"\n");
  ASSERT_TRUE(config.ok()) << config.error_report();
  auto broker = app::make_alpaca_broker(*config->broker("alpaca"));
  ASSERT_TRUE(broker.ok()) << broker.error().message;
  emulator_.set_market_open(false);
  auto placed = (*broker)->place_order(market("alpha/AAPL:2", Side::buy, "1"));
  ASSERT_TRUE(placed.ok()) << placed.error().message;
  EXPECT_EQ(placed->reject_reason, "market_closed");
  EXPECT_TRUE(emulator_.orders().empty());
}

TEST_F(AlpacaSetup, Only_alpaca_entries_make_an_alpaca_broker) {
  config::BrokerConfig paper;
  paper.name = "paper";
  EXPECT_EQ(app::make_alpaca_broker(paper).error().code, "invalid_config");
}

}  // namespace
}  // namespace tvbot::alpaca::testing
