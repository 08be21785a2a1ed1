#include "brokers/paper/paper_positions.hpp"

#include <algorithm>

namespace tvbot {

PaperPosition PaperPositions::get(const std::string& symbol, PositionSide side) const {
  const auto found = positions_.find({symbol, side});
  return found == positions_.end() ? PaperPosition{} : found->second;
}

PositionSplit PaperPositions::split(const std::string& symbol, PositionSide side,
                                    Quantity signed_qty) const {
  const auto held = get(symbol, side).qty;
  const bool closes = held.signum() * signed_qty.signum() < 0;
  if (!closes) return PositionSplit{Quantity{}, signed_qty.abs()};
  const auto closing = std::min(held.abs(), signed_qty.abs());
  return PositionSplit{closing, signed_qty.abs() - closing};
}

PositionChange PaperPositions::apply(const std::string& symbol, PositionSide side,
                                     Quantity signed_qty, Price price, Money opening_margin) {
  auto& position = positions_[{symbol, side}];
  const auto [closing, opening] = split(symbol, side, signed_qty);
  PositionChange change;
  if (closing.is_positive()) {
    const auto held = position.qty.abs();
    const auto per_unit =
        position.qty.is_positive() ? price - position.entry_price : position.entry_price - price;
    change.realized_pnl = mul<Money>(per_unit, closing);
    change.released_margin =
        closing == held ? position.margin : mul_div<Money>(position.margin, closing, held);
    position.margin -= change.released_margin;
    position.qty = position.qty.is_positive() ? position.qty - closing : position.qty + closing;
    if (position.qty.is_zero()) position.entry_price = Price{};
  }
  if (opening.is_positive()) {
    const auto held = position.qty.abs();
    const auto cost = mul<Notional>(position.entry_price, held) + mul<Notional>(price, opening);
    position.entry_price = div<Price>(cost, held + opening);
    position.qty = signed_qty.is_positive() ? position.qty + opening : position.qty - opening;
    position.margin += opening_margin;
  }
  if (position.qty.is_zero()) positions_.erase({symbol, side});
  return change;
}

std::vector<BrokerPosition> PaperPositions::non_flat() const {
  std::vector<BrokerPosition> result;
  for (const auto& [key, position] : positions_) {
    result.push_back(BrokerPosition{key.first, key.second, position.qty, position.entry_price});
  }
  return result;
}

}  // namespace tvbot
