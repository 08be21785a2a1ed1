#include "app/serve/admin_commands.hpp"

#include <chrono>
#include <memory>
#include <mutex>
#include <vector>

#include "app/serve/admin_http.hpp"
#include "app/serve/admin_reads.hpp"
#include "events/codec.hpp"

namespace tvbot::app::admin {
namespace {

Timestamp now_ns() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

struct Target {
  std::string bot;
  std::string symbol;
  Command command;
};

struct Outcome {
  std::string stream;
  Status status;
};

// Submits every command at once and calls `done` once, with each outcome in target order,
// after the last one has answered (on whichever engine thread answered last).
void run_all(actors::Engine& engine, std::vector<Target> targets,
             std::function<void(std::vector<Outcome>)> done) {
  struct Pending {
    std::mutex mutex;
    std::vector<Outcome> outcomes;
    std::size_t remaining = 0;
    std::function<void(std::vector<Outcome>)> done;
  };
  if (targets.empty()) {
    done({});
    return;
  }
  auto pending = std::make_shared<Pending>();
  pending->remaining = targets.size();
  pending->done = std::move(done);
  for (const auto& target : targets) {
    pending->outcomes.push_back({make_stream_name(target.bot, target.symbol), {}});
  }
  for (std::size_t i = 0; i < targets.size(); ++i) {
    auto& target = targets[i];
    engine.submit_command(target.bot, target.symbol, std::move(target.command),
                          [pending, i](Status status) {
                            std::function<void(std::vector<Outcome>)> finish;
                            {
                              std::lock_guard lock(pending->mutex);
                              pending->outcomes[i].status = std::move(status);
                              if (--pending->remaining == 0) finish = std::move(pending->done);
                            }
                            if (finish) finish(std::move(pending->outcomes));
                          });
  }
}

std::string stream_list(const std::vector<std::string>& streams) {
  std::string out = "[";
  for (std::size_t i = 0; i < streams.size(); ++i) {
    if (i > 0) out += ',';
    append_json_string(out, streams[i]);
  }
  return out + "]";
}

// The first failure as a 503 (the engine is shutting down or the log refused the write:
// worth retrying), or nullopt when every command was recorded.
std::optional<http::Response> first_failure(const std::vector<Outcome>& outcomes) {
  for (const auto& outcome : outcomes) {
    if (!outcome.status.ok()) {
      return error_response(503, outcome.status.error().code,
                            outcome.stream + ": " + outcome.status.error().message);
    }
  }
  return std::nullopt;
}

bool configured(const config::Config& config, std::string_view bot, std::string_view symbol) {
  const auto* bot_config = config.bot(bot);
  if (bot_config == nullptr) return false;
  for (const auto& instrument : bot_config->instruments) {
    if (instrument.symbol == symbol) return true;
  }
  return false;
}

}  // namespace

void AdminCommands::set_paused(std::string_view bot, bool paused, std::string_view body,
                               http::Responder respond) {
  const auto* bot_config = config_.bot(bot);
  if (bot_config == nullptr) {
    respond(error_response(404, "unknown_bot", "no bot named \"" + std::string(bot) + "\""));
    return;
  }
  auto reason = optional_string_member(body, "reason");
  if (!reason.ok()) {
    respond(error_response(400, reason.error().code, reason.error().message));
    return;
  }
  const std::string why = reason->value_or("admin");
  std::vector<Target> targets;
  std::vector<std::string> streams;
  for (const auto& instrument : bot_config->instruments) {
    Command command = paused ? Command{PauseCommand{why, now_ns()}}
                             : Command{ResumeCommand{why, now_ns()}};
    targets.push_back({bot_config->id, instrument.symbol, std::move(command)});
    streams.push_back(make_stream_name(bot_config->id, instrument.symbol));
  }
  std::string id = bot_config->id;
  run_all(engine_, std::move(targets),
          [respond, id, paused, streams](std::vector<Outcome> outcomes) {
            if (auto failure = first_failure(outcomes)) {
              respond(std::move(*failure));
              return;
            }
            std::string reply = "{\"bot\":";
            append_json_string(reply, id);
            reply += std::string(",\"paused\":") + (paused ? "true" : "false") +
                     ",\"streams\":" + stream_list(streams) + "}";
            respond(json_response(200, std::move(reply)));
          });
}

void AdminCommands::close_position(std::string_view bot, std::string_view symbol,
                                   std::string_view body, http::Responder respond) {
  const auto* bot_config = config_.bot(bot);
  if (bot_config == nullptr) {
    respond(error_response(404, "unknown_bot", "no bot named \"" + std::string(bot) + "\""));
    return;
  }
  const std::string stream = make_stream_name(bot, symbol);
  if (!configured(config_, bot, symbol) || store_.log().stream_version(stream) == 0) {
    respond(error_response(404, "unknown_stream", "the event log has no stream \"" + stream + "\""));
    return;
  }
  auto side_text = optional_string_member(body, "position_side");
  if (!side_text.ok()) {
    respond(error_response(400, side_text.error().code, side_text.error().message));
    return;
  }
  auto side = parse_position_side(side_text->value_or("both"));
  if (!side) {
    respond(error_response(400, "invalid_position_side",
                           "position_side must be both, long or short"));
    return;
  }
  auto loaded = store_.load_state(stream);
  if (!loaded.ok()) {
    respond(error_response(500, loaded.error().code, loaded.error().message));
    return;
  }
  const auto& state = loaded->state;
  bool open = *side == PositionSide::both
                  ? !(state.net.is_flat() && state.long_side.is_flat() && state.short_side.is_flat())
                  : !position_of(state, *side).is_flat();
  if (!open) {
    // Checked here so that a mistaken click leaves no AlertRejected{no_position} in the log.
    respond(error_response(409, "no_position", stream + " has nothing open to close"));
    return;
  }
  std::vector<Target> targets;
  targets.push_back({std::string(bot), std::string(symbol),
                     ManualCloseCommand{*side, OrderReason::manual, now_ns()}});
  const PositionSide chosen = *side;
  run_all(engine_, std::move(targets), [respond, stream, chosen](std::vector<Outcome> outcomes) {
    if (auto failure = first_failure(outcomes)) {
      respond(std::move(*failure));
      return;
    }
    std::string reply = "{\"stream\":";
    append_json_string(reply, stream);
    reply += ",\"position_side\":";
    append_json_string(reply, to_string(chosen));
    reply += ",\"close_requested\":true}";
    respond(json_response(202, std::move(reply)));
  });
}

void AdminCommands::kill_switch(http::Responder respond) {
  std::vector<Target> pauses;
  std::vector<std::string> paused_streams;
  for (const auto& bot : config_.bots) {
    for (const auto& instrument : bot.instruments) {
      pauses.push_back({bot.id, instrument.symbol, PauseCommand{"kill_switch", now_ns()}});
      paused_streams.push_back(make_stream_name(bot.id, instrument.symbol));
    }
  }
  // Pause first, so that no alert opens a position while the closes are under way.
  run_all(engine_, std::move(pauses), [this, respond, paused_streams](std::vector<Outcome> outcomes) {
    if (auto failure = first_failure(outcomes)) {
      respond(std::move(*failure));
      return;
    }
    std::vector<Target> closes;
    std::vector<std::string> closing, already_closing, unmanaged;
    for (const auto& listed : store_.log().list_streams()) {
      auto loaded = store_.load_state(listed.stream);
      if (!loaded.ok()) {
        respond(error_response(500, loaded.error().code, loaded.error().message));
        return;
      }
      const auto& state = loaded->state;
      if (state.net.is_flat() && state.long_side.is_flat() && state.short_side.is_flat()) continue;
      bool closing_now = false;
      for (const auto& order : state.pending) closing_now |= order.reason == OrderReason::manual;
      if (closing_now) {
        already_closing.push_back(listed.stream);
        continue;
      }
      auto [bot, symbol] = split_stream(listed.stream);
      // A stream whose bot or instrument left the configuration has no actor to ask; the
      // engine would refuse it (unknown_instrument), so it is reported, not failed on.
      if (!configured(config_, bot, symbol)) {
        unmanaged.push_back(listed.stream);
        continue;
      }
      closes.push_back({std::string(bot), std::string(symbol),
                        ManualCloseCommand{PositionSide::both, OrderReason::manual, now_ns()}});
      closing.push_back(listed.stream);
    }
    run_all(engine_, std::move(closes),
            [respond, paused_streams, closing, already_closing, unmanaged](std::vector<Outcome> closed) {
              if (auto failure = first_failure(closed)) {
                respond(std::move(*failure));
                return;
              }
              std::string reply = "{\"paused_streams\":" + stream_list(paused_streams) +
                                  ",\"close_requested\":" + stream_list(closing) +
                                  ",\"already_closing\":" + stream_list(already_closing) +
                                  ",\"unmanaged\":" + stream_list(unmanaged) + "}";
              respond(json_response(200, std::move(reply)));
            });
  });
}

}  // namespace tvbot::app::admin
