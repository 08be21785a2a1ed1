#pragma once
// Reconciliation tests run on the actor tests' fixture: a real event log, a real engine and
// a real PaperBroker. "Behind tvbot's back" is an order placed on the PaperBroker directly,
// with a client id tvbot never made, as a person trading on the venue's website would.
#include <string>
#include <vector>

#include "reconcile/engine_pause.hpp"
#include "reconcile/reconciler.hpp"
#include "tests/actors/actors_test_support.hpp"

namespace tvbot::reconcile::testing {

using namespace tvbot::actors::testing;  // NOLINT: the fixture's helpers read as one vocabulary

class ReconcileFixture : public EngineFixture {
 protected:
  static constexpr const char* kDriftStream = "reconciliation/paper";

  // Like EngineFixture::start, with a second bot ("bot2") on the same account and symbol.
  void start_two_bots() {
    counting_ = std::make_shared<CountingBroker>(paper_);
    auto resolver = [this](std::string_view bot, std::string_view ticker)
        -> std::optional<actors::InstrumentRoute> {
      if (bot != "bot1" && bot != "bot2") return std::nullopt;
      if (ticker != "BINANCE:BTCUSDT" && ticker != "BTCUSDT") return std::nullopt;
      auto settings = settings_;
      settings.bot_id = std::string(bot);
      return actors::InstrumentRoute{settings, "paper"};
    };
    auto engine = actors::Engine::start(fast_options(), *store_, {{"paper", counting_}}, resolver);
    ASSERT_TRUE(engine.ok()) << engine.error().message;
    engine_ = std::move(engine).value();
  }

  BrokerScope scope(std::vector<std::string> bots = {"bot1"}) const {
    BrokerScope scope{"paper", {}};
    for (auto& bot : bots) scope.bots[bot] = {"BTCUSDT"};
    return scope;
  }

  std::unique_ptr<Reconciler> reconciler(DriftReaction reaction = DriftReaction::report,
                                         std::vector<std::string> bots = {"bot1"}) {
    ReconcilerSettings settings{scope(std::move(bots)), reaction};
    PauseBot pause = engine_ ? pause_through(*engine_) : PauseBot{};
    std::shared_ptr<Broker> venue = paper_;
    if (counting_) venue = counting_;
    auto made = Reconciler::create(settings, *store_, venue, pause);
    EXPECT_TRUE(made.ok()) << made.error().message;
    return made.ok() ? std::move(made).value() : nullptr;
  }

  // The venue trades at once; nothing of it reaches the log.
  OrderReport trade_behind_tvbots_back(const std::string& id, Side side, const char* quantity) {
    OrderRequest request;
    request.client_order_id = id;
    request.symbol = "BTCUSDT";
    request.side = side;
    request.qty = qty(quantity);
    auto report = paper_->place_order(request);
    EXPECT_TRUE(report.ok() && report->status == OrderStatus::filled)
        << (report.ok() ? std::string(to_string(report->status)) : report.error().message);
    return report.ok() ? *report : OrderReport{};
  }

  // A buy limit far below the market: it rests at the venue.
  void rest_order_behind_tvbots_back(const std::string& id, const char* quantity) {
    OrderRequest request;
    request.client_order_id = id;
    request.symbol = "BTCUSDT";
    request.type = OrderType::limit;
    request.limit_price = px("20000");
    request.qty = qty(quantity);
    auto report = paper_->place_order(request);
    ASSERT_TRUE(report.ok() && report->status == OrderStatus::new_);
  }

  PassReport pass(Reconciler& reconciler) {
    auto report = reconciler.run_once();
    EXPECT_TRUE(report.ok()) << report.error().code << ": " << report.error().message;
    return report.ok() ? *report : PassReport{};
  }

  std::vector<Event> drift_events() const {
    auto events = store_->read_stream(kDriftStream);
    EXPECT_TRUE(events.ok());
    return events.ok() ? *events : std::vector<Event>{};
  }

  // A buy of `quantity` by bot1 through the engine, settled: filled and recorded.
  void open_long(const char* quantity) {
    ASSERT_EQ(send(alert(Action::buy, quantity)).http_status, 202u);
    ASSERT_TRUE(wait_until([&] {
      auto s = state();
      return s.pending.empty() && !s.net.is_flat();
    }));
  }
};

}  // namespace tvbot::reconcile::testing
