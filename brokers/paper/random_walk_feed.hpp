#pragma once
// A seeded random walk: every step moves every symbol by a whole number of basis points
// drawn uniformly from [-max_step_bps, +max_step_bps], rounds to the tick and keeps the
// price within band_bps of where it started. Same seed, same symbols -> same prices.
#include <cstdint>
#include <string>
#include <vector>

#include "brokers/paper/price_feed.hpp"
#include "brokers/paper/seeded_random.hpp"

namespace tvbot {

struct RandomWalkConfig {
  std::int64_t max_step_bps = 10;  // 0.1% a step: a calm minute of BTC
  std::int64_t band_bps = 2000;    // never further than 20% from the start price
  bool operator==(const RandomWalkConfig&) const = default;
};

struct WalkedSymbol {
  std::string symbol;
  Price start_price;
  Price tick_size;  // zero: no rounding
};

class RandomWalkFeed final : public PriceFeed {
 public:
  // max_step_bps in [0, 10000), band_bps in [0, 10000) (the floor stays above zero);
  // validate_config checks this before a paper broker builds one.
  RandomWalkFeed(std::uint64_t seed, RandomWalkConfig config, std::vector<WalkedSymbol> symbols);

  [[nodiscard]] std::vector<PriceTick> next_step() override;

 private:
  struct Walk {
    std::string symbol;
    Price price;
    Price floor;
    Price ceiling;
    Price tick_size;
  };

  SeededRandom random_;
  RandomWalkConfig config_;
  std::vector<Walk> walks_;  // sorted by symbol: the draw order must not depend on input order
};

}  // namespace tvbot
