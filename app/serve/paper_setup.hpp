#pragma once
// A paper broker built from the configuration: its instruments are the symbols the bots
// that use it trade, its prices come from the configured feed.
#include <memory>
#include <vector>

#include "app/config/config.hpp"
#include "brokers/paper/paper_broker.hpp"

namespace tvbot::app {

// "BTCUSDT" -> {"BTC", "USDT"} for the quote currencies venues list pairs in.
std::pair<std::string, std::string> split_symbol(std::string_view symbol);

[[nodiscard]] Result<std::unique_ptr<PaperBroker>> make_paper_broker(
    const config::BrokerConfig& broker, const std::vector<config::BotConfig>& bots);

}  // namespace tvbot::app
