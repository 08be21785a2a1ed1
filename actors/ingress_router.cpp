#include "actors/ingress_router.hpp"

#include <chrono>

#include <caf/all.hpp>
#include <spdlog/spdlog.h>

#include "actors/alert_replies.hpp"
#include "actors/position_actor.hpp"

namespace tvbot::actors {
namespace {

// How long a stream may take to decide its queued alerts at shutdown. Each waits at most
// for one market query (the gateway's call timeout, 10 s by default) plus its appends.
constexpr std::chrono::seconds kDrainTimeout{60};

struct RouterState {
  RouterStart start;
  std::map<std::string, caf::actor, std::less<>> streams;  // by stream name
  std::shared_ptr<EngineCounters> stats;
  bool stopping = false;
  static inline const char* name = "ingress_router";
};

using Self = caf::stateful_actor<RouterState>;

// The stream's actor, spawned on first use from `preloaded` or from the log. An Error when
// the log cannot be read or the route names no known broker.
Result<caf::actor> stream_actor(Self* self, const InstrumentRoute& route,
                                std::optional<storage::LoadedState> preloaded = std::nullopt) {
  auto& st = self->state;
  auto stream = make_stream_name(route.settings.bot_id, route.settings.symbol);
  if (auto it = st.streams.find(stream); it != st.streams.end()) return it->second;
  auto gateway = st.start.gateways.find(route.broker);
  if (gateway == st.start.gateways.end()) {
    return make_error("unknown_broker", "bot " + route.settings.bot_id +
                                            " names broker \"" + route.broker + "\"");
  }
  if (!preloaded) {
    auto loaded = st.start.store->load_state(stream);
    if (!loaded.ok()) return loaded.error();
    preloaded = std::move(loaded).value();
  }
  st.stats->orders_resumed += preloaded->state.pending.size();
  auto monitor = st.start.monitors.find(route.broker);
  auto actor = spawn_position_actor(
      self->system(), route.settings, *st.start.store, gateway->second, std::move(*preloaded),
      monitor == st.start.monitors.end() ? caf::actor{} : monitor->second);
  self->link_to(actor);
  st.streams.emplace(stream, actor);
  ++st.stats->streams_loaded;
  return actor;
}

// The last event is an AlertReceived: an alert may be waiting for its decision.
bool ends_with_alert(const storage::EventStore& store, const std::string& stream) {
  auto version = store.log().stream_version(stream);
  if (version == 0) return false;
  auto last = store.log().read_stream(stream, version, 1);
  return last.ok() && !last->empty() && last->front().type.starts_with("AlertReceived@");
}

void recover_streams(Self* self) {
  auto& st = self->state;
  for (const auto& stream : st.start.store->log().list_streams()) {
    auto slash = stream.stream.find('/');
    if (slash == std::string::npos) continue;
    auto bot = stream.stream.substr(0, slash);
    auto symbol = stream.stream.substr(slash + 1);
    auto loaded = st.start.store->load_state(stream.stream);
    if (!loaded.ok()) {
      spdlog::error("recovery: stream {} not loaded: {}", stream.stream, loaded.error().message);
      continue;
    }
    const auto& state = loaded->state;
    bool active = !state.pending.empty() || !state.net.is_flat() || !state.long_side.is_flat() ||
                  !state.short_side.is_flat() || ends_with_alert(*st.start.store, stream.stream);
    if (!active) continue;
    auto route = st.start.resolver(bot, symbol);
    if (!route) {
      spdlog::warn("recovery: stream {} has an open position or order but its bot or "
                   "instrument is no longer configured", stream.stream);
      continue;
    }
    auto actor = stream_actor(self, *route, std::move(loaded).value());
    if (!actor.ok()) spdlog::error("recovery: {}", actor.error().message);
  }
}

void route_alert(Self* self, AlertMsg& msg) {
  auto& reply = *msg.reply;
  if (self->state.stopping) {
    reply(AlertOutcome{503, error_body("shutting_down", "tvbot is stopping; retry")});
    return;
  }
  auto route = self->state.start.resolver(msg.intake.bot_id, msg.intake.signal.ticker);
  if (!route) {
    reply(AlertOutcome{422, error_body("unknown_instrument",
                                       "bot " + msg.intake.bot_id + " does not trade \"" +
                                           msg.intake.signal.ticker + "\"")});
    return;
  }
  msg.intake.signal.symbol = route->settings.symbol;
  auto actor = stream_actor(self, *route);
  if (!actor.ok()) {
    reply(AlertOutcome{503, error_body("not_durable", actor.error().message)});
    return;
  }
  self->send(*actor, std::move(msg));
}

// Asks every stream to decide what it holds; answers once all have (or failed to).
caf::result<bool> drain(Self* self) {
  self->state.stopping = true;
  if (self->state.streams.empty()) return true;
  auto promise = self->make_response_promise<bool>();
  auto remaining = std::make_shared<std::size_t>(self->state.streams.size());
  auto one_done = [promise, remaining]() mutable {
    if (--*remaining == 0) promise.deliver(true);
  };
  for (const auto& [name, actor] : self->state.streams) {
    self->request(actor, kDrainTimeout, drain_atom::value)
        .then([one_done](bool) mutable { one_done(); },
              [one_done, stream = name](const caf::error& error) mutable {
                spdlog::warn("stream {} did not drain: {}", stream, caf::to_string(error));
                one_done();
              });
  }
  return promise;
}

caf::behavior ingress_router(Self* self, RouterStart start, std::shared_ptr<EngineCounters> stats) {
  self->state.start = std::move(start);
  self->state.stats = std::move(stats);
  // A position actor that fails leaves the others trading: forget it, and the stream is
  // reloaded from the log on its next message. Any other exit request stops the router
  // (and, through the links, every position actor).
  self->set_exit_handler([self](caf::exit_msg& msg) {
    auto& streams = self->state.streams;
    for (auto it = streams.begin(); it != streams.end(); ++it) {
      if (it->second.address() == msg.source) {
        spdlog::error("stream {}: position actor stopped: {}; reloading on its next message",
                      it->first, caf::to_string(msg.reason));
        streams.erase(it);
        return;
      }
    }
    self->quit(msg.reason);
  });
  recover_streams(self);
  return {
      [=](ready_atom) { return true; },
      [=](AlertMsg& msg) { route_alert(self, msg); },
      [=](RoutedCommandMsg& msg) {
        auto fail = [&](Error error) {
          if (msg.command.done) (*msg.command.done)(Status{std::move(error)});
        };
        auto route = self->state.start.resolver(msg.bot, msg.symbol);
        if (!route) {
          fail(make_error("unknown_instrument", "bot " + msg.bot + " does not trade " + msg.symbol));
          return;
        }
        auto actor = stream_actor(self, *route);
        if (!actor.ok()) {
          fail(actor.error());
          return;
        }
        self->send(*actor, std::move(msg.command));
      },
      [=](drain_atom) { return drain(self); },
  };
}

}  // namespace

caf::actor spawn_ingress_router(caf::actor_system& system, RouterStart start,
                                std::shared_ptr<EngineCounters> stats) {
  return system.spawn(ingress_router, std::move(start), std::move(stats));
}

}  // namespace tvbot::actors
