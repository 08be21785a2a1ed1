#pragma once
// Records the configuration as events, so that the SQL tables trading_bots, instruments
// and strategy_configs are true to time: at start, each bot's configuration is compared with
// what its stream "config/<bot>" last recorded, and only differences are appended
// (BotConfigured, InstrumentConfigured, ConfigRemoved for bots and instruments no longer
// configured). Secrets are never part of it.
#include <cstddef>

#include "app/config/config.hpp"
#include "events/result.hpp"
#include "storage/event_store.hpp"

namespace tvbot::app {

struct ConfigRecordReport {
  std::size_t events_appended = 0;
};

[[nodiscard]] Result<ConfigRecordReport> record_configuration(storage::EventStore& store,
                                                              const config::Config& config,
                                                              Timestamp now);

// The JSON the events carry (exposed for tests).
[[nodiscard]] std::string trading_rules_json(const config::TradingRules& rules);
[[nodiscard]] BotConfigured bot_configured_event(const config::BotConfig& bot);
[[nodiscard]] InstrumentConfigured instrument_configured_event(const config::BotConfig& bot,
                                                               const config::InstrumentConfig& instrument);

}  // namespace tvbot::app
