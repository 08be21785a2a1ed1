// Every reason the paper venue refuses an order. A refusal is a report, not an error, and
// leaves the account untouched.
#include "paper_test_support.hpp"

namespace tvbot::testing {
namespace {

void expect_rejected(PaperBroker& broker, const OrderRequest& request, const std::string& reason) {
  const auto report = place(broker, request);
  EXPECT_EQ(report.status, OrderStatus::rejected) << request.client_order_id;
  EXPECT_EQ(report.reject_reason, reason)
      << request.client_order_id << ": " << report.reject_message;
  EXPECT_TRUE(report.broker_order_id.empty());
  EXPECT_TRUE(report.fills.empty());
}

TEST(PaperRejection, An_unknown_symbol_is_rejected) {
  auto broker = make_broker(spot_config());
  auto request = market_order("x", Side::buy, qty("1"));
  request.symbol = "ETHUSDT";
  expect_rejected(*broker, request, "unknown_symbol");
}

TEST(PaperRejection, Orders_missing_what_their_type_needs_are_invalid) {
  auto broker = make_broker(spot_config());
  auto no_limit = limit_order("no-limit", Side::buy, qty("0.1"), px("29000"));
  no_limit.limit_price.reset();
  expect_rejected(*broker, no_limit, "invalid_order");
  auto no_stop = stop_order("no-stop", Side::buy, qty("0.1"), px("31000"));
  no_stop.stop_price.reset();
  expect_rejected(*broker, no_stop, "invalid_order");
  auto ioc_stop = stop_order("ioc-stop", Side::buy, qty("0.1"), px("31000"));
  ioc_stop.time_in_force = TimeInForce::ioc;
  expect_rejected(*broker, ioc_stop, "invalid_order");
  expect_rejected(*broker, market_order("", Side::buy, qty("0.1")), "invalid_order");
}

TEST(PaperRejection, Each_instrument_filter_names_its_violation) {
  auto broker = make_broker(spot_config());
  expect_rejected(*broker, limit_order("tick", Side::buy, qty("0.1"), px("29900.005")),
                  "price_filter");
  expect_rejected(*broker, market_order("small", Side::buy, qty("0.0005")), "min_qty");
  expect_rejected(*broker, market_order("huge", Side::buy, qty("150")), "max_qty");
  expect_rejected(*broker, market_order("step", Side::buy, qty("0.0015")), "lot_size");
  // 0.001 * 9000 = 9, below the minimum notional of 10.
  expect_rejected(*broker, limit_order("tiny", Side::buy, qty("0.001"), px("9000")),
                  "min_notional");
  EXPECT_EQ(balance_of(*broker, "USDT"), (Balance{"USDT", money("100000"), Money{}}));
}

TEST(PaperRejection, Amounts_beyond_what_money_can_hold_are_an_invalid_order) {
  auto config = spot_config();
  config.instruments[0].rules.max_qty = Quantity{};  // no maximum
  auto broker = make_broker(config);
  // 90e9 * 9e8 = 8.1e19 of notional, beyond Money's 1e18.
  expect_rejected(*broker, limit_order("absurd", Side::buy, qty("90000000000"), px("900000000")),
                  "invalid_order");
  EXPECT_EQ(balance_of(*broker, "USDT"), (Balance{"USDT", money("100000"), Money{}}));
}

TEST(PaperRejection, A_spot_buy_beyond_the_quote_balance_is_insufficient_balance) {
  auto broker = make_broker(spot_config());
  // 4 * 30015 = 120060 > 100000.
  expect_rejected(*broker, market_order("big", Side::buy, qty("4")), "insufficient_balance");
  // Selling what the account does not hold.
  expect_rejected(*broker, market_order("naked", Side::sell, qty("0.1")), "insufficient_balance");
}

TEST(PaperRejection, A_futures_order_needs_its_margin_and_fee_free) {
  auto broker = make_broker(futures_config());
  // 3.5 * 30000 / 10 = 10500 of margin > 10000.
  expect_rejected(*broker, market_order("too-big", Side::buy, qty("3.5")), "insufficient_balance");
  // 3 * 30000 / 10 = 9000 of margin + 36 of fee fits.
  EXPECT_EQ(place(*broker, market_order("fits", Side::buy, qty("3"))).status, OrderStatus::filled);
}

TEST(PaperRejection, Reduce_only_orders_that_would_increase_or_flip_the_position_are_rejected) {
  auto broker = make_broker(futures_config());
  auto flat_reduce = market_order("r1", Side::sell, qty("0.1"));
  flat_reduce.reduce_only = true;
  expect_rejected(*broker, flat_reduce, "reduce_only");

  (void)place(*broker, market_order("open", Side::buy, qty("0.1")));
  auto flip = market_order("r2", Side::sell, qty("0.2"));
  flip.reduce_only = true;
  expect_rejected(*broker, flip, "reduce_only");
  auto increase = market_order("r3", Side::buy, qty("0.1"));
  increase.reduce_only = true;
  expect_rejected(*broker, increase, "reduce_only");

  auto close = market_order("r4", Side::sell, qty("0.1"));
  close.reduce_only = true;
  EXPECT_EQ(place(*broker, close).status, OrderStatus::filled);
  EXPECT_TRUE(broker->positions()->empty());
}

TEST(PaperRejection, The_position_side_must_match_one_way_or_hedge_mode) {
  auto one_way = make_broker(futures_config(false));
  expect_rejected(*one_way, market_order("l", Side::buy, qty("0.1"), PositionSide::long_side),
                  "position_side");
  auto hedge = make_broker(futures_config(true));
  expect_rejected(*hedge, market_order("b", Side::buy, qty("0.1"), PositionSide::both),
                  "position_side");
}

TEST(PaperRejection, Injected_rejections_refuse_the_next_n_new_orders_only) {
  auto broker = make_broker(spot_config());
  PaperFaults faults;
  faults.rejections = 2;
  broker->set_faults(faults);

  expect_rejected(*broker, market_order("i1", Side::buy, qty("0.1")), "injected");
  // A repeat of a known id is not a new order and does not use up a rejection.
  expect_rejected(*broker, market_order("i1", Side::buy, qty("0.1")), "injected");
  expect_rejected(*broker, market_order("i2", Side::buy, qty("0.1")), "injected");
  EXPECT_EQ(place(*broker, market_order("i3", Side::buy, qty("0.1"))).status, OrderStatus::filled);
  EXPECT_EQ(broker->faults().rejections, 0u);
}

}  // namespace
}  // namespace tvbot::testing
