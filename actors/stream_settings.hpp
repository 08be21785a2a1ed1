#pragma once
// What a position actor needs to know about its (bot, instrument), resolved from the
// configuration by the app.
#include <chrono>
#include <cstdint>
#include <string>

#include "events/position.hpp"

namespace tvbot::actors {

struct StreamSettings {
  std::string bot_id;
  std::string symbol;       // the broker's symbol
  std::string quote_asset;  // for percent-of-equity sizing, e.g. "USDT"
  PositionConfig position;
  std::uint64_t snapshot_every = 1000;
  std::chrono::seconds dedupe_window{300};
};

}  // namespace tvbot::actors
