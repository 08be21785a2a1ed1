// The broker gateway through the engine: unknown outcomes are queried by client id before
// anything is placed again, refusals become OrderRejected, slow calls time out.
#include <gtest/gtest.h>

#include "actors_test_support.hpp"

namespace tvbot::actors::testing {
namespace {

using BrokerGateway = EngineFixture;

constexpr const char* kFirstOrder = "bot1/BTCUSDT:2";

TEST_F(BrokerGateway, A_timeout_after_placing_is_found_by_query_so_there_is_one_order_and_one_fill) {
  PaperFaults faults;
  faults.timeouts_after_placing = 1;
  paper_->set_faults(faults);
  start();

  ASSERT_EQ(send(alert(Action::buy, "0.5")).http_status, 202u);
  ASSERT_TRUE(wait_for<PositionOpened>());

  EXPECT_EQ(counting_->places(kFirstOrder), 1);  // the retry was a query, not a placement
  EXPECT_GE(counting_->queries(kFirstOrder), 1);
  EXPECT_EQ(paper_->fills().size(), 1u);
  EXPECT_EQ(count_of<OrderFilled>(), 1u);
  EXPECT_EQ(all_of<OrderFilled>(events()).at(0).price, px("30015"));
}

TEST_F(BrokerGateway, A_timeout_before_placing_is_queried_then_placed_once) {
  PaperFaults faults;
  faults.timeouts_before_placing = 1;
  paper_->set_faults(faults);
  start();

  ASSERT_EQ(send(alert(Action::buy, "0.5")).http_status, 202u);
  ASSERT_TRUE(wait_for<PositionOpened>());

  EXPECT_EQ(counting_->places(kFirstOrder), 2);
  EXPECT_GE(counting_->queries(kFirstOrder), 1);
  EXPECT_EQ(paper_->fills().size(), 1u);
  EXPECT_EQ(count_of<OrderFilled>(), 1u);
}

TEST_F(BrokerGateway, An_unavailable_venue_is_retried_until_it_places_the_order) {
  PaperFaults faults;
  faults.unavailable_calls = 3;
  paper_->set_faults(faults);
  start();

  ASSERT_EQ(send(alert(Action::buy, "0.5")).http_status, 202u);
  ASSERT_TRUE(wait_for<PositionOpened>());

  // "unavailable" means the venue did nothing, so each retry is a placement again.
  EXPECT_EQ(counting_->places(kFirstOrder), 4);
  EXPECT_EQ(paper_->fills().size(), 1u);
  EXPECT_EQ(count_of<OrderFilled>(), 1u);
}

TEST_F(BrokerGateway, A_rejection_by_the_broker_is_recorded_with_its_reason_and_frees_the_entry) {
  PaperFaults faults;
  faults.rejections = 1;
  paper_->set_faults(faults);
  settings_.position.max_entries = 1;
  start();

  ASSERT_EQ(send(alert(Action::buy, "0.5")).http_status, 202u);
  ASSERT_TRUE(wait_for<OrderRejected>());

  const auto rejected = all_of<OrderRejected>(events()).at(0);
  EXPECT_EQ(rejected.client_order_id, kFirstOrder);
  EXPECT_EQ(rejected.reason, "injected");
  EXPECT_FALSE(rejected.message.empty());
  EXPECT_TRUE(state().pending.empty());
  EXPECT_EQ(count_of<PositionOpened>(), 0u);
  EXPECT_TRUE(paper_->fills().empty());

  // With max_entries 1, an order still in flight would refuse the next entry.
  ASSERT_EQ(send(alert(Action::buy, "0.5")).http_status, 202u);
  ASSERT_TRUE(wait_for<PositionOpened>());
  EXPECT_EQ(count_of<AlertRejected>(), 0u);
}

TEST_F(BrokerGateway, An_order_the_venue_refuses_by_its_rules_is_rejected_with_the_venues_reason) {
  // 0.0015 BTC is not a whole number of the venue's 0.001 lots; with no lot step configured,
  // sizing lets it through and the venue refuses it.
  settings_.position.lot_step = Quantity{};
  start();

  ASSERT_EQ(send(alert(Action::buy, "0.0015")).http_status, 202u);
  ASSERT_TRUE(wait_for<OrderRejected>());

  const auto rejected = all_of<OrderRejected>(events()).at(0);
  EXPECT_EQ(rejected.reason, "lot_size");
  EXPECT_EQ(counting_->places(kFirstOrder), 1);  // a refusal is final: never placed again
}

TEST_F(BrokerGateway, A_price_query_slower_than_the_call_timeout_rejects_the_signal_instead_of_holding_it) {
  settings_.position.sizing.kind = SizingRule::Kind::quote_amount;
  settings_.position.sizing.quote_amount = money("1000");
  PaperFaults slow;
  slow.delay = std::chrono::milliseconds(1000);
  paper_->set_faults(slow);
  auto options = fast_options();
  options.gateway.call_timeout = std::chrono::milliseconds(50);
  start(options);

  ASSERT_EQ(send(alert(Action::buy)).http_status, 202u);
  ASSERT_TRUE(wait_for<AlertRejected>());

  EXPECT_EQ(all_of<AlertRejected>(events()).at(0).reason, "missing_price");
  EXPECT_EQ(count_of<OrderRequested>(), 0u);
}

TEST_F(BrokerGateway, An_order_waits_until_the_earlier_order_of_its_stream_is_at_the_broker) {
  PaperFaults faults;
  faults.timeouts_before_placing = 1;
  paper_->set_faults(faults);
  auto options = fast_options();
  options.gateway.first_backoff = std::chrono::milliseconds(300);  // the entry stays unknown
  start(options);

  ASSERT_EQ(send(alert(Action::buy, "0.5")).http_status, 202u);
  ASSERT_TRUE(wait_until([&] { return counting_->places(kFirstOrder) == 1; }));
  // The close covers the entry in flight; placed before the entry lands, a spot sell of
  // BTC not yet bought would be refused.
  ASSERT_EQ(send(alert(Action::close)).http_status, 202u);
  ASSERT_TRUE(wait_for<PositionClosed>());

  EXPECT_EQ(count_of<OrderRejected>(), 0u);
  const auto fills = paper_->fills();
  ASSERT_EQ(fills.size(), 2u);
  EXPECT_EQ(fills[0].side, Side::buy);
  EXPECT_EQ(fills[1].side, Side::sell);
}

}  // namespace
}  // namespace tvbot::actors::testing
