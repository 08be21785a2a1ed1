// End to end through the engine: an alert (as the webhook hands it over), the position
// actor, the broker gateway, the Binance adapter, the emulator on loopback, the fill, the
// position — on a real event log and real CAF.
#include <gtest/gtest.h>

#include "brokers/binance/binance_broker.hpp"
#include "tests/actors/actors_test_support.hpp"
#include "tests/brokers/binance/binance_emulator.hpp"
#include "tests/brokers/binance/binance_test_transport.hpp"

namespace tvbot::binance {
namespace {

using namespace std::chrono_literals;
using actors::testing::all_of;
using actors::testing::money;
using actors::testing::px;
using actors::testing::qty;
using actors::testing::type_names;
using actors::testing::wait_until;

constexpr const char* kKey = "e2e-key";
constexpr const char* kSecret = "e2e-secret";
constexpr const char* kStream = "bot1/BTCUSDT";

class BinanceEngineTest : public ::testing::TestWithParam<Venue> {
 protected:
  BinanceEngineTest() : emulator_(GetParam(), kKey, kSecret) {
    emulator_.add_symbol({"BTCUSDT", "BTC", "USDT", px("0.01"), qty("0.001"), qty("0.001"), qty("100"),
                          money("10"), px("60000")});
    emulator_.set_balance("USDT", money("100000"));
    auto log = storage::EventLog::open(dir_.path() / "log", storage::EventLogOptions{});
    if (!log.ok()) throw std::runtime_error(log.error().message);
    log_ = std::move(log).value();
    store_ = std::make_unique<storage::EventStore>(*log_);
    settings_.bot_id = "bot1";
    settings_.symbol = "BTCUSDT";
    settings_.quote_asset = "USDT";
    settings_.position.max_entries = 3;
    settings_.position.lot_step = qty("0.001");
  }
  ~BinanceEngineTest() override {
    if (engine_) engine_->shutdown();
  }

  void start() {
    BinanceOptions options;
    options.rest.venue = GetParam();
    options.rest.api_key = kKey;
    options.rest.api_secret = kSecret;
    options.unknown_outcome_delay = 20ms;
    auto broker = std::make_shared<BinanceBroker>(
        options, testing::loopback_transport(emulator_.base_url()));
    auto resolver = [this](std::string_view bot, std::string_view ticker)
        -> std::optional<actors::InstrumentRoute> {
      if (bot != "bot1" || (ticker != "BINANCE:BTCUSDT" && ticker != "BTCUSDT")) return std::nullopt;
      return actors::InstrumentRoute{settings_, "binance"};
    };
    auto engine = actors::Engine::start(actors::testing::fast_options(), *store_,
                                        {{"binance", broker}}, resolver);
    ASSERT_TRUE(engine.ok()) << engine.error().message;
    engine_ = std::move(engine).value();
  }

  actors::AlertOutcome send(Action action, const char* quantity = nullptr) {
    actors::AlertIntake intake;
    intake.bot_id = "bot1";
    intake.signal.action = action;
    intake.signal.ticker = "BINANCE:BTCUSDT";
    if (quantity != nullptr) intake.signal.qty = qty(quantity);
    intake.raw_body = R"({"action":")" + std::string(to_string(action)) + "\"}";
    intake.source_ip = "52.89.214.238";
    intake.dedupe_key = "key-" + std::to_string(++sent_);
    intake.request_id = "req-" + std::to_string(sent_);
    auto reply = std::make_shared<std::promise<actors::AlertOutcome>>();
    auto answered = reply->get_future();
    engine_->submit_alert(std::move(intake), [reply](actors::AlertOutcome outcome) {
      reply->set_value(std::move(outcome));
    });
    if (answered.wait_for(actors::testing::kDeadline) != std::future_status::ready) {
      ADD_FAILURE() << "no reply to an alert";
      return actors::AlertOutcome{0, ""};
    }
    return answered.get();
  }

  std::vector<Event> events() const {
    auto events = store_->read_stream(kStream);
    return events.ok() ? std::move(events).value() : std::vector<Event>{};
  }

  template <class Payload>
  bool wait_for(std::size_t n = 1) const {
    return wait_until([&] { return all_of<Payload>(events()).size() >= n; });
  }

