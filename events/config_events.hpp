#pragma once
// Configuration as facts: `tvbot serve` records a bot's configuration in the stream
// "config/<bot>" at start, only when it differs from what that stream last recorded, so the
// log (and the SQL tables projected from it) tells which settings were in force when.
// Secrets are never part of these events: only their origin would be, and not even that.
// Settings travel as JSON text (an object) so the event schema does not change each time a
// configuration key is added; the SQL projection stores them as jsonb.
#include <string>

namespace tvbot {

struct BotConfigured {
  std::string bot;
  std::string broker;
  std::string position_mode;  // "one_way" or "hedge"
  bool paused = false;        // as configured; BotPaused/BotResumed record changes at run time
  std::string settings;       // JSON object: rate limit, dedupe window, default trading rules, ...
  bool operator==(const BotConfigured&) const = default;
};

struct InstrumentConfigured {
  std::string bot;
  std::string symbol;               // the broker's symbol
  std::string tradingview_tickers;  // JSON array of strings
  std::string strategy;             // JSON object: the trading rules in force (sizing, levels, ...)
  bool operator==(const InstrumentConfigured&) const = default;
};

// A bot (symbol empty) or one of its instruments is no longer in the configuration.
struct ConfigRemoved {
  std::string bot;
  std::string symbol;
  bool operator==(const ConfigRemoved&) const = default;
};

}  // namespace tvbot
