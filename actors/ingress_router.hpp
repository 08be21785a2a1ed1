#pragma once
// The ingress router actor: resolves an alert's bot and instrument, and hands it to the
// stream's position actor, spawned (and loaded from snapshot + tail) on first use.
//
// Messages it serves:
//   ready_atom        answered (true) once recovery is done; the engine waits for it
//   AlertMsg          422 unknown_instrument, 503 while stopping, else to the stream's actor
//   RoutedCommandMsg  a stream command by (bot, symbol)
//   drain_atom        stop taking alerts; answered once every stream has decided its alerts
//
// Position actors are linked to it: they stop with it, and one that fails is forgotten
// (its alerts in the mailbox are answered 503 by ReplyOnce) and reloaded from the log on
// the stream's next message.
#include <atomic>
#include <map>
#include <memory>
#include <string>

#include <caf/atom.hpp>
#include <caf/fwd.hpp>

#include "actors/engine.hpp"
#include "actors/messages.hpp"

namespace tvbot::actors {

struct RouterStart {
  storage::EventStore* store = nullptr;
  InstrumentResolver resolver;
  std::map<std::string, caf::actor> gateways;  // by broker name
  std::map<std::string, caf::actor> monitors;  // by broker name; none: no protection ticks
};

struct EngineCounters {
  std::atomic<std::size_t> streams_loaded{0};
  std::atomic<std::size_t> orders_resumed{0};
};

using ready_atom = caf::atom_constant<caf::atom("ready")>;

// Recovery runs before the actor serves anything: every stream with an open position or
// an order in flight is loaded (and its orders resumed). Counts go to `stats`.
caf::actor spawn_ingress_router(caf::actor_system& system, RouterStart start,
                                std::shared_ptr<EngineCounters> stats);

// Router -> position actor route for non-alert commands.
struct RoutedCommandMsg {
  std::string bot;
  std::string symbol;
  StreamCommandMsg command;
};

}  // namespace tvbot::actors

CAF_ALLOW_UNSAFE_MESSAGE_TYPE(tvbot::actors::RoutedCommandMsg)
