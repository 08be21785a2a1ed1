#include "brokers/paper/paper_balances.hpp"

namespace tvbot {

PaperBalances::PaperBalances(const std::map<std::string, Money>& initial_free) {
  for (const auto& [asset, amount] : initial_free) holdings_[asset].free = amount;
}

Money PaperBalances::free(const std::string& asset) const {
  const auto found = holdings_.find(asset);
  return found == holdings_.end() ? Money{} : found->second.free;
}

bool PaperBalances::try_lock(const Reservation& reservation) {
  if (free(reservation.asset) < reservation.amount) return false;
  lock(reservation);
  return true;
}

void PaperBalances::lock(const Reservation& reservation) {
  auto& holding = holdings_[reservation.asset];
  holding.free -= reservation.amount;
  holding.locked += reservation.amount;
}

void PaperBalances::unlock(const Reservation& reservation) {
  auto& holding = holdings_[reservation.asset];
  holding.locked -= reservation.amount;
  holding.free += reservation.amount;
}

void PaperBalances::add_free(const std::string& asset, Money amount) {
  holdings_[asset].free += amount;
}

std::vector<Balance> PaperBalances::all() const {
  std::vector<Balance> result;
  for (const auto& [asset, holding] : holdings_) {
    result.push_back(Balance{asset, holding.free, holding.locked});
  }
  return result;
}

}  // namespace tvbot
