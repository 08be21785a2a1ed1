#include "reconcile/compare.hpp"

#include <map>

namespace tvbot::reconcile {
namespace {

std::string symbol_of_stream(const std::string& stream) {
  const auto slash = stream.find('/');
  return slash == std::string::npos ? stream : stream.substr(slash + 1);
}

std::string describe_position(const Quantity& expected, const Quantity& actual) {
  return "the log holds " + expected.to_string() + ", the venue " + actual.to_string() +
         " (difference " + (actual - expected).to_string() + ")";
}

}  // namespace

std::set<std::string> changed_symbols(const LogAccountView& before, const LogAccountView& after) {
  std::set<std::string> changed;
  for (const auto& [stream, version] : after.versions) {
    const auto it = before.versions.find(stream);
    if (it == before.versions.end() || it->second != version) changed.insert(symbol_of_stream(stream));
  }
  return changed;
}

Findings compare(const std::string& broker, const LogAccountView& before,
                 const LogAccountView& after, const VenueAccount& venue) {
  Findings findings;
  const auto changed = changed_symbols(before, after);
  std::set<std::string> symbols = before.symbols;
  symbols.insert(after.symbols.begin(), after.symbols.end());
  for (const auto& symbol : symbols) {
    const bool unstable = changed.contains(symbol);
    const bool busy = before.busy_symbols.contains(symbol) || after.busy_symbols.contains(symbol);
    if (unstable || busy) findings.skipped_symbols.insert(symbol);
    if (!unstable && !busy) findings.checked.emplace(drift_kind::position, symbol);
    if (!unstable) {
      findings.checked.emplace(drift_kind::unknown_open_order, symbol);
      findings.checked.emplace(drift_kind::missing_order, symbol);
    }
  }

  // Positions: every (symbol, side) either side holds, compared exactly.
  std::map<PositionKey, std::pair<Quantity, Quantity>> sides;  // -> (expected, actual)
  for (const auto& [key, qty] : after.positions) sides[key].first = qty;
  for (const auto& position : venue.positions) {
    // Symbols no configured bot trades and the log does not hold are the account's own
    // business (a shared account), not tvbot's.
    if (!symbols.contains(position.symbol)) continue;
    auto& entry = sides[PositionKey{position.symbol, position.position_side}];
    entry.second = entry.second + position.qty;
  }
  for (const auto& [key, quantities] : sides) {
    const auto& [expected, actual] = quantities;
    if (expected == actual) continue;
    if (!findings.checked.contains(CheckKey{drift_kind::position, key.first})) continue;
    findings.drifts.push_back(ReconciliationDrift{broker, drift_kind::position, key.first,
                                                  key.second, "", expected, actual,
                                                  describe_position(expected, actual)});
  }

  // Open orders at the venue that tvbot does not hold in flight.
  for (const auto& order : venue.open_orders) {
    if (!symbols.contains(order.symbol)) continue;
    if (!findings.checked.contains(CheckKey{drift_kind::unknown_open_order, order.symbol})) continue;
    if (before.in_flight.contains(order.client_order_id) ||
        after.in_flight.contains(order.client_order_id)) {
      continue;
    }
    const std::string detail =
        requested_by_log(after, order.client_order_id)
            ? "tvbot requested this order and recorded it as ended; the venue still works it"
            : "tvbot never requested this order";
    findings.drifts.push_back(ReconciliationDrift{
        broker, drift_kind::unknown_open_order, order.symbol, order.position_side,
        order.client_order_id, Quantity{}, order.qty - order.filled_qty,
        detail + " (" + std::string(to_string(order.side)) + " " + order.qty.to_string() +
            ", filled " + order.filled_qty.to_string() + ")"});
  }
  return findings;
}

std::vector<std::pair<std::string, std::string>> missing_order_candidates(
    const LogAccountView& before, const LogAccountView& after, const VenueAccount& venue) {
  const auto changed = changed_symbols(before, after);
  std::set<std::string> open_ids;
  for (const auto& order : venue.open_orders) open_ids.insert(order.client_order_id);
  std::vector<std::pair<std::string, std::string>> candidates;  // (client order id, symbol)
  for (const auto& [id, symbol] : after.in_flight) {
    if (!before.in_flight.contains(id) || changed.contains(symbol) || open_ids.contains(id)) continue;
    candidates.emplace_back(id, symbol);
  }
  return candidates;
}

}  // namespace tvbot::reconcile
