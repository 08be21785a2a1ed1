// Between the aggregate and the broker: an OrderRequested becomes the OrderRequest the
// venue gets, and a venue's report becomes the commands the aggregate decides on.
#include <gtest/gtest.h>

#include "actors/order_translation.hpp"
#include "actors_test_support.hpp"

namespace tvbot::actors::testing {
namespace {

constexpr Timestamp kNow = 1'700'000'000'000'000'000;
const char* const kId = "bot1/BTCUSDT:2";

StreamState state_with_pending(std::string broker_order_id = "") {
  StreamState state = initial_state("bot1/BTCUSDT");
  state.version = 2;
  PendingOrder order;
  order.client_order_id = kId;
  order.broker_order_id = std::move(broker_order_id);
  order.side = Side::buy;
  order.qty = qty("0.5");
  state.pending.push_back(order);
  return state;
}

OrderReport report(OrderStatus status) {
  OrderReport r;
  r.client_order_id = kId;
  r.broker_order_id = "P-1";
  r.symbol = "BTCUSDT";
  r.side = Side::buy;
  r.status = status;
  r.qty = qty("0.5");
  return r;
}

BrokerFill broker_fill(const char* id, const char* amount, const char* price, const char* fee) {
  return BrokerFill{id, qty(amount), px(price), money(fee), "USDT", false};
}

TEST(OrderTranslation, An_order_request_carries_every_field_of_the_event_and_the_symbol) {
  OrderRequested requested;
  requested.client_order_id = kId;
  requested.side = Side::sell;
  requested.qty = qty("0.25");
  requested.type = OrderType::limit;
  requested.limit_price = px("31000");
  requested.position_side = PositionSide::short_side;
  requested.reduce_only = true;

  const OrderRequest request = to_order_request(requested, "BTCUSDT");

  OrderRequest expected;
  expected.client_order_id = kId;
  expected.symbol = "BTCUSDT";
  expected.side = Side::sell;
  expected.position_side = PositionSide::short_side;
  expected.type = OrderType::limit;
  expected.qty = qty("0.25");
  expected.limit_price = px("31000");
  expected.reduce_only = true;
  EXPECT_EQ(request, expected);
}

TEST(OrderTranslation, A_filled_report_gives_acceptance_then_one_complete_fill) {
  auto filled = report(OrderStatus::filled);
  filled.fills = {broker_fill("F-1", "0.5", "30015", "15.0075")};

  const auto commands = commands_from_report(state_with_pending(), filled, kNow);

  ASSERT_EQ(commands.size(), 2u);
  const auto& accepted = std::get<OrderAcceptedCommand>(commands[0]);
  EXPECT_EQ(accepted.accepted, (OrderAccepted{kId, "P-1"}));
  const auto& fill = std::get<FillCommand>(commands[1]);
  EXPECT_EQ(fill.fill.client_order_id, kId);
  EXPECT_EQ(fill.fill.broker_order_id, "P-1");
  EXPECT_EQ(fill.fill.fill_id, "F-1");
  EXPECT_EQ(fill.fill.qty, qty("0.5"));
  EXPECT_EQ(fill.fill.price, px("30015"));
  EXPECT_EQ(fill.fill.fee, money("15.0075"));
  EXPECT_EQ(fill.fill.fee_asset, "USDT");
  EXPECT_TRUE(fill.fill.order_complete);
  EXPECT_EQ(fill.now, kNow);
}

TEST(OrderTranslation, Fills_already_applied_are_left_out_and_only_the_last_new_one_completes) {
  auto state = state_with_pending("P-1");  // already accepted: no second acceptance
  state.seen_fill_ids.insert("F-1");
  auto filled = report(OrderStatus::filled);
  filled.fills = {broker_fill("F-1", "0.2", "30015", "6.003"),
                  broker_fill("F-2", "0.2", "30016", "6.0032"),
                  broker_fill("F-3", "0.1", "30017", "3.0017")};

  const auto commands = commands_from_report(state, filled, kNow);

  ASSERT_EQ(commands.size(), 2u);
  EXPECT_EQ(std::get<FillCommand>(commands[0]).fill.fill_id, "F-2");
  EXPECT_FALSE(std::get<FillCommand>(commands[0]).fill.order_complete);
  EXPECT_EQ(std::get<FillCommand>(commands[1]).fill.fill_id, "F-3");
  EXPECT_TRUE(std::get<FillCommand>(commands[1]).fill.order_complete);
}

TEST(OrderTranslation, A_partial_fill_of_a_working_order_is_not_complete) {
  auto partial = report(OrderStatus::partially_filled);
  partial.fills = {broker_fill("F-1", "0.2", "30015", "6.003")};

  const auto commands = commands_from_report(state_with_pending("P-1"), partial, kNow);

  ASSERT_EQ(commands.size(), 1u);
  EXPECT_FALSE(std::get<FillCommand>(commands[0]).fill.order_complete);
}

TEST(OrderTranslation, A_rejection_keeps_the_venues_reason_and_message) {
  auto rejected = report(OrderStatus::rejected);
  rejected.broker_order_id.clear();
  rejected.reject_reason = "insufficient_balance";
  rejected.reject_message = "needs 15007.5 USDT, has 100";

  const auto commands = commands_from_report(state_with_pending(), rejected, kNow);

  ASSERT_EQ(commands.size(), 1u);
  EXPECT_EQ(std::get<OrderRejectedCommand>(commands[0]).rejected,
            (OrderRejected{kId, "insufficient_balance", "needs 15007.5 USDT, has 100"}));
}

TEST(OrderTranslation, A_rejection_without_a_reason_says_the_broker_rejected_it) {
  auto rejected = report(OrderStatus::rejected);

  const auto commands = commands_from_report(state_with_pending(), rejected, kNow);

  ASSERT_EQ(commands.size(), 1u);
  EXPECT_EQ(std::get<OrderRejectedCommand>(commands[0]).rejected,
            (OrderRejected{kId, "broker_rejected", "broker_rejected"}));
}

TEST(OrderTranslation, A_report_of_an_order_no_longer_in_flight_brings_no_acknowledgement) {
  auto rejected = report(OrderStatus::rejected);
  auto state = state_with_pending();
  state.pending.clear();

  EXPECT_TRUE(commands_from_report(state, rejected, kNow).empty());
  EXPECT_TRUE(commands_from_report(state, report(OrderStatus::cancelled), kNow).empty());
}

TEST(OrderTranslation, An_expired_remainder_records_its_fills_then_the_cancellation) {
  auto expired = report(OrderStatus::expired);
  expired.reject_reason = "ioc";
  expired.fills = {broker_fill("F-1", "0.2", "30015", "6.003")};

  const auto commands = commands_from_report(state_with_pending("P-1"), expired, kNow);

  ASSERT_EQ(commands.size(), 2u);
  EXPECT_FALSE(std::get<FillCommand>(commands[0]).fill.order_complete);
  EXPECT_EQ(std::get<OrderCancelledCommand>(commands[1]).cancelled, (OrderCancelled{kId, "ioc"}));
}

}  // namespace
}  // namespace tvbot::actors::testing
