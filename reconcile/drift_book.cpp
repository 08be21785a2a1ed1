#include "reconcile/drift_book.hpp"

#include <variant>

namespace tvbot::reconcile {

DriftKey key_of(const ReconciliationDrift& drift) {
  return DriftKey{drift.kind, drift.symbol, drift.position_side, drift.client_order_id};
}

void DriftBook::apply(const EventPayload& payload) {
  if (const auto* drift = std::get_if<ReconciliationDrift>(&payload)) {
    open_.insert_or_assign(key_of(*drift), *drift);
  } else if (const auto* resolved = std::get_if<ReconciliationResolved>(&payload)) {
    open_.erase(DriftKey{resolved->kind, resolved->symbol, resolved->position_side,
                         resolved->client_order_id});
  }
}

std::vector<EventPayload> DriftBook::changes(const std::vector<ReconciliationDrift>& found,
                                             const std::set<CheckKey>& checked) const {
  std::map<DriftKey, const ReconciliationDrift*> now;
  for (const auto& drift : found) now.emplace(key_of(drift), &drift);
  std::vector<EventPayload> out;
  for (const auto& [key, drift] : open_) {
    if (now.contains(key) || !checked.contains(CheckKey{drift.kind, drift.symbol})) continue;
    out.emplace_back(ReconciliationResolved{drift.broker, drift.kind, drift.symbol,
                                            drift.position_side, drift.client_order_id,
                                            "no longer seen: venue and log agree"});
  }
  for (const auto& [key, drift] : now) {
    const auto it = open_.find(key);
    // The detail is prose; only the quantities decide whether a drift changed.
    if (it != open_.end() && it->second.expected_qty == drift->expected_qty &&
        it->second.actual_qty == drift->actual_qty) {
      continue;
    }
    out.emplace_back(*drift);
  }
  return out;
}

}  // namespace tvbot::reconcile
