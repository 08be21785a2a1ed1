#pragma once
// The position actor: one per (bot, instrument) stream and the only writer of it.
// Each message is handled to the end before the next: receive, decide, append (durable),
// evolve, then act (reply to the webhook, send orders to the broker gateway).
// Alerts are acknowledged as soon as their AlertReceived is durable; the decision that
// follows never delays the acknowledgement, and alerts are decided in arrival order even
// when one of them waits for a price from the broker.
//
// Messages it serves:
//   AlertMsg          record, acknowledge (202, or 200 duplicate, or 503), then decide
//   MarketInfoMsg     the price / equity the alert at the head of the queue waits for
//   OrderUpdateMsg    a broker report: acceptance, fills, rejection, cancellation
//   StreamCommandMsg  pause, resume, manual close, in turn behind the alerts before it;
//                     `done` says whether it was recorded
//   drain_atom        answered (true) once every alert and command received is decided
//   PriceTickMsg      from the price monitor: decided at once, never queued behind alerts
//                     (a stale tick is worth nothing; the next one follows within seconds)
// While the stream has an open position with protection it is registered with `monitor`
// (if valid) for ticks of its symbol, and unregistered when that ends.
#include <caf/fwd.hpp>

#include "actors/stream_settings.hpp"
#include "storage/event_store.hpp"

namespace tvbot::actors {

// Starts from `loaded` (snapshot + tail), remembers the dedupe window's alerts from the
// log, and resumes its orders in flight with the gateway (found by client id, never placed
// twice).
caf::actor spawn_position_actor(caf::actor_system& system, StreamSettings settings,
                                storage::EventStore& store, caf::actor gateway,
                                storage::LoadedState loaded, caf::actor monitor);

}  // namespace tvbot::actors
