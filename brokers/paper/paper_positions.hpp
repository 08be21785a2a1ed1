#pragma once
// The paper account's positions, per symbol and position side. A position changes only by
// a fill: the fill first closes against the position, then opens with what is left.
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "brokers/broker.hpp"
#include "events/decimal.hpp"

namespace tvbot {

struct PaperPosition {
  Quantity qty;       // signed: long > 0, short < 0
  Price entry_price;  // average of the open entries, half-to-even; zero when flat
  Money margin;       // futures: held for it; zero in spot mode
};

// How one fill splits between closing the position and opening (or adding to) it.
struct PositionSplit {
  Quantity closing;
  Quantity opening;
};

struct PositionChange {
  Money realized_pnl;     // (exit - entry) * closed qty * direction, half-to-even
  Money released_margin;  // the closed share of the position's margin
};

class PaperPositions {
 public:
  [[nodiscard]] PaperPosition get(const std::string& symbol, PositionSide side) const;

  // signed_qty > 0 buys, < 0 sells.
  [[nodiscard]] PositionSplit split(const std::string& symbol, PositionSide side,
                                    Quantity signed_qty) const;

  // Books a fill. opening_margin is what the opened part holds (zero in spot mode).
  PositionChange apply(const std::string& symbol, PositionSide side, Quantity signed_qty,
                       Price price, Money opening_margin);

  [[nodiscard]] std::vector<BrokerPosition> non_flat() const;

 private:
  std::map<std::pair<std::string, PositionSide>, PaperPosition> positions_;
};

}  // namespace tvbot
