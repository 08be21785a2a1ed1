#pragma once
// An Alpaca broker built from its [[brokers]] entry (kind = "alpaca"): trading URL (paper or
// live, by testnet/base_url), market data URL, keys, and the market-hours policy.
#include <memory>

#include "app/config/config.hpp"
#include "brokers/broker.hpp"

namespace tvbot::app {

// Sends nothing yet (the first call to Alpaca happens on the first order or price).
// Errors: "invalid_config" (not an alpaca entry, keys missing), "invalid_url".
[[nodiscard]] Result<std::shared_ptr<Broker>> make_alpaca_broker(const config::BrokerConfig& broker);

}  // namespace tvbot::app
