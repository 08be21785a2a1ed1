#pragma once
// The ingress router actor: resolves an alert's bot and instrument, and hands it to the
// stream's position actor, spawned (and loaded from snapshot + tail) on first use.
#include <atomic>
#include <map>
#include <string>

#include <caf/atom.hpp>
#include <caf/fwd.hpp>

#include "actors/engine.hpp"

namespace tvbot::actors {

struct RouterStart {
  storage::EventStore* store = nullptr;
  InstrumentResolver resolver;
  std::map<std::string, caf::actor> gateways;  // by broker name
};

struct EngineCounters {
  std::atomic<std::size_t> streams_loaded{0};
  std::atomic<std::size_t> orders_resumed{0};
};

// Answered once recovery is done; the engine waits for it before it serves.
using ready_atom = caf::atom_constant<caf::atom("ready")>;

// Recovery runs before the actor serves anything: every stream with an open position or
// an order in flight is loaded. Its count is reported through `stats`.
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
