#include "app/serve/venue_brokers.hpp"

#include <spdlog/spdlog.h>

#include "app/serve/alpaca_broker_setup.hpp"
#include "app/serve/web_transport.hpp"
#include "brokers/binance/binance_broker.hpp"

namespace tvbot::app {
namespace {

Result<std::shared_ptr<Broker>> make_binance(const config::BrokerConfig& broker,
                                             const std::vector<config::BotConfig>& bots) {
  if (!broker.api_key || !broker.api_secret || broker.api_key->empty() ||
      broker.api_secret->empty()) {
    return make_error("invalid_config", "brokers." + broker.name + ": api_key and api_secret are required");
  }
  auto transport = make_web_transport(broker.base_url);
  if (!transport) return transport.error();
  binance::BinanceOptions options;
  options.rest.venue = broker.kind == config::BrokerKind::binance_spot ? binance::Venue::spot
                                                                       : binance::Venue::usdm_futures;
  options.rest.api_key = broker.api_key->reveal();
  options.rest.api_secret = broker.api_secret->reveal();
  auto adapter = std::make_shared<binance::BinanceBroker>(std::move(options), std::move(*transport));

  if (adapter->venue() == binance::Venue::usdm_futures) {
    auto hedge = adapter->hedge_mode();
    if (!hedge) {
      spdlog::warn("brokers.{}: could not read the account's position mode ({}); orders will tell",
                   broker.name, hedge.error().message);
    } else {
      for (const auto& bot : bots) {
        if (bot.broker != broker.name) continue;
        const bool wants_hedge = bot.mode == config::PositionMode::hedge;
        if (wants_hedge != *hedge) {
          return make_error("position_mode_mismatch",
                            "bots." + bot.id + " is " + (wants_hedge ? "hedge" : "one-way") +
                                " but the position mode of the Binance futures account of brokers." +
                                broker.name + " is " + (*hedge ? "hedge" : "one-way") +
                                "; change one of them (Binance: Preferences > Position Mode)");
        }
      }
    }
  }
  spdlog::info("brokers.{}: {} at {}", broker.name, config::to_string(broker.kind), broker.base_url);
  return std::shared_ptr<Broker>(std::move(adapter));
}

}  // namespace

Result<std::shared_ptr<Broker>> make_venue_broker(const config::BrokerConfig& broker,
                                                  const std::vector<config::BotConfig>& bots) {
  switch (broker.kind) {
    case config::BrokerKind::binance_spot:
    case config::BrokerKind::binance_futures:
      return make_binance(broker, bots);
    case config::BrokerKind::alpaca:
      return make_alpaca_broker(broker);
    default:
      return make_error("unsupported_broker", "brokers." + broker.name + ": kind " +
                                                  std::string(config::to_string(broker.kind)) +
                                                  " is not available in this build yet");
  }
}

}  // namespace tvbot::app
