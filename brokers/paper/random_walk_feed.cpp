#include "brokers/paper/random_walk_feed.hpp"

#include <algorithm>

#include "brokers/instrument_rules.hpp"

namespace tvbot {
namespace {

constexpr std::int64_t kBasisPointsPerUnit = 10'000;

// price * (10000 + bps) / 10000, rounded once with `rounding`.
Price move_by_bps(Price price, std::int64_t bps, Rounding rounding) {
  return mul_div<Price>(price, Ratio::from_int(kBasisPointsPerUnit + bps),
                        Ratio::from_int(kBasisPointsPerUnit), rounding);
}

}  // namespace

RandomWalkFeed::RandomWalkFeed(std::uint64_t seed, RandomWalkConfig config,
                               std::vector<WalkedSymbol> symbols)
    : random_(seed), config_(config) {
  std::sort(symbols.begin(), symbols.end(),
            [](const WalkedSymbol& a, const WalkedSymbol& b) { return a.symbol < b.symbol; });
  for (auto& walked : symbols) {
    // The band is rounded inward to the tick so that clamping never leaves the tick grid.
    const auto floor =
        round_to_multiple(move_by_bps(walked.start_price, -config.band_bps, Rounding::ceiling),
                          walked.tick_size, Rounding::ceiling);
    const auto ceiling =
        round_to_multiple(move_by_bps(walked.start_price, config.band_bps, Rounding::floor),
                          walked.tick_size, Rounding::floor);
    walks_.push_back(
        Walk{std::move(walked.symbol), walked.start_price, floor, ceiling, walked.tick_size});
  }
}

std::vector<PriceTick> RandomWalkFeed::next_step() {
  std::vector<PriceTick> ticks;
  ticks.reserve(walks_.size());
  for (auto& walk : walks_) {
    const auto step_bps = random_.uniform(-config_.max_step_bps, config_.max_step_bps);
    const auto moved = round_to_multiple(move_by_bps(walk.price, step_bps, Rounding::half_even),
                                         walk.tick_size, Rounding::half_even);
    walk.price = std::clamp(moved, walk.floor, walk.ceiling);
    ticks.push_back(PriceTick{walk.symbol, walk.price});
  }
  return ticks;
}

}  // namespace tvbot
