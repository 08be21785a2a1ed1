#pragma once
// The paper account's assets: free to use, or locked by working orders and positions.
#include <map>
#include <string>
#include <vector>

#include "brokers/broker.hpp"
#include "events/decimal.hpp"

namespace tvbot {

// An amount of one asset held back for something (an order, a position's margin).
struct Reservation {
  std::string asset;
  Money amount;
};

class PaperBalances {
 public:
  explicit PaperBalances(const std::map<std::string, Money>& initial_free);

  [[nodiscard]] Money free(const std::string& asset) const;

  // Moves free -> locked; false (and nothing moved) when free is short of it.
  [[nodiscard]] bool try_lock(const Reservation& reservation);
  // Moves free -> locked; the caller has made sure free covers it.
  void lock(const Reservation& reservation);
  // Moves locked -> free.
  void unlock(const Reservation& reservation);
  // Adds to free (a negative amount spends). Free goes below zero only when a futures loss
  // exceeds the wallet: a liquidation the paper broker does not model, left visible.
  void add_free(const std::string& asset, Money amount);

  [[nodiscard]] std::vector<Balance> all() const;

 private:
  struct Holding {
    Money free;
    Money locked;
  };
  std::map<std::string, Holding> holdings_;
};

}  // namespace tvbot
