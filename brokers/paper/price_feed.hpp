#pragma once
// Where the paper broker's prices come from. A feed moves in steps; each step is a batch of
// ticks the paper broker applies in order, matching its resting orders after every tick.
// Three feeds: ManualPriceFeed (prices move only by PaperBroker::set_price), RandomWalkFeed
// (seeded, deterministic) and CsvPriceFeed (recorded prices).
#include <string>
#include <vector>

#include "events/decimal.hpp"

namespace tvbot {

struct PriceTick {
  std::string symbol;
  Price price;
  bool operator==(const PriceTick&) const = default;
};

class PriceFeed {
 public:
  PriceFeed() = default;
  PriceFeed(const PriceFeed&) = delete;
  PriceFeed& operator=(const PriceFeed&) = delete;
  virtual ~PriceFeed() = default;

  // The ticks of the next step, in order; empty when the feed has no more.
  // Called under the paper broker's lock, so a feed need not be thread-safe itself.
  [[nodiscard]] virtual std::vector<PriceTick> next_step() = 0;
};

// No steps of its own: the prices are whatever PaperBroker::set_price last made them
// (an admin endpoint, a test). Exists so that "manual" is a feed choice like the others.
class ManualPriceFeed final : public PriceFeed {
 public:
  [[nodiscard]] std::vector<PriceTick> next_step() override { return {}; }
};

}  // namespace tvbot
