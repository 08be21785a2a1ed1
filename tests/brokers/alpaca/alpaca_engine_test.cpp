// End to end: a real Engine (CAF actors, a RocksDB event log) trading through the Alpaca
// adapter against the emulator on loopback. An alert comes in, the order goes to
// "Alpaca", the fill comes back, and the position holds the exact decimals.
#include "tests/actors/actors_test_support.hpp"
#include "tests/brokers/alpaca/alpaca_test_support.hpp"

namespace tvbot::alpaca::testing {
namespace {

namespace at = actors::testing;

class AlpacaEngine : public AlpacaFixture {
 protected:
  static constexpr const char* kStream = "bot1/AAPL";

  AlpacaEngine() {
    auto log = storage::EventLog::open(dir_.path() / "log", storage::EventLogOptions{});
    if (!log.ok()) throw std::runtime_error(log.error().message);
    log_ = std::move(log).value();
    store_ = std::make_unique<storage::EventStore>(*log_);
    settings_.bot_id = "bot1";
    settings_.symbol = "AAPL";
    settings_.quote_asset = "USD";
    settings_.position.max_entries = 3;
    settings_.position.lot_step = qty("0.0001");
  }
  ~AlpacaEngine() override { stop(); }

  void start(AlpacaOptions options) {
    auto broker = AlpacaBroker::create(std::move(options));
    ASSERT_TRUE(broker.ok()) << broker.error().message;
    std::shared_ptr<Broker> shared(std::move(broker).value());
    auto resolver = [this](std::string_view bot, std::string_view ticker)
        -> std::optional<actors::InstrumentRoute> {
      if (bot != "bot1" || (ticker != "NASDAQ:AAPL" && ticker != "AAPL")) return std::nullopt;
      return actors::InstrumentRoute{settings_, "alpaca"};
    };
    auto engine =
        actors::Engine::start(at::fast_options(), *store_, {{"alpaca", shared}}, resolver);
    ASSERT_TRUE(engine.ok()) << engine.error().message;
    engine_ = std::move(engine).value();
  }
  void start() { start(options_for(emulator_)); }
  void stop() {
    if (engine_) engine_->shutdown();
    engine_.reset();
  }

  unsigned send(Action action, const char* quantity = nullptr) {
    actors::AlertIntake intake;
    intake.bot_id = "bot1";
    intake.signal.action = action;
    intake.signal.ticker = "NASDAQ:AAPL";
    if (quantity != nullptr) intake.signal.qty = qty(quantity);
    intake.raw_body = R"({"action":")" + std::string(to_string(action)) + "\"}";
    intake.source_ip = "52.89.214.238";
    intake.dedupe_key = "key-" + std::to_string(++alerts_);
    intake.request_id = "req-" + std::to_string(alerts_);
    auto reply = std::make_shared<std::promise<actors::AlertOutcome>>();
    auto answered = reply->get_future();
    engine_->submit_alert(std::move(intake), [reply](actors::AlertOutcome outcome) {
      reply->set_value(std::move(outcome));
    });
    if (answered.wait_for(at::kDeadline) != std::future_status::ready) {
      ADD_FAILURE() << "no reply to an alert";
      return 0;
    }
    return answered.get().http_status;
  }

  std::vector<Event> events() const {
    auto events = store_->read_stream(kStream);
    EXPECT_TRUE(events.ok()) << events.error().message;
    return events.ok() ? std::move(events).value() : std::vector<Event>{};
  }
  template <class Payload>
  [[nodiscard]] bool wait_for(std::size_t n = 1) const {
    return at::wait_until([&] { return at::all_of<Payload>(events()).size() >= n; });
  }