  testing::BinanceEmulator emulator_;
  actors::testing::TempDir dir_;
  std::unique_ptr<storage::EventLog> log_;
  std::unique_ptr<storage::EventStore> store_;
  actors::StreamSettings settings_;
  std::unique_ptr<actors::Engine> engine_;
  int sent_ = 0;
};

TEST_P(BinanceEngineTest, A_buy_alert_is_ordered_at_binance_filled_and_opens_the_position) {
  start();
  ASSERT_EQ(send(Action::buy, "0.01").http_status, 202u);
  ASSERT_TRUE(wait_for<PositionOpened>());
  EXPECT_EQ(type_names(events()),
            (std::vector<std::string>{"AlertReceived", "OrderRequested", "OrderAccepted",
                                      "OrderFilled", "PositionOpened"}));
  const auto filled = all_of<OrderFilled>(events()).at(0);
  EXPECT_EQ(filled.client_order_id, "bot1/BTCUSDT:2");
  EXPECT_EQ(filled.price, px("60000"));
  EXPECT_EQ(filled.qty, qty("0.01"));
  // Spot takes 0.1 % of the BTC bought (0.00001 BTC = 0.6 USDT); futures 0.1 % of 600 USDT.
  EXPECT_EQ(filled.fee, money("0.6"));
  EXPECT_EQ(filled.fee_asset, "USDT");
  const auto opened = all_of<PositionOpened>(events()).at(0);
  EXPECT_EQ(opened.qty, qty("0.01"));
  EXPECT_EQ(opened.price, px("60000"));
  ASSERT_EQ(emulator_.orders().size(), 1u);
  EXPECT_EQ(emulator_.orders()[0].client_order_id, "bot1/BTCUSDT:2");
}

TEST_P(BinanceEngineTest, A_close_alert_realizes_the_profit_from_binance_fills) {
  emulator_.set_balance("BTC", money("1"));
  start();
  ASSERT_EQ(send(Action::buy, "0.01").http_status, 202u);
  ASSERT_TRUE(wait_for<PositionOpened>());
  emulator_.set_price("BTCUSDT", px("61000"));
  ASSERT_EQ(send(Action::close).http_status, 202u);
  ASSERT_TRUE(wait_for<PositionClosed>());
  const auto closed = all_of<PositionClosed>(events()).at(0);
  EXPECT_EQ(closed.qty, qty("0.01"));
  EXPECT_EQ(closed.price, px("61000"));
  EXPECT_EQ(closed.cycle_realized_gross, money("10"));  // (61000 - 60000) * 0.01
  EXPECT_EQ(closed.cycle_fees, money("1.21"));          // 0.6 + 0.61
  EXPECT_EQ(emulator_.orders().size(), 2u);
}

TEST_P(BinanceEngineTest, A_5xx_after_binance_placed_the_order_yields_exactly_one_order) {
  emulator_.fail_next_order_after_placing(503);
  start();
  ASSERT_EQ(send(Action::buy, "0.01").http_status, 202u);
  ASSERT_TRUE(wait_for<PositionOpened>());
  EXPECT_EQ(emulator_.orders().size(), 1u);
  EXPECT_EQ(emulator_.stats().order_posts, 1);
  EXPECT_EQ(all_of<OrderFilled>(events()).size(), 1u);
}

TEST_P(BinanceEngineTest, An_order_the_filters_refuse_is_rejected_without_reaching_binance) {
  auto strict = testing::EmulatorSymbol{"BTCUSDT", "BTC", "USDT", px("0.01"), qty("0.001"), qty("0.001"),
                                        qty("100"), money("100"), px("60000")};
  emulator_.add_symbol(strict);
  start();
  ASSERT_EQ(send(Action::buy, "0.001").http_status, 202u);  // 60 USDT, the minimum is 100
  ASSERT_TRUE(wait_for<OrderRejected>());
  const auto rejected = all_of<OrderRejected>(events()).at(0);
  EXPECT_EQ(rejected.reason, "min_notional");
  EXPECT_EQ(emulator_.stats().order_posts, 0);
  EXPECT_TRUE(emulator_.orders().empty());
  EXPECT_TRUE(all_of<PositionOpened>(events()).empty());
}

INSTANTIATE_TEST_SUITE_P(SpotAndFutures, BinanceEngineTest,
                         ::testing::Values(Venue::spot, Venue::usdm_futures),
                         [](const ::testing::TestParamInfo<Venue>& info) {
                           return info.param == Venue::spot ? "spot" : "usdm_futures";
                         });

}  // namespace
}  // namespace tvbot::binance
