#include "actors/ingress_router.hpp"

#include <caf/all.hpp>
#include <spdlog/spdlog.h>

#include "actors/position_actor.hpp"
#include "events/codec.hpp"

namespace tvbot::actors {
namespace {

std::string error_body(std::string_view code, std::string_view message) {
  std::string body = "{\"error\":";
  append_json_string(body, code);
  body += ",\"message\":";
  append_json_string(body, message);
  body += "}";
  return body;
}

struct RouterState {
  RouterStart start;
  std::map<std::string, caf::actor, std::less<>> streams;  // by stream name
  std::shared_ptr<EngineCounters> stats;
  static inline const char* name = "ingress_router";
};

using Self = caf::stateful_actor<RouterState>;

// The stream's actor, spawned and loaded on first use. An Error when the log cannot be read.
Result<caf::actor> stream_actor(Self* self, const InstrumentRoute& route) {
  auto& st = self->state;
  auto stream = make_stream_name(route.settings.bot_id, route.settings.symbol);
  if (auto it = st.streams.find(stream); it != st.streams.end()) return it->second;
  auto gateway = st.start.gateways.find(route.broker);
  if (gateway == st.start.gateways.end()) {
    return make_error("unknown_broker", "bot " + route.settings.bot_id +
                                            " names broker \"" + route.broker + "\"");
  }
  auto loaded = st.start.store->load_state(stream);
  if (!loaded.ok()) return loaded.error();
  auto actor = spawn_position_actor(self->system(), route.settings, *st.start.store,
                                    gateway->second, std::move(loaded).value());
  self->link_to(actor);
  st.streams.emplace(stream, actor);
  ++st.stats->streams_loaded;
  return actor;
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
                  !state.short_side.is_flat();
    if (!active) continue;
    auto route = st.start.resolver(bot, symbol);
    if (!route) {
      spdlog::warn("recovery: stream {} has an open position or order but its bot or "
                   "instrument is no longer configured", stream.stream);
      continue;
    }
    st.stats->orders_resumed += state.pending.size();
    auto actor = stream_actor(self, *route);
    if (!actor.ok()) spdlog::error("recovery: {}", actor.error().message);
  }
}

caf::behavior ingress_router(Self* self, RouterStart start, std::shared_ptr<EngineCounters> stats) {
  self->state.start = std::move(start);
  self->state.stats = std::move(stats);
  recover_streams(self);
  return {
      [=](ready_atom) { return true; },
      [=](AlertMsg& msg) {
        auto route = self->state.start.resolver(msg.intake.bot_id, msg.intake.signal.ticker);
        if (!route) {
          msg.reply(AlertOutcome{422, error_body("unknown_instrument",
                                                 "bot " + msg.intake.bot_id +
                                                     " does not trade \"" +
                                                     msg.intake.signal.ticker + "\"")});
          return;
        }
        msg.intake.signal.symbol = route->settings.symbol;
        auto actor = stream_actor(self, *route);
        if (!actor.ok()) {
          msg.reply(AlertOutcome{503, error_body("not_durable", actor.error().message)});
          return;
        }
        self->send(*actor, std::move(msg));
      },
      [=](RoutedCommandMsg& msg) {
        auto route = self->state.start.resolver(msg.bot, msg.symbol);
        if (!route) {
          if (msg.command.done) {
            msg.command.done(make_error("unknown_instrument",
                                        "bot " + msg.bot + " does not trade " + msg.symbol));
          }
          return;
        }
        auto actor = stream_actor(self, *route);
        if (!actor.ok()) {
          if (msg.command.done) msg.command.done(actor.error());
          return;
        }
        self->send(*actor, std::move(msg.command));
      },
  };
}

}  // namespace

caf::actor spawn_ingress_router(caf::actor_system& system, RouterStart start,
                                std::shared_ptr<EngineCounters> stats) {
  return system.spawn(ingress_router, std::move(start), std::move(stats));
}

}  // namespace tvbot::actors
