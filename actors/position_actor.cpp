#include "actors/position_actor.hpp"

#include <chrono>
#include <deque>

#include <caf/all.hpp>
#include <spdlog/spdlog.h>

#include "actors/alert_memory.hpp"
#include "actors/messages.hpp"
#include "actors/order_translation.hpp"
#include "events/codec.hpp"
#include "events/position.hpp"

namespace tvbot::actors {
namespace {

// How many recent events are read back at load to remember the dedupe window: more than
// any realistic number of alerts in one window of one stream, and cheap to read.
constexpr std::uint64_t kDedupeLookback = 512;
// A decided command whose append failed is retried this often (the disk may recover);
// past that the stream stops deciding and says so in the log.
constexpr std::uint32_t kMaxCommandAttempts = 5;

Timestamp now_ns() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

std::string accepted_body(const Event& event, bool duplicate) {
  std::string body = "{";
  if (duplicate) body += "\"duplicate\":true,";
  body += "\"event_id\":" + std::to_string(event.global_seq) + ",\"stream\":";
  append_json_string(body, event.stream);
  body += ",\"stream_seq\":" + std::to_string(event.stream_seq) + "}";
  return body;
}

std::string error_body(std::string_view code, std::string_view message) {
  std::string body = "{\"error\":";
  append_json_string(body, code);
  body += ",\"message\":";
  append_json_string(body, message);
  body += "}";
  return body;
}

bool needs_market_info(const Signal& signal, const PositionConfig& config) {
  using Kind = SizingRule::Kind;
  if (signal.price.has_value()) return config.sizing.kind == Kind::percent_of_equity;
  return config.sizing.kind == Kind::quote_amount ||
         config.sizing.kind == Kind::percent_of_equity;
}

struct PositionActorState {
  StreamSettings settings;
  storage::EventStore* store = nullptr;
  caf::actor gateway;
  StreamState stream;
  std::uint64_t last_snapshot = 0;
  AlertMemory alerts{0};
  // Signals recorded but not yet decided, in arrival order; the head may wait for a price.
  std::deque<SignalCommand> undecided;
  bool awaiting_market_info = false;
  static inline const char* name = "position";
};

using Self = caf::stateful_actor<PositionActorState>;

void send_orders(Self* self, const std::vector<Event>& events) {
  for (const auto& event : events) {
    if (const auto* requested = std::get_if<OrderRequested>(&event.payload)) {
      self->send(self->state.gateway,
                 PlaceOrderMsg{to_order_request(*requested, self->state.settings.symbol),
                               caf::actor_cast<caf::actor>(self), false});
    }
  }
}

// decide, append, evolve, act. Returns false when the events could not be made durable.
bool run_command(Self* self, const Command& command, std::uint32_t attempt = 0) {
  auto& st = self->state;
  auto decided = decide(st.stream, command, st.settings.position);
  if (!decided.ok()) {
    spdlog::error("stream {}: command refused: {} ({})", st.stream.stream,
                  decided.error().message, decided.error().code);
    if (const auto* signal = std::get_if<SignalCommand>(&command)) {
      // Never drop an alert silently: record why it could not be acted on.
      decided = std::vector<EventPayload>{
          AlertRejected{signal->alert_seq, decided.error().code, decided.error().message}};
    } else {
      return true;
    }
  }
  if (decided->empty()) return true;
  auto appended = st.store->append(st.stream.stream, st.stream.version, *decided, now_ns());
  if (!appended.ok()) {
    spdlog::error("stream {}: append failed: {} ({}), attempt {}", st.stream.stream,
                  appended.error().message, appended.error().code, attempt + 1);
    if (attempt + 1 < kMaxCommandAttempts) {
      self->delayed_send(self, std::chrono::milliseconds(200 << attempt),
                         RetryCommandMsg{command, attempt + 1});
    }
    return false;
  }
  for (const auto& event : *appended) evolve_in_place(st.stream, event);
  auto snapshot = st.store->snapshot_if_due(st.stream, st.last_snapshot, st.settings.snapshot_every);
  if (snapshot.ok()) {
    if (st.stream.version >= st.last_snapshot + st.settings.snapshot_every) {
      st.last_snapshot = st.stream.version;
    }
  } else {
    spdlog::warn("stream {}: snapshot not saved: {}", st.stream.stream, snapshot.error().message);
  }
  send_orders(self, *appended);
  return true;
}

void decide_waiting_signals(Self* self) {
  auto& st = self->state;
  while (!st.undecided.empty() && !st.awaiting_market_info) {
    auto& next = st.undecided.front();
    if (needs_market_info(next.signal, st.settings.position) && !next.mark_price &&
        !next.equity) {
      st.awaiting_market_info = true;
      bool need_equity =
          st.settings.position.sizing.kind == SizingRule::Kind::percent_of_equity;
      self->send(st.gateway, MarketQueryMsg{st.settings.symbol, st.settings.quote_asset,
                                            need_equity, caf::actor_cast<caf::actor>(self)});
      return;
    }
    SignalCommand command = std::move(next);
    st.undecided.pop_front();
    run_command(self, command);
  }
}

void handle_alert(Self* self, AlertMsg& msg) {
  auto& st = self->state;
  auto now = now_ns();
  if (auto earlier = st.alerts.find(msg.intake.dedupe_key, now)) {
    Event ref{st.stream.stream, earlier->stream_seq, earlier->global_seq, 0, BotResumed{}};
    msg.reply(AlertOutcome{200, accepted_body(ref, true)});
    return;
  }
  AlertReceived received{msg.intake.raw_body, msg.intake.source_ip, msg.intake.dedupe_key,
                         msg.intake.request_id, msg.intake.signal};
  auto appended = st.store->append(st.stream.stream, st.stream.version, {received}, now);
  if (!appended.ok()) {
    // The one deliberate 5xx: the alert is not durable, so TradingView should send it again.
    spdlog::error("stream {}: alert not recorded: {}", st.stream.stream,
                  appended.error().message);
    msg.reply(AlertOutcome{503, error_body("not_durable", "the alert could not be recorded; retry")});
    return;
  }
  const Event& event = appended->front();
  evolve_in_place(st.stream, event);
  st.alerts.remember(msg.intake.dedupe_key, now, {event.global_seq, event.stream_seq});
  msg.reply(AlertOutcome{202, accepted_body(event, false)});
  st.undecided.push_back(SignalCommand{msg.intake.signal, event.stream_seq, now, {}, {}});
  decide_waiting_signals(self);
}

void handle_market_info(Self* self, const MarketInfoMsg& info) {
  auto& st = self->state;
  st.awaiting_market_info = false;
  if (st.undecided.empty()) return;
  auto& head = st.undecided.front();
  head.mark_price = info.price;
  head.equity = info.equity;
  if (!info.price && !head.signal.price) {
    // decide() rejects with missing_price; the broker's reason goes to the log here.
    spdlog::warn("stream {}: no price for sizing: {}", st.stream.stream, info.error);
  }
  SignalCommand command = std::move(head);
  st.undecided.pop_front();
  run_command(self, command);
  decide_waiting_signals(self);
}

void remember_recent_alerts(Self* self) {
  auto& st = self->state;
  std::uint64_t from = st.stream.version > kDedupeLookback ? st.stream.version - kDedupeLookback : 1;
  auto recent = st.store->read_stream(st.stream.stream, from);
  if (!recent.ok()) return;  // an empty memory only risks a duplicate being recorded twice
  for (const auto& event : *recent) {
    if (const auto* received = std::get_if<AlertReceived>(&event.payload)) {
      st.alerts.remember(received->dedupe_key, event.time, {event.global_seq, event.stream_seq});
    }
  }
}

// Orders requested before a restart and not known to have ended: ask the gateway to find
// them by client id (and place them only if the venue never saw them).
void resume_pending_orders(Self* self) {
  auto& st = self->state;
  for (const auto& pending : st.stream.pending) {
    auto seq_text = pending.client_order_id.substr(pending.client_order_id.rfind(':') + 1);
    std::uint64_t seq = std::stoull(seq_text);
    auto events = st.store->read_stream(st.stream.stream, seq);
    if (!events.ok() || events->empty()) continue;
    if (const auto* requested = std::get_if<OrderRequested>(&events->front().payload)) {
      self->send(st.gateway, PlaceOrderMsg{to_order_request(*requested, st.settings.symbol),
                                           caf::actor_cast<caf::actor>(self), true});
    }
  }
}

caf::behavior position_actor(Self* self, StreamSettings settings, storage::EventStore* store,
                             caf::actor gateway, storage::LoadedState loaded) {
  auto& st = self->state;
  st.settings = std::move(settings);
  st.store = store;
  st.gateway = std::move(gateway);
  st.stream = std::move(loaded.state);
  st.last_snapshot = loaded.snapshot_version;
  st.alerts = AlertMemory(std::chrono::duration_cast<std::chrono::nanoseconds>(
                              st.settings.dedupe_window).count());
  remember_recent_alerts(self);
  resume_pending_orders(self);
  return {
      [=](AlertMsg& msg) { handle_alert(self, msg); },
      [=](const MarketInfoMsg& info) { handle_market_info(self, info); },
      [=](const OrderUpdateMsg& update) {
        if (!update.report.ok()) {
          spdlog::warn("stream {}: order {} outcome unknown: {}", self->state.stream.stream,
                       update.client_order_id, update.report.error().message);
          return;  // the gateway keeps polling it
        }
        for (const auto& command :
             commands_from_report(self->state.stream, *update.report, now_ns())) {
          run_command(self, command);
        }
      },
      [=](const StreamCommandMsg& msg) {
        bool durable = run_command(self, msg.command);
        if (msg.done) {
          msg.done(durable ? Status{} : Status{make_error("not_durable", "events not recorded")});
        }
      },
      [=](const RetryCommandMsg& msg) { run_command(self, msg.command, msg.attempt); },
  };
}

}  // namespace

caf::actor spawn_position_actor(caf::actor_system& system, StreamSettings settings,
                                storage::EventStore& store, caf::actor gateway,
                                storage::LoadedState loaded) {
  return system.spawn(position_actor, std::move(settings), &store, std::move(gateway),
                      std::move(loaded));
}

}  // namespace tvbot::actors
