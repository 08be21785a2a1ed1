#pragma once
// What reconciliation finds when it compares a venue's account with the event log. Kept in
// a stream of its own per broker, "reconciliation/<broker>", written by the reconciler only.
// These events report; they never change a position: the log is not made to agree with the
// venue, a person decides what the difference means.
#include <cstdint>
#include <string>

#include "events/decimal.hpp"

namespace tvbot {

// Declared (and defined) in event_types.hpp, which includes this header before it does.
enum class PositionSide : std::uint8_t;

// Machine codes for ReconciliationDrift::kind.
namespace drift_kind {
// The venue's position differs from the sum of the log's open positions.
inline constexpr const char* position = "position";
// An order works at the venue that tvbot did not request, or recorded as ended.
inline constexpr const char* unknown_open_order = "unknown_open_order";
// An order the log holds in flight that the venue says it never saw, twice in a row.
inline constexpr const char* missing_order = "missing_order";
}  // namespace drift_kind

// A difference, recorded when first found and again only when its quantities change.
// Identity: (broker, kind, symbol, position_side, client_order_id).
struct ReconciliationDrift {
  std::string broker;
  std::string kind;  // a drift_kind
  std::string symbol;
  PositionSide position_side{};  // value-initialized: PositionSide::both
  std::string client_order_id;  // order kinds only
  Quantity expected_qty;        // what the log says (signed for positions: short < 0)
  Quantity actual_qty;          // what the venue says
  std::string detail;           // for people
  bool operator==(const ReconciliationDrift&) const = default;
};

// A drift recorded earlier is no longer seen: venue and log agree again.
struct ReconciliationResolved {
  std::string broker;
  std::string kind;
  std::string symbol;
  PositionSide position_side{};  // value-initialized: PositionSide::both
  std::string client_order_id;
  std::string detail;
  bool operator==(const ReconciliationResolved&) const = default;
};

}  // namespace tvbot
