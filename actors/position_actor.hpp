#pragma once
// The position actor: one per (bot, instrument) stream and the only writer of it.
// Each message is handled to the end before the next: receive, decide, append (durable),
// evolve, then act (reply to the webhook, send orders to the broker gateway).
// Alerts are acknowledged as soon as their AlertReceived is durable; the decision that
// follows never delays the acknowledgement, and alerts are decided in arrival order even
// when one of them waits for a price from the broker.
#include <caf/fwd.hpp>

#include "actors/stream_settings.hpp"
#include "storage/event_store.hpp"

namespace tvbot::actors {

// Loads the stream (snapshot + tail), resumes its orders in flight with the gateway, and
// serves AlertMsg, OrderUpdateMsg and StreamCommandMsg.
caf::actor spawn_position_actor(caf::actor_system& system, StreamSettings settings,
                                storage::EventStore& store, caf::actor gateway,
                                storage::LoadedState loaded);

}  // namespace tvbot::actors
