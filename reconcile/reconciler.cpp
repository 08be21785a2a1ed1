#include "reconcile/reconciler.hpp"

#include <chrono>

#include <spdlog/spdlog.h>

namespace tvbot::reconcile {
namespace {

Timestamp now() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

std::string side_suffix(PositionSide side) {
  return side == PositionSide::both ? "" : " (" + std::string(to_string(side)) + ")";
}

void warn(const ReconciliationDrift& drift) {
  spdlog::warn("reconciliation: {} drift on broker {} {}{}{}: {}", drift.kind, drift.broker,
               drift.symbol, side_suffix(drift.position_side),
               drift.client_order_id.empty() ? "" : " order " + drift.client_order_id,
               drift.detail);
}

}  // namespace

std::string reconciliation_stream(std::string_view broker) {
  return "reconciliation/" + std::string(broker);
}

Reconciler::Reconciler(ReconcilerSettings settings, storage::EventStore& store,
                       std::shared_ptr<Broker> broker, PauseBot pause)
    : settings_(std::move(settings)),
      store_(store),
      broker_(std::move(broker)),
      pause_(std::move(pause)) {}

Result<std::unique_ptr<Reconciler>> Reconciler::create(ReconcilerSettings settings,
                                                       storage::EventStore& store,
                                                       std::shared_ptr<Broker> broker,
                                                       PauseBot pause) {
  if (!broker) return make_error("invalid_argument", "reconciler without a broker");
  if (settings.on_drift == DriftReaction::pause && !pause) {
    return make_error("invalid_argument", "on_drift = pause needs a way to pause bots");
  }
  std::unique_ptr<Reconciler> reconciler(
      new Reconciler(std::move(settings), store, std::move(broker), std::move(pause)));
  if (Status loaded = reconciler->load_book(); !loaded) return loaded.error();
  return reconciler;
}

Status Reconciler::load_book() {
  auto events = store_.read_stream(reconciliation_stream(broker_name()));
  if (!events.ok()) return events.error();
  for (const auto& event : *events) {
    book_.apply(event.payload);
    stream_version_ = event.stream_seq;
  }
  return {};
}

Result<PassReport> Reconciler::run_once() {
  std::lock_guard lock(mutex_);
  // Log, venue, log again: see compare.hpp for why the venue is read between two log reads.
  auto before = read_log_view(store_, settings_.scope);
  if (!before.ok()) return before.error();
  VenueAccount venue;
  if (settings_.compare_positions) {
    auto positions = broker_->positions();
    if (!positions.ok()) return positions.error();
    venue.positions = std::move(positions).value();
  }
  auto orders = broker_->open_orders(std::nullopt);
  if (!orders.ok()) return orders.error();
  venue.open_orders = std::move(orders).value();
  auto balances = broker_->balances();
  if (!balances.ok()) return balances.error();
  auto after = read_log_view(store_, settings_.scope);
  if (!after.ok()) return after.error();

  if (!settings_.compare_positions) {
    // Nothing to compare them with: neither side's positions are judged.
    before->positions.clear();
    after->positions.clear();
  }
  Findings findings = compare(broker_name(), *before, *after, venue);
  if (!settings_.compare_positions) {
    std::erase_if(findings.checked, [](const CheckKey& key) { return key.first == drift_kind::position; });
  }
  auto missing = missing_orders(*before, *after, venue);
  if (!missing.ok()) return missing.error();
  findings.drifts.insert(findings.drifts.end(), missing->begin(), missing->end());

  const auto changes = book_.changes(findings.drifts, findings.checked);
  if (Status recorded = record(changes); !recorded) return recorded.error();

  PassReport report;
  for (const auto& change : changes) {
    if (std::holds_alternative<ReconciliationDrift>(change)) ++report.drifts_recorded;
    if (std::holds_alternative<ReconciliationResolved>(change)) ++report.resolved_recorded;
  }
  report.bots_paused = react(changes);
  report.open_drifts = book_.open().size();
  report.symbols_skipped = findings.skipped_symbols.size();
  for (const auto& [kind, symbol] : findings.checked) {
    if (kind == drift_kind::position) ++report.symbols_checked;
  }
  report.balances = std::move(balances).value();
  return report;
}

Result<std::vector<ReconciliationDrift>> Reconciler::missing_orders(const LogAccountView& before,
                                                                    const LogAccountView& after,
                                                                    const VenueAccount& venue) {
  std::vector<ReconciliationDrift> drifts;
  std::set<std::string> unknown_now;
  for (const auto& [id, symbol] : missing_order_candidates(before, after, venue)) {
    auto found = broker_->query_order(symbol, id);
    if (!found.ok()) return found.error();
    if (found->has_value()) continue;  // the venue knows it (it ended): the gateway settles it
    unknown_now.insert(id);
    const DriftKey key{drift_kind::missing_order, symbol, PositionSide::both, id};
    if (!unknown_last_pass_.contains(id) && !book_.is_open(key)) continue;
    // The quantity asked for comes from the log; the venue has none of it.
    Quantity requested;
    if (auto stream_end = id.rfind(':'); stream_end != std::string::npos) {
      auto state = store_.load_state(id.substr(0, stream_end));
      if (!state.ok()) return state.error();
      if (const auto* pending = find_pending(state->state, id)) requested = pending->remaining();
    }
    drifts.push_back(ReconciliationDrift{
        broker_name(), drift_kind::missing_order, symbol, PositionSide::both, id, requested,
        Quantity{}, "the log holds this order in flight; the venue says it never saw it"});
  }
  unknown_last_pass_ = std::move(unknown_now);
  return drifts;
}

Status Reconciler::record(const std::vector<EventPayload>& changes) {
  if (changes.empty()) return {};
  const auto stream = reconciliation_stream(broker_name());
  auto appended = store_.append(stream, stream_version_, changes, now());
  if (!appended.ok()) {
    // Single writer per stream: a conflict means another writer exists. Re-reading the
    // stream keeps this reconciler from recording what that writer already did.
    book_ = DriftBook{};
    stream_version_ = 0;
    if (Status reloaded = load_book(); !reloaded) {
      spdlog::error("reconciliation: {} not re-read: {}", stream, reloaded.error().message);
    }
    return appended.error();
  }
  for (const auto& event : *appended) {
    book_.apply(event.payload);
    stream_version_ = event.stream_seq;
  }
  return {};
}

std::size_t Reconciler::react(const std::vector<EventPayload>& changes) {
  std::size_t paused = 0;
  for (const auto& change : changes) {
    if (const auto* resolved = std::get_if<ReconciliationResolved>(&change)) {
      spdlog::info("reconciliation: {} drift on broker {} {}{} resolved", resolved->kind,
                   resolved->broker, resolved->symbol, side_suffix(resolved->position_side));
      continue;
    }
    const auto& drift = std::get<ReconciliationDrift>(change);
    warn(drift);
    if (settings_.on_drift != DriftReaction::pause) continue;
    // Not resumed automatically when the drift resolves: a person decides what it meant.
    for (const auto& [bot, symbols] : settings_.scope.bots) {
      if (!symbols.contains(drift.symbol)) continue;
      pause_(bot, drift.symbol, "reconciliation: " + drift.kind + " drift on " + drift.broker);
      ++paused;
    }
  }
  return paused;
}

}  // namespace tvbot::reconcile
