// The adapter against the local emulator on loopback: orders, fills, cancels, account,
// prices, instrument rules and market hours, over real HTTP with Alpaca's wire format.
#include "tests/brokers/alpaca/alpaca_test_support.hpp"

namespace tvbot::alpaca::testing {
namespace {

using AlpacaBrokerTest = AlpacaFixture;

TEST_F(AlpacaBrokerTest, A_fractional_market_buy_is_accepted_then_reported_filled_with_no_fee) {
  auto broker = make();
  auto placed = broker->place_order(market("bot1/AAPL:2", Side::buy, "2.5"));
  ASSERT_TRUE(placed.ok()) << placed.error().message;
  // Alpaca answers the POST with the order as accepted, before it fills.
  EXPECT_EQ(placed->status, OrderStatus::new_);
  EXPECT_EQ(placed->client_order_id, "bot1/AAPL:2");
  EXPECT_FALSE(placed->broker_order_id.empty());
  EXPECT_EQ(placed->qty, qty("2.5"));

  auto queried = broker->query_order("AAPL", "bot1/AAPL:2");
  ASSERT_TRUE(queried.ok()) << queried.error().message;
  ASSERT_TRUE(queried->has_value());
  const OrderReport& report = **queried;
  EXPECT_EQ(report.status, OrderStatus::filled);
  EXPECT_EQ(report.filled_qty, qty("2.5"));
  EXPECT_EQ(report.avg_price, px("187.23"));
  ASSERT_EQ(report.fills.size(), 1u);
  EXPECT_EQ(report.fills[0], (BrokerFill{placed->broker_order_id, qty("2.5"), px("187.23"),
                                         Money{}, "USD", false}));
  // 2.5 * 187.23 = 468.075 left the cash.
  EXPECT_EQ(emulator_.cash(), money("9531.925"));
  EXPECT_EQ(emulator_.position_qty("AAPL"), qty("2.5"));
  const auto orders = emulator_.orders();
  ASSERT_EQ(orders.size(), 1u);
  EXPECT_EQ(orders[0].client_order_id, "bot1_sAAPL_c2");
  EXPECT_EQ(orders[0].time_in_force, "day");
}

TEST_F(AlpacaBrokerTest, Placing_the_same_client_id_twice_returns_the_first_order_and_places_one) {
  auto broker = make();
  auto first = broker->place_order(market("bot1/AAPL:2", Side::buy, "1"));
  ASSERT_TRUE(first.ok()) << first.error().message;
  auto again = broker->place_order(market("bot1/AAPL:2", Side::buy, "1"));
  ASSERT_TRUE(again.ok()) << again.error().message;
  EXPECT_EQ(again->broker_order_id, first->broker_order_id);
  EXPECT_EQ(again->status, OrderStatus::filled);
  EXPECT_EQ(emulator_.orders().size(), 1u);
  EXPECT_EQ(emulator_.position_qty("AAPL"), qty("1"));
}

TEST_F(AlpacaBrokerTest, A_resting_limit_order_is_listed_open_and_cancelled_by_client_id) {
  auto broker = make();
  auto placed = broker->place_order(limit("bot1/AAPL:4", Side::buy, "3", "180.5"));
  ASSERT_TRUE(placed.ok()) << placed.error().message;
  EXPECT_EQ(emulator_.orders().at(0).time_in_force, "gtc");

  auto open = broker->open_orders(std::nullopt);
  ASSERT_TRUE(open.ok()) << open.error().message;
  ASSERT_EQ(open->size(), 1u);
  EXPECT_EQ((*open)[0].client_order_id, "bot1/AAPL:4");  // decoded back to tvbot's id
  EXPECT_EQ((*open)[0].status, OrderStatus::new_);
  auto other_symbol = broker->open_orders(std::string_view("XYZ"));
  ASSERT_TRUE(other_symbol.ok());
  EXPECT_TRUE(other_symbol->empty());

  auto cancelled = broker->cancel_order("AAPL", "bot1/AAPL:4");
  ASSERT_TRUE(cancelled.ok()) << cancelled.error().message;
  EXPECT_EQ(cancelled->status, OrderStatus::cancelled);
  EXPECT_TRUE(cancelled->fills.empty());
  emulator_.set_price("AAPL", px("170"));  // would have filled it
  EXPECT_EQ(emulator_.position_qty("AAPL"), Quantity{});
  auto ended = broker->cancel_order("AAPL", "bot1/AAPL:4");  // already ended: unchanged
  ASSERT_TRUE(ended.ok());
  EXPECT_EQ(ended->status, OrderStatus::cancelled);
  EXPECT_EQ(broker->cancel_order("AAPL", "bot1/AAPL:99").error().code, broker_error::not_found);
}

TEST_F(AlpacaBrokerTest, A_limit_order_fills_when_the_price_reaches_it) {
  auto broker = make();
  ASSERT_TRUE(broker->place_order(limit("bot1/AAPL:5", Side::buy, "2", "185")).ok());
  auto waiting = broker->query_order("AAPL", "bot1/AAPL:5");
  ASSERT_TRUE(waiting.ok() && waiting->has_value());
  EXPECT_EQ((*waiting)->status, OrderStatus::new_);
  emulator_.set_price("AAPL", px("184.97"));
  auto filled = broker->query_order("AAPL", "bot1/AAPL:5");
  ASSERT_TRUE(filled.ok() && filled->has_value());
  EXPECT_EQ((*filled)->status, OrderStatus::filled);
  EXPECT_EQ((*filled)->avg_price, px("184.97"));
  EXPECT_EQ((*filled)->fills.at(0).qty, qty("2"));
}

TEST_F(AlpacaBrokerTest, Alpaca_refusals_are_rejected_reports_with_the_reason) {
  auto broker = make();
  auto poor = broker->place_order(market("bot1/AAPL:2", Side::buy, "100"));  // 18723 > 10000
  ASSERT_TRUE(poor.ok()) << poor.error().message;
  EXPECT_EQ(poor->status, OrderStatus::rejected);
  EXPECT_EQ(poor->reject_reason, "insufficient_buying_power");
  EXPECT_NE(poor->reject_message.find("insufficient buying power"), std::string::npos);

  auto nothing_to_sell = broker->place_order(market("bot1/AAPL:3", Side::sell, "1"));
  ASSERT_TRUE(nothing_to_sell.ok());
  EXPECT_EQ(nothing_to_sell->reject_reason, "insufficient_qty");

  auto whole_only = broker->place_order(market("bot1/XYZ:2", Side::buy, "0.5", "XYZ"));
  ASSERT_TRUE(whole_only.ok());
  EXPECT_EQ(whole_only->status, OrderStatus::rejected);
  EXPECT_EQ(whole_only->reject_reason, "invalid_order");
  EXPECT_NE(whole_only->reject_message.find("not fractionable"), std::string::npos);

  auto fractional_limit = broker->place_order(limit("bot1/AAPL:4", Side::buy, "0.5", "180"));
  ASSERT_TRUE(fractional_limit.ok());
  EXPECT_EQ(fractional_limit->reject_reason, "invalid_order");

  auto sub_penny = broker->place_order(limit("bot1/AAPL:5", Side::buy, "1", "180.005"));
  ASSERT_TRUE(sub_penny.ok());
  EXPECT_NE(sub_penny->reject_message.find("sub-penny"), std::string::npos);

  auto tiny = broker->place_order(market("bot1/AAPL:6", Side::buy, "0.001"));  // $0.19
  ASSERT_TRUE(tiny.ok());
  EXPECT_EQ(tiny->reject_reason, "forbidden");
  EXPECT_NE(tiny->reject_message.find("minimal amount of order 1"), std::string::npos);

  auto unknown = broker->place_order(market("bot1/NOPE:2", Side::buy, "1", "NOPE"));
  ASSERT_TRUE(unknown.ok());
  EXPECT_EQ(unknown->status, OrderStatus::rejected);

  OrderRequest stop = market("bot1/AAPL:7", Side::sell, "1");
  stop.type = OrderType::stop;
  stop.stop_price = px("150");
  auto refused = broker->place_order(stop);
  ASSERT_TRUE(refused.ok());
  EXPECT_EQ(refused->reject_reason, "unsupported_order_type");
  EXPECT_TRUE(emulator_.orders().empty());
  EXPECT_EQ(emulator_.cash(), Money::from_int(10'000));
}

TEST_F(AlpacaBrokerTest, Account_positions_prices_and_rules_come_back_as_exact_decimals) {
  auto broker = make();
  ASSERT_TRUE(broker->place_order(market("bot1/AAPL:2", Side::buy, "1.5")).ok());
  auto positions = broker->positions();
  ASSERT_TRUE(positions.ok()) << positions.error().message;
  ASSERT_EQ(positions->size(), 1u);
  EXPECT_EQ((*positions)[0], (BrokerPosition{"AAPL", PositionSide::both, qty("1.5"), px("187.23")}));

  auto balances = broker->balances();
  ASSERT_TRUE(balances.ok()) << balances.error().message;
  ASSERT_EQ(balances->size(), 1u);
  EXPECT_EQ((*balances)[0], (Balance{"USD", money("9719.155"), Money{}}));  // 10000 - 280.845
  auto account = broker->account();
  ASSERT_TRUE(account.ok());
  EXPECT_EQ(account->buying_power, money("9719.155"));

  auto price = broker->last_price("AAPL");
  ASSERT_TRUE(price.ok()) << price.error().message;
  EXPECT_EQ(*price, px("187.23"));
  EXPECT_EQ(broker->last_price("NOPE").error().code, broker_error::unknown_symbol);
  auto prices = broker->last_prices({"XYZ", "AAPL"});
  ASSERT_TRUE(prices.ok()) << prices.error().message;
  EXPECT_EQ(*prices, (std::vector<SymbolPrice>{{"XYZ", px("42.5")}, {"AAPL", px("187.23")}}));
  EXPECT_EQ(broker->last_prices({"AAPL", "NOPE"}).error().code, broker_error::unknown_symbol);

  auto fractional = broker->instrument_rules("AAPL");
  ASSERT_TRUE(fractional.ok()) << fractional.error().message;
  EXPECT_EQ(*fractional, (InstrumentRules{Price{}, Quantity{}, Quantity{}, Quantity{}, Money::from_int(1)}));
  auto whole = broker->instrument_rules("BRK.A");
  ASSERT_TRUE(whole.ok());
  EXPECT_EQ(whole->lot_step, qty("1"));
  EXPECT_EQ(whole->min_qty, qty("1"));
  EXPECT_EQ(broker->instrument_rules("NOPE").error().code, broker_error::unknown_symbol);
}

TEST_F(AlpacaBrokerTest, With_reject_a_closed_market_refuses_the_order_without_sending_it) {
  auto broker = make();
  emulator_.set_market_open(false);
  auto placed = broker->place_order(market("bot1/AAPL:2", Side::buy, "1"));
  ASSERT_TRUE(placed.ok()) << placed.error().message;
  EXPECT_EQ(placed->status, OrderStatus::rejected);
  EXPECT_EQ(placed->reject_reason, "market_closed");
  EXPECT_NE(placed->reject_message.find("2024-03-25T09:30:00-04:00"), std::string::npos);
  EXPECT_EQ(emulator_.count_requests("POST", "/v2/orders"), 0u);
  EXPECT_EQ(emulator_.count_requests("GET", "/v2/clock"), 1u);
}

TEST_F(AlpacaBrokerTest, With_queue_a_day_order_waits_at_Alpaca_for_the_open_and_then_fills) {
  auto options = options_for(emulator_);
  options.outside_market_hours = OutsideMarketHours::queue;
  auto broker = make(options);
  emulator_.set_market_open(false);
  auto placed = broker->place_order(market("bot1/AAPL:2", Side::buy, "2"));
  ASSERT_TRUE(placed.ok()) << placed.error().message;
  EXPECT_EQ(placed->status, OrderStatus::new_);
  EXPECT_EQ(emulator_.count_requests("GET", "/v2/clock"), 0u);
  auto waiting = broker->query_order("AAPL", "bot1/AAPL:2");
  ASSERT_TRUE(waiting.ok() && waiting->has_value());
  EXPECT_EQ((*waiting)->status, OrderStatus::new_);

  emulator_.set_market_open(true);
  auto filled = broker->query_order("AAPL", "bot1/AAPL:2");
  ASSERT_TRUE(filled.ok() && filled->has_value());
  EXPECT_EQ((*filled)->status, OrderStatus::filled);
  EXPECT_EQ((*filled)->avg_price, px("187.23"));
}

TEST_F(AlpacaBrokerTest, Every_request_carries_both_key_headers_and_wrong_keys_are_refused) {
  auto broker = make();
  ASSERT_TRUE(broker->positions().ok());
  for (const auto& request : emulator_.requests()) {
    EXPECT_EQ(request.header("APCA-API-KEY-ID"), std::optional<std::string_view>(kKeyId));
    EXPECT_EQ(request.header("APCA-API-SECRET-KEY"), std::optional<std::string_view>(kSecretKey));
  }
  auto options = options_for(emulator_);
  options.api_secret_key = "wrong-secret-value";
  auto wrong = make(options);
  auto refused = wrong->positions();
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, broker_error::rejected);
  EXPECT_NE(refused.error().message.find("401"), std::string::npos);
  EXPECT_EQ(refused.error().message.find("wrong-secret-value"), std::string::npos);
  EXPECT_EQ(refused.error().message.find(kKeyId), std::string::npos);

  options.api_key_id.clear();
  EXPECT_EQ(AlpacaBroker::create(options).error().code, "invalid_config");
}

TEST_F(AlpacaBrokerTest, An_unknown_client_id_is_not_found_so_placing_it_is_safe) {
  auto broker = make();
  auto none = broker->query_order("AAPL", "bot1/AAPL:77");
  ASSERT_TRUE(none.ok()) << none.error().message;
  EXPECT_FALSE(none->has_value());
}

}  // namespace
}  // namespace tvbot::alpaca::testing
