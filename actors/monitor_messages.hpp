#pragma once
// Messages between the price monitor and the position actors (see monitor.hpp). Local-only,
// so allowed as "unsafe" message types like those in messages.hpp.
#include <string>

#include <caf/actor.hpp>
#include <caf/allowed_unsafe_message_type.hpp>

#include "events/decimal.hpp"
#include "events/event_types.hpp"

namespace tvbot::actors {

// Position actor -> monitor: send me ticks for `symbol` (watch) or stop (unwatch). Sent
// whenever the stream starts or stops having an open position with protection.
struct WatchPricesMsg {
  std::string symbol;
  caf::actor stream;
  bool watch = true;
};

// Monitor -> position actor: the broker's last price of the stream's symbol.
struct PriceTickMsg {
  Price price;
  Timestamp observed_at = 0;
};

}  // namespace tvbot::actors

CAF_ALLOW_UNSAFE_MESSAGE_TYPE(tvbot::actors::WatchPricesMsg)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(tvbot::actors::PriceTickMsg)
