#pragma once
// The real venues `tvbot serve` can trade on, built from their [[brokers]] entries:
// binance-spot and binance-futures (Binance REST over http::WebClient). Paper brokers are
// built by paper_setup.hpp.
#include <memory>
#include <vector>

#include "app/config/config.hpp"
#include "brokers/broker.hpp"
#include "events/result.hpp"

namespace tvbot::app {

// Errors: "unsupported_broker" (a kind this build cannot trade on, e.g. alpaca),
// "invalid_config" (no API key or secret), WebClient's "invalid_url" / "tls_setup_failed",
// and for futures "position_mode_mismatch": a bot's mode (one_way / hedge) differs from the
// account's position mode, which Binance holds per account (every order would be refused
// with -4061). When the venue cannot be asked at start, that check is left to the orders.
// Leverage and margin type are the account's own settings; tvbot does not change them.
[[nodiscard]] Result<std::shared_ptr<Broker>> make_venue_broker(
    const config::BrokerConfig& broker, const std::vector<config::BotConfig>& bots);

}  // namespace tvbot::app
