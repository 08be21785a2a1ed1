#pragma once
// A paper broker built from the configuration: its instruments are the symbols the bots
// that use it trade, its prices come from the configured feed.
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "app/config/config.hpp"
#include "brokers/paper/paper_broker.hpp"
#include "storage/event_store.hpp"

namespace tvbot::app {

// "BTCUSDT" -> {"BTC", "USDT"} for the quote currencies venues list pairs in.
std::pair<std::string, std::string> split_symbol(std::string_view symbol);

// "<broker name>-<start time, hex ns>": the paper venue forgets its orders and fills when the
// process ends, so its ids must not repeat those of an earlier run the log holds.
std::string run_id_prefix(std::string_view broker_name);

// The positions the event log holds open, by the name of the paper broker their bot trades
// on: a paper venue forgets everything when its process ends, so a restarted server hands
// them back to it, or an order closing one would be refused. Real brokers keep their own.
// Error: a stream that cannot be read.
[[nodiscard]] Result<std::map<std::string, std::vector<BrokerPosition>>> open_paper_positions(
    const storage::EventStore& store, const config::Config& config);

// Broker order and fill ids start with run_id_prefix(broker.name). `carried` (from
// open_paper_positions) become the account's initial positions; one the account cannot
// hold (its symbol no longer traded, a bot switched between one-way and hedge) is left out
// with a warning.
[[nodiscard]] Result<std::unique_ptr<PaperBroker>> make_paper_broker(
    const config::BrokerConfig& broker, const std::vector<config::BotConfig>& bots,
    const std::vector<BrokerPosition>& carried = {});

}  // namespace tvbot::app
