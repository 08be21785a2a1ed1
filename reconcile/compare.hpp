#pragma once
// The comparison itself, a pure function of two reads of the log and one of the venue, so
// every rule is tested without a venue or a clock.
//
// The race rule. A tvbot order changes the venue's position before the log records its fill,
// so for a moment the two legitimately differ. An order is in the log (OrderRequested) before
// it is placed and stays in flight there until its last fill, rejection or cancellation is
// recorded. The log is read once before and once after the venue, so a symbol is compared
// only when, in both reads, none of its streams had an order in flight and none changed in
// between: then no tvbot order could have moved the venue while it was being read. Such a
// symbol is skipped and counted, never reported; the next pass looks again.
// Example: a buy of 0.5 is requested at t0, filled at the venue at t1, its fill recorded at
// t2. A pass reading the log before t0 and the venue after t1 would see +0.5 "behind tvbot's
// back"; but the second log read (after t1) holds the order in flight, or (after t2) a
// changed stream version, so BTCUSDT is skipped.
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "brokers/broker.hpp"
#include "reconcile/log_view.hpp"

namespace tvbot::reconcile {

struct VenueAccount {
  std::vector<BrokerPosition> positions;
  std::vector<OrderReport> open_orders;
};

using CheckKey = std::pair<std::string, std::string>;  // (drift kind, symbol)

struct Findings {
  std::vector<ReconciliationDrift> drifts;
  // What this pass compared: an open drift of a checked (kind, symbol) that is not found
  // again is resolved; one of an unchecked pair stays open, unjudged.
  std::set<CheckKey> checked;
  std::set<std::string> skipped_symbols;  // in flight or changed during the pass
};

// Positions and unknown open orders. Missing orders need a query per order and are found
// by the reconciler (missing_order_candidates below says which to ask about).
[[nodiscard]] Findings compare(const std::string& broker, const LogAccountView& before,
                               const LogAccountView& after, const VenueAccount& venue);

// Orders in flight in both log reads whose symbol is stable and that the venue does not
// list as open: only a query can tell whether the venue knows them (they may have ended).
[[nodiscard]] std::vector<std::pair<std::string, std::string>> missing_order_candidates(
    const LogAccountView& before, const LogAccountView& after, const VenueAccount& venue);

// A symbol whose streams changed between the two reads (a stream added counts).
[[nodiscard]] std::set<std::string> changed_symbols(const LogAccountView& before,
                                                    const LogAccountView& after);

}  // namespace tvbot::reconcile
