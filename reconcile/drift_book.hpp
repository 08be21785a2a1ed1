#pragma once
// The drifts currently open for one broker, folded from its reconciliation stream, and the
// rule for what a pass appends: a drift once when found, again only when its quantities
// change, and a ReconciliationResolved when a compared (kind, symbol) no longer shows it.
// Folding the stream at start makes the rule hold across restarts too.
#include <map>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include "events/event_types.hpp"
#include "reconcile/compare.hpp"

namespace tvbot::reconcile {

// (kind, symbol, position side, client order id): what makes two drifts the same one.
using DriftKey = std::tuple<std::string, std::string, PositionSide, std::string>;

[[nodiscard]] DriftKey key_of(const ReconciliationDrift& drift);

class DriftBook {
 public:
  // Folds one event of the reconciliation stream; other payloads are ignored.
  void apply(const EventPayload& payload);

  // The events a pass appends, in a stable order (resolutions first, then drifts by key).
  // Apply them (once appended) to keep the book current.
  [[nodiscard]] std::vector<EventPayload> changes(const std::vector<ReconciliationDrift>& found,
                                                  const std::set<CheckKey>& checked) const;

  [[nodiscard]] const std::map<DriftKey, ReconciliationDrift>& open() const { return open_; }
  [[nodiscard]] bool is_open(const DriftKey& key) const { return open_.contains(key); }

 private:
  std::map<DriftKey, ReconciliationDrift> open_;
};

}  // namespace tvbot::reconcile
