#pragma once
// The admin API's writes. Each is a command to the position actors through
// Engine::submit_command, so it is decided and recorded in the log like everything else
// (BotPaused / BotResumed / OrderRequested{reason manual}); nothing here changes state
// directly. Answers come from engine threads through the Responder.
#include <functional>
#include <string>
#include <string_view>

#include "actors/engine.hpp"
#include "app/config/config.hpp"
#include "http/server/server.hpp"
#include "storage/event_store.hpp"

namespace tvbot::app::admin {

class AdminCommands {
 public:
  // Everything must outlive this object and every command it started.
  AdminCommands(const config::Config& config, const storage::EventStore& store,
                actors::Engine& engine)
      : config_(config), store_(store), engine_(engine) {}

  // POST /admin/bots/<bot>/pause and /resume, body empty or {"reason":"..."}: every stream
  // of the bot's configured instruments. Pausing a paused stream records nothing.
  void set_paused(std::string_view bot, bool paused, std::string_view body,
                  http::Responder respond);
  // POST /admin/streams/<bot>/<symbol>/close, body empty or {"position_side":"both"|"long"|
  // "short"}: a market order closing the position, exit reason manual.
  // 202 once the order is recorded; the position is flat when the fill is.
  void close_position(std::string_view bot, std::string_view symbol, std::string_view body,
                      http::Responder respond);
  // POST /admin/kill-switch: pauses every configured stream, then closes every open position
  // the log holds that has no manual close in flight. Idempotent: a second call pauses
  // nothing new and closes nothing already closing.
  void kill_switch(http::Responder respond);

 private:
  const config::Config& config_;
  const storage::EventStore& store_;
  actors::Engine& engine_;
};

}  // namespace tvbot::app::admin
