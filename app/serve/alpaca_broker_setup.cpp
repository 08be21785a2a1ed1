#include "app/serve/alpaca_broker_setup.hpp"

#include "brokers/alpaca/alpaca_broker.hpp"

namespace tvbot::app {

Result<std::shared_ptr<Broker>> make_alpaca_broker(const config::BrokerConfig& broker) {
  if (broker.kind != config::BrokerKind::alpaca) {
    return make_error("invalid_config", "broker " + broker.name + " is not an alpaca broker");
  }
  if (!broker.api_key || !broker.api_secret) {
    return make_error("invalid_config", "broker " + broker.name + ": api key and secret needed");
  }
  alpaca::AlpacaOptions options;
  options.base_url = broker.base_url;
  options.data_base_url = broker.alpaca.data_base_url;
  // The keys go only into the request headers; nothing logs AlpacaOptions.
  options.api_key_id = broker.api_key->reveal();
  options.api_secret_key = broker.api_secret->reveal();
  options.outside_market_hours = broker.alpaca.outside_market_hours == config::OutsideMarketHours::queue
                                     ? alpaca::OutsideMarketHours::queue
                                     : alpaca::OutsideMarketHours::reject;
  auto created = alpaca::AlpacaBroker::create(std::move(options));
  if (!created.ok()) {
    return make_error(created.error().code, "broker " + broker.name + ": " + created.error().message);
  }
  return std::shared_ptr<Broker>(std::move(created).value());
}

}  // namespace tvbot::app
