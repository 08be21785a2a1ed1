#pragma once
// Reconciliation of one broker account against the event log (issue 7): the venue's
// positions and open orders against what the log holds; its balances reported. A
// difference becomes a ReconciliationDrift event in "reconciliation/<broker>" (the
// notifier's source), a warning in the process log and, with DriftReaction::pause, a
// PauseCommand for every bot that trades the symbol there. The log is never changed to
// match the venue.
//
// run_once() makes blocking broker calls: call it from a thread of its own (ReconcileLoop),
// never from CAF's scheduler. Broker calls are bounded by the adapter's own network
// timeouts (Broker's contract); a pass waits for them. Calls are serialized: a pass that
// runs while another does waits for it.
#include <cstddef>
#include <functional>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "brokers/broker.hpp"
#include "reconcile/drift_book.hpp"
#include "reconcile/log_view.hpp"
#include "storage/event_store.hpp"

namespace tvbot::reconcile {

enum class DriftReaction : std::uint8_t {
  report,  // record the drift and warn; trading goes on
  pause,   // also pause every bot trading the symbol on this broker (closing stays allowed)
};

// Asks the engine to pause one bot's stream; called for each newly recorded drift.
using PauseBot = std::function<void(const std::string& bot, const std::string& symbol,
                                    const std::string& reason)>;

struct ReconcilerSettings {
  BrokerScope scope;
  DriftReaction on_drift = DriftReaction::report;
  // False for spot venues: they hold balances, not positions (Broker::positions() is empty),
  // and the base asset's balance also holds coins tvbot never bought, so no position is
  // compared there; open orders still are.
  bool compare_positions = true;
};

struct PassReport {
  std::size_t drifts_recorded = 0;    // ReconciliationDrift events appended by this pass
  std::size_t resolved_recorded = 0;  // ReconciliationResolved events appended
  std::size_t open_drifts = 0;        // after the pass
  std::size_t symbols_checked = 0;    // positions compared
  std::size_t symbols_skipped = 0;    // an order in flight or the log moved (the race rule)
  std::size_t bots_paused = 0;        // pause commands sent
  std::vector<Balance> balances;      // as the venue reports them
};

// "reconciliation/<broker>".
[[nodiscard]] std::string reconciliation_stream(std::string_view broker);

class Reconciler {
 public:
  // Folds the broker's reconciliation stream, so drifts found before a restart are not
  // recorded again. `pause` may be empty when on_drift is report.
  [[nodiscard]] static Result<std::unique_ptr<Reconciler>> create(ReconcilerSettings settings,
                                                                  storage::EventStore& store,
                                                                  std::shared_ptr<Broker> broker,
                                                                  PauseBot pause);

  // One comparison. An Error when the log or the venue could not be read (nothing is
  // recorded then: an unreadable venue is not a drift) or the append failed.
  [[nodiscard]] Result<PassReport> run_once();

  [[nodiscard]] const std::string& broker_name() const { return settings_.scope.broker; }

 private:
  Reconciler(ReconcilerSettings settings, storage::EventStore& store,
             std::shared_ptr<Broker> broker, PauseBot pause);

  [[nodiscard]] Status load_book();
  [[nodiscard]] Result<std::vector<ReconciliationDrift>> missing_orders(
      const LogAccountView& before, const LogAccountView& after, const VenueAccount& venue);
  [[nodiscard]] Status record(const std::vector<EventPayload>& changes);
  std::size_t react(const std::vector<EventPayload>& changes);

  ReconcilerSettings settings_;
  storage::EventStore& store_;
  std::shared_ptr<Broker> broker_;
  PauseBot pause_;
  std::mutex mutex_;  // one pass at a time
  DriftBook book_;
  std::uint64_t stream_version_ = 0;
  // Orders the previous pass found in flight in the log and unknown to the venue: a
  // missing_order is reported only when seen in two passes in a row, because between its
  // OrderRequested and its placement an order is legitimately unknown to the venue.
  std::set<std::string> unknown_last_pass_;
};

}  // namespace tvbot::reconcile
