// Just over 300 lines: the queue of alerts and commands, its market queries, append retries
// and drain form one state machine and read best together.
#include "actors/position_actor.hpp"

#include <chrono>
#include <deque>
#include <memory>
#include <variant>
#include <vector>

#include <caf/all.hpp>
#include <spdlog/spdlog.h>

#include "actors/alert_memory.hpp"
#include "actors/alert_replies.hpp"
#include "actors/messages.hpp"
#include "actors/monitor_messages.hpp"
#include "actors/order_translation.hpp"
#include "actors/stream_recovery.hpp"
#include "actors/wall_clock.hpp"
#include "events/position.hpp"
#include "events/protection.hpp"

namespace tvbot::actors {
namespace {

// Internal: the head alert's decision could not be appended; try it again.
struct RetryHeadMsg {};
// Internal: a broker report whose events could not be appended, tried again. Its commands
// are derived again from the state then, so nothing already recorded is recorded twice.
struct RetryReportMsg {
  OrderReport report;
  std::uint32_t attempt = 0;
};

}  // namespace
}  // namespace tvbot::actors

CAF_ALLOW_UNSAFE_MESSAGE_TYPE(tvbot::actors::RetryHeadMsg)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(tvbot::actors::RetryReportMsg)

namespace tvbot::actors {
namespace {

// How many recent events are read back at load to remember the dedupe window: more than
// any realistic number of alerts in one window of one stream, and cheap to read.
constexpr std::uint64_t kDedupeLookback = 512;
// How late an alert may still be decided after a restart. TradingView re-sends for 15 s
// at most; a minute covers a restart under systemd and is still the same bar for most
// strategies, while a market order hours later would trade on a price nobody asked for.
constexpr Timestamp kMaxLateDecision = 60'000'000'000;
// An append that failed is tried this often (the disk may recover), 200 ms, 400 ms, ...
// apart; past that the alert or report is given up and the log says so.
constexpr std::uint32_t kMaxAppendAttempts = 5;

std::chrono::milliseconds retry_delay(std::uint32_t attempt) {
  return std::chrono::milliseconds(200 << std::min<std::uint32_t>(attempt, 8));
}

// Only entries are sized, and an alert qty wins over any rule (events/sizing.hpp), so a
// close, a sync or an alert with its own qty never waits for the broker.
bool needs_market_info(const Signal& signal, const PositionConfig& config) {
  using Kind = SizingRule::Kind;
  const bool entry = signal.action == Action::buy || signal.action == Action::long_ ||
                     signal.action == Action::sell || signal.action == Action::short_;
  if (!entry || signal.target_position || signal.qty) return false;
  if (config.sizing.kind == Kind::percent_of_equity) return true;  // equity, always
  return config.sizing.kind == Kind::quote_amount && !signal.price;
}

// A stream command (pause, resume, manual close) waiting behind the alerts before it: an
// operator's close must not overtake an entry that is only waiting for its price.
struct QueuedCommand {
  Command command;
  std::shared_ptr<ReplyOnce<Status>> done;  // may be null
};
using Queued = std::variant<SignalCommand, QueuedCommand>;

struct PositionActorState {
  StreamSettings settings;
  storage::EventStore* store = nullptr;
  caf::actor gateway;
  StreamState stream;
  std::uint64_t last_snapshot = 0;
  AlertMemory alerts{0};
  // Signals recorded but not yet decided, and stream commands, in arrival order. The head
  // may wait for market info or for an append retry; everything behind it waits too.
  std::deque<Queued> undecided;
  bool head_informed = false;  // the head has its market info (or the broker's failure)
  bool awaiting_market_info = false;
  std::uint32_t head_attempts = 0;  // failed appends of the head's decision
  bool head_retry_due = false;
  std::vector<caf::typed_response_promise<bool>> drains;
  caf::actor monitor;     // may be invalid: no protection monitoring
  bool watching = false;  // registered with the monitor for ticks
  static inline const char* name = "position";
};

using Self = caf::stateful_actor<PositionActorState>;

// The log is the truth: after a version conflict (a second writer, which is a bug
// elsewhere), continue from what it holds instead of failing every append from now on.
void reload(Self* self) {
  auto& st = self->state;
  auto loaded = st.store->load_state(st.stream.stream);
  if (!loaded.ok()) {
    spdlog::error("stream {}: reload failed: {}", st.stream.stream, loaded.error().message);
    return;
  }
  st.stream = std::move(loaded->state);
  st.last_snapshot = loaded->snapshot_version;
}

// Registers with the monitor while an open position has protection, and only then.
void update_watch(Self* self) {
  auto& st = self->state;
  const bool wanted = st.monitor && needs_price_ticks(st.stream);
  if (wanted == st.watching) return;
  st.watching = wanted;
  self->send(st.monitor, WatchPricesMsg{st.settings.symbol, caf::actor_cast<caf::actor>(self),
                                        wanted});
}

Result<std::vector<Event>> append(Self* self, const std::vector<EventPayload>& payloads,
                                  Timestamp now) {
  auto& st = self->state;
  auto appended = st.store->append(st.stream.stream, st.stream.version, payloads, now);
  if (!appended.ok()) {
    spdlog::error("stream {}: append failed: {} ({})", st.stream.stream,
                  appended.error().message, appended.error().code);
    if (appended.error().code == "version_conflict") {
      reload(self);
      update_watch(self);
    }
    return appended;
  }
  for (const auto& event : *appended) evolve_in_place(st.stream, event);
  update_watch(self);
  auto snapshot =
      st.store->snapshot_if_due(st.stream, st.last_snapshot, st.settings.snapshot_every);
  if (!snapshot.ok()) {
    // A snapshot only saves replay time; the events are already durable.
    spdlog::warn("stream {}: snapshot not saved: {}", st.stream.stream, snapshot.error().message);
  } else if (st.stream.version >= st.last_snapshot + st.settings.snapshot_every) {
    st.last_snapshot = st.stream.version;
  }
  return appended;
}

void send_orders(Self* self, const std::vector<Event>& events) {
  for (const auto& event : events) {
    if (const auto* requested = std::get_if<OrderRequested>(&event.payload)) {
      self->send(self->state.gateway,
                 PlaceOrderMsg{to_order_request(*requested, self->state.settings.symbol),
                               caf::actor_cast<caf::actor>(self), event.time, false});
    }
  }
}

constexpr std::string_view kNotDurable = "not_durable";

// decide, append, evolve, act. An Error "not_durable" when the events could not be
// appended (worth retrying); decide's own Error when a non-signal command was refused.
Status record(Self* self, const Command& command) {
  auto& st = self->state;
  auto decided = decide(st.stream, command, st.settings.position);
  if (!decided.ok()) {
    spdlog::error("stream {}: command refused: {} ({})", st.stream.stream,
                  decided.error().message, decided.error().code);
    const auto* signal = std::get_if<SignalCommand>(&command);
    if (signal == nullptr) return decided.error();
    // Never drop an alert silently: record why it could not be acted on.
    decided = std::vector<EventPayload>{
        AlertRejected{signal->alert_seq, decided.error().code, decided.error().message}};
  }
  if (decided->empty()) return {};
  auto appended = append(self, *decided, wall_clock_now());
  if (!appended.ok()) return make_error(std::string(kNotDurable), appended.error().message);
  send_orders(self, *appended);
  return {};
}

bool not_durable(const Status& status) {
  return !status.ok() && status.error().code == kNotDurable;
}

void answer_drains_if_idle(Self* self) {
  auto& st = self->state;
  if (!st.undecided.empty()) return;
  for (auto& drain : st.drains) drain.deliver(true);
  st.drains.clear();
}

void decide_queued(Self* self) {
  auto& st = self->state;
  while (!st.undecided.empty() && !st.awaiting_market_info && !st.head_retry_due) {
    if (auto* queued = std::get_if<QueuedCommand>(&st.undecided.front())) {
      // Not retried: the caller hears that it failed and decides.
      auto recorded = record(self, queued->command);
      if (queued->done) (*queued->done)(std::move(recorded));
      st.undecided.pop_front();
      continue;
    }
    SignalCommand& head = std::get<SignalCommand>(st.undecided.front());
    if (!st.head_informed && needs_market_info(head.signal, st.settings.position)) {
      st.awaiting_market_info = true;
      bool need_equity = st.settings.position.sizing.kind == SizingRule::Kind::percent_of_equity;
      self->send(st.gateway, MarketQueryMsg{st.settings.symbol, st.settings.quote_asset,
                                            need_equity, caf::actor_cast<caf::actor>(self)});
      return;
    }
    if (not_durable(record(self, head))) {
      if (++st.head_attempts < kMaxAppendAttempts) {
        st.head_retry_due = true;
        self->delayed_send(self, retry_delay(st.head_attempts), RetryHeadMsg{});
        return;
      }
      spdlog::error("stream {}: alert #{} left undecided: its decision could not be recorded",
                    st.stream.stream, head.alert_seq);
    }
    st.undecided.pop_front();
    st.head_informed = false;
    st.head_attempts = 0;
  }
  answer_drains_if_idle(self);
}

void handle_alert(Self* self, AlertMsg& msg) {
  auto& st = self->state;
  auto& reply = *msg.reply;
  const auto now = wall_clock_now();
  if (auto earlier = st.alerts.find(msg.intake.dedupe_key, now)) {
    reply(AlertOutcome{200, accepted_body(st.stream.stream, earlier->global_seq,
                                         earlier->stream_seq, true)});
    return;
  }
  AlertReceived received{msg.intake.raw_body, msg.intake.source_ip, msg.intake.dedupe_key,
                         msg.intake.request_id, msg.intake.signal};
  auto appended = append(self, {received}, now);
  if (!appended.ok()) {
    // The one deliberate 5xx: the alert is not durable, so TradingView should send it again.
    reply(AlertOutcome{503, error_body("not_durable", "the alert could not be recorded; retry")});
    return;
  }
  const Event& event = appended->front();
  st.alerts.remember(msg.intake.dedupe_key, now, {event.global_seq, event.stream_seq});
  reply(AlertOutcome{202, accepted_body(st.stream.stream, event.global_seq, event.stream_seq,
                                        false)});
  st.undecided.push_back(SignalCommand{msg.intake.signal, event.stream_seq, now, {}, {}});
  decide_queued(self);
}

void handle_market_info(Self* self, const MarketInfoMsg& info) {
  auto& st = self->state;
  st.awaiting_market_info = false;
  auto* head_signal =
      st.undecided.empty() ? nullptr : std::get_if<SignalCommand>(&st.undecided.front());
  if (head_signal == nullptr) return;  // only a signal at the head asks for market info
  auto& head = *head_signal;
  head.mark_price = info.price;
  head.equity = info.equity;
  st.head_informed = true;
  if (!info.error.empty()) {
    // decide() then rejects with missing_price / missing_equity; the broker's reason is here.
    spdlog::warn("stream {}: no market info for sizing: {}", st.stream.stream, info.error);
  }
  decide_queued(self);
}

void handle_report(Self* self, const OrderReport& report, std::uint32_t attempt) {
  auto& st = self->state;
  for (const auto& command : commands_from_report(st.stream, report, wall_clock_now())) {
    // A refused report command (the log says why) is skipped; the rest still apply.
    if (!not_durable(record(self, command))) continue;
    if (attempt + 1 < kMaxAppendAttempts) {
      self->delayed_send(self, retry_delay(attempt + 1), RetryReportMsg{report, attempt + 1});
    } else {
      spdlog::error("stream {}: report of order {} not recorded; the next start reconciles it",
                    st.stream.stream, report.client_order_id);
    }
    return;
  }
}

// Orders requested before a restart and not known to have ended: the gateway looks for
// them by client id first and places one only if the venue never saw it.
void resume_pending_orders(Self* self) {
  auto& st = self->state;
  auto resumable = orders_to_resume(*st.store, st.stream, st.settings.symbol);
  for (auto& order : resumable.orders) {
    self->send(st.gateway, PlaceOrderMsg{std::move(order.request),
                                         caf::actor_cast<caf::actor>(self), order.requested_at,
                                         true});
  }
  for (const auto& id : resumable.unreadable) {
    spdlog::error("stream {}: order {} in flight but its request is not readable; not resumed",
                  st.stream.stream, id);
  }
}

// Alerts acknowledged before a crash but never decided are decided now, in their order;
// one that has waited longer than a signal stays meaningful is recorded as rejected
// instead, so it is visible in the log and never silently dropped.
void decide_alerts_left_undecided(Self* self) {
  auto& st = self->state;
  auto undecided = undecided_alerts(*st.store, st.stream, kDedupeLookback);
  if (!undecided.ok()) {
    spdlog::error("stream {}: undecided alerts not read: {}", st.stream.stream,
                  undecided.error().message);
    return;
  }
  auto now = wall_clock_now();
  for (auto& alert : *undecided) {
    if (now - alert.recorded_at > kMaxLateDecision) {
      auto rejected = append(self, {AlertRejected{alert.alert_seq, "stale_after_restart",
                                                  "recorded before a restart and not decided "
                                                  "in time; not traded"}},
                             now);
      if (!rejected.ok()) return;  // the next load finds it again
      continue;
    }
    spdlog::info("stream {}: deciding alert #{} left undecided by a restart", st.stream.stream,
                 alert.alert_seq);
    st.undecided.push_back(SignalCommand{std::move(alert.signal), alert.alert_seq, now, {}, {}});
  }
  decide_queued(self);
}

caf::behavior position_actor(Self* self, StreamSettings settings, storage::EventStore* store,
                             caf::actor gateway, storage::LoadedState loaded, caf::actor monitor) {
  auto& st = self->state;
  st.monitor = std::move(monitor);
  st.settings = std::move(settings);
  st.store = store;
  st.gateway = std::move(gateway);
  st.stream = std::move(loaded.state);
  st.last_snapshot = loaded.snapshot_version;
  st.alerts = AlertMemory(
      std::chrono::duration_cast<std::chrono::nanoseconds>(st.settings.dedupe_window).count());
  if (auto remembered = remember_recent_alerts(*st.store, st.stream, kDedupeLookback, st.alerts);
      !remembered.ok()) {
    // Deliberately tolerated: an empty memory only risks a re-sent alert being recorded
    // (and traded) again, and refusing to load the stream would stop all its trading.
    spdlog::warn("stream {}: dedupe window not restored: {}", st.stream.stream,
                 remembered.error().message);
  }
  resume_pending_orders(self);
  update_watch(self);  // protection survives a restart: the first tick checks it
  decide_alerts_left_undecided(self);
  return {
      [=](AlertMsg& msg) { handle_alert(self, msg); },
      [=](const MarketInfoMsg& info) { handle_market_info(self, info); },
      [=](const OrderUpdateMsg& update) { handle_report(self, update.report, 0); },
      [=](const RetryReportMsg& retry) { handle_report(self, retry.report, retry.attempt); },
      [=](RetryHeadMsg) {
        self->state.head_retry_due = false;
        decide_queued(self);
      },
      [=](const StreamCommandMsg& msg) {
        self->state.undecided.push_back(QueuedCommand{msg.command, msg.done});
        decide_queued(self);
      },
      [=](const PriceTickMsg& tick) {
        // Not retried when refused or not durable: the next tick decides again.
        auto recorded = record(self, PriceTickCommand{tick.price, tick.observed_at});
        if (!recorded.ok()) {
          spdlog::warn("stream {}: price tick not decided: {}", self->state.stream.stream,
                       recorded.error().message);
        }
      },
      [=](drain_atom) -> caf::result<bool> {
        if (self->state.undecided.empty()) return true;
        auto promise = self->make_response_promise<bool>();
        self->state.drains.push_back(promise);
        return promise;
      },
  };
}

}  // namespace

caf::actor spawn_position_actor(caf::actor_system& system, StreamSettings settings,
                                storage::EventStore& store, caf::actor gateway,
                                storage::LoadedState loaded, caf::actor monitor) {
  return system.spawn(position_actor, std::move(settings), &store, std::move(gateway),
                      std::move(loaded), std::move(monitor));
}

}  // namespace tvbot::actors