  at::TempDir dir_;
  std::unique_ptr<storage::EventLog> log_;
  std::unique_ptr<storage::EventStore> store_;
  actors::StreamSettings settings_;
  std::unique_ptr<actors::Engine> engine_;
  int alerts_ = 0;
};

TEST_F(AlpacaEngine, A_buy_alert_opens_a_fractional_position_at_Alpacas_fill_price_with_no_fee) {
  start();
  EXPECT_EQ(send(Action::buy, "2.5"), 202u);
  ASSERT_TRUE(wait_for<PositionOpened>());

  const auto stream = events();
  EXPECT_EQ(at::type_names(stream),
            (std::vector<std::string>{"AlertReceived", "OrderRequested", "OrderAccepted",
                                      "OrderFilled", "PositionOpened"}));
  const auto filled = at::all_of<OrderFilled>(stream).at(0);
  EXPECT_EQ(filled.client_order_id, "bot1/AAPL:2");
  EXPECT_EQ(filled.qty, qty("2.5"));
  EXPECT_EQ(filled.price, px("187.23"));
  EXPECT_EQ(filled.fee, Money{});
  EXPECT_EQ(filled.fee_asset, "USD");
  EXPECT_TRUE(filled.order_complete);
  const auto opened = at::all_of<PositionOpened>(stream).at(0);
  EXPECT_EQ(opened.qty, qty("2.5"));
  EXPECT_EQ(opened.price, px("187.23"));
  EXPECT_EQ(opened.direction, Direction::long_);
  // Alpaca's side of it: one order under the mapped client id, the shares, the cash.
  const auto orders = emulator_.orders();
  ASSERT_EQ(orders.size(), 1u);
  EXPECT_EQ(orders[0].client_order_id, "bot1_sAAPL_c2");
  EXPECT_EQ(emulator_.position_qty("AAPL"), qty("2.5"));
  EXPECT_EQ(emulator_.cash(), money("9531.925"));
}

TEST_F(AlpacaEngine, A_close_after_a_price_move_realizes_the_hand_computed_profit) {
  start();
  ASSERT_EQ(send(Action::buy, "2.5"), 202u);
  ASSERT_TRUE(wait_for<PositionOpened>());
  emulator_.set_price("AAPL", px("190.1"));
  ASSERT_EQ(send(Action::close), 202u);
  ASSERT_TRUE(wait_for<PositionClosed>());

  // (190.1 - 187.23) * 2.5 = 7.175, no fees.
  const auto closed = at::all_of<PositionClosed>(events()).at(0);
  EXPECT_EQ(closed.qty, qty("2.5"));
  EXPECT_EQ(closed.price, px("190.1"));
  EXPECT_EQ(closed.cycle_realized_gross, money("7.175"));
  EXPECT_EQ(closed.cycle_fees, Money{});
  EXPECT_EQ(closed.cycle_realized_net, money("7.175"));
  EXPECT_EQ(emulator_.position_qty("AAPL"), Quantity{});
  EXPECT_EQ(emulator_.cash(), money("10007.175"));
  EXPECT_EQ(emulator_.orders().size(), 2u);
}

TEST_F(AlpacaEngine, A_500_after_Alpaca_placed_the_order_ends_in_exactly_one_order_and_one_fill) {
  start();
  emulator_.inject(EmulatorFault::on("POST", "/v2/orders", 500).after_handling());
  ASSERT_EQ(send(Action::buy, "4"), 202u);
  ASSERT_TRUE(wait_for<PositionOpened>());

  EXPECT_EQ(emulator_.orders().size(), 1u);
  EXPECT_EQ(emulator_.count_requests("POST", "/v2/orders"), 1u);
  EXPECT_GE(emulator_.count_requests("GET", "/v2/orders:by_client_order_id"), 1u);
  EXPECT_EQ(at::all_of<OrderFilled>(events()).size(), 1u);
  EXPECT_EQ(at::all_of<PositionOpened>(events()).at(0).qty, qty("4"));
  EXPECT_EQ(emulator_.position_qty("AAPL"), qty("4"));
}

TEST_F(AlpacaEngine, A_closed_market_with_reject_records_the_refusal_and_sends_no_order) {
  start();
  emulator_.set_market_open(false);
  ASSERT_EQ(send(Action::buy, "1"), 202u);
  ASSERT_TRUE(wait_for<OrderRejected>());
  const auto rejected = at::all_of<OrderRejected>(events()).at(0);
  EXPECT_EQ(rejected.reason, "market_closed");
  EXPECT_EQ(emulator_.count_requests("POST", "/v2/orders"), 0u);
  EXPECT_TRUE(at::all_of<PositionOpened>(events()).empty());
}

TEST_F(AlpacaEngine, With_queue_an_order_sent_while_closed_fills_at_the_open) {
  auto options = options_for(emulator_);
  options.outside_market_hours = OutsideMarketHours::queue;
  start(options);
  emulator_.set_market_open(false);
  ASSERT_EQ(send(Action::buy, "3"), 202u);
  ASSERT_TRUE(wait_for<OrderAccepted>());
  EXPECT_TRUE(at::all_of<PositionOpened>(events()).empty());
  emulator_.set_price("AAPL", px("188.01"));
  emulator_.set_market_open(true);
  ASSERT_TRUE(wait_for<PositionOpened>());
  EXPECT_EQ(at::all_of<PositionOpened>(events()).at(0).price, px("188.01"));
  EXPECT_EQ(emulator_.orders().size(), 1u);
}

}  // namespace
}  // namespace tvbot::alpaca::testing
