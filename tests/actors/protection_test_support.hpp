#pragma once
// The engine with its price monitor polling the paper broker every 10 ms, entries that
// carry protection, and a futures paper venue for shorts. Paper fills: taker fee 10 bps,
// slippage 5 bps against the taker, rounded to the 0.01 tick (a buy at 30000 fills at
// 30015, a sell at 29985), so every exit price and P&L below is exact.
#include <string>

#include "actors_test_support.hpp"

namespace tvbot::actors::testing {

inline PriceLevel percent(const char* value) { return PriceLevel{true, px(value)}; }

// The spot venue of paper_config() as futures, leverage 1, so shorts are possible.
inline PaperBrokerConfig futures_paper_config() {
  PaperBrokerConfig config = paper_config();
  config.mode = PaperMode::futures;
  config.leverage = 1;
  return config;
}

class ProtectionFixture : public EngineFixture {
 protected:
  static EngineOptions monitored() {
    EngineOptions options = fast_options();
    options.monitor_interval = std::chrono::milliseconds(10);
    return options;
  }

  void use_futures() {
    auto paper = PaperBroker::create(futures_paper_config());
    if (!paper.ok()) throw std::runtime_error(paper.error().message);
    paper_ = std::shared_ptr<PaperBroker>(std::move(paper).value());
  }

  AlertIntake protected_alert(Action action, const char* quantity,
                              std::optional<PriceLevel> sl, std::optional<PriceLevel> tp = {},
                              std::optional<PriceLevel> trail = {}) {
    AlertIntake intake = alert(action, quantity);
    intake.signal.stop_loss = sl;
    intake.signal.take_profit = tp;
    intake.signal.trailing = trail;
    return intake;
  }

  // Sends the entry and waits for the position it opens.
  void open(AlertIntake intake) {
    ASSERT_EQ(send(std::move(intake)).http_status, 202u);
    ASSERT_TRUE(wait_for<PositionOpened>());
  }

  template <class Payload>
  std::vector<Payload> all() const {
    return all_of<Payload>(events());
  }

  // Waits for a PriceObserved with this trigger (n of them).
  [[nodiscard]] bool wait_for_trigger(const std::string& trigger, std::size_t n = 1) const {
    return wait_until([&] {
      std::size_t found = 0;
      for (const auto& observed : all<PriceObserved>()) found += observed.trigger == trigger;
      return found >= n;
    });
  }

  std::vector<OrderRequested> exits(OrderReason reason) const {
    std::vector<OrderRequested> found;
    for (const auto& order : all<OrderRequested>()) {
      if (order.reason == reason) found.push_back(order);
    }
    return found;
  }
};

}  // namespace tvbot::actors::testing
