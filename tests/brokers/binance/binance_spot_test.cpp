// The spot adapter against the emulator over real sockets on loopback: orders, filters,
// and every failure mode the venue has.
#include <gtest/gtest.h>

#include <thread>

#include "brokers/binance/binance_broker.hpp"
#include "brokers/binance/client_id.hpp"
#include "tests/brokers/binance/binance_emulator.hpp"
#include "tests/brokers/binance/binance_test_transport.hpp"

namespace tvbot::binance {
namespace {

using namespace std::chrono_literals;
using testing::BinanceEmulator;

constexpr const char* kKey = "test-api-key-0123456789";
constexpr const char* kSecret = "test-api-secret-9876543210";

Price P(std::string_view text) { return *Price::parse(text); }
Quantity Q(std::string_view text) { return *Quantity::parse(text); }
Money M(std::string_view text) { return *Money::parse(text); }

testing::EmulatorSymbol btcusdt() {
  return {"BTCUSDT", "BTC", "USDT", P("0.01"), Q("0.00001"), Q("0.00001"), Q("9000"), M("5"), P("60000")};
}

class BinanceSpotTest : public ::testing::Test {
 protected:
  BinanceSpotTest() : emulator_(Venue::spot, kKey, kSecret) {
    emulator_.add_symbol(btcusdt());
    emulator_.set_balance("USDT", M("100000"));
    emulator_.set_balance("BTC", M("1"));
    broker_ = make_broker(kSecret);
  }

  std::unique_ptr<BinanceBroker> make_broker(const std::string& secret, int weight_limit = 0,
                                             std::chrono::milliseconds timeout = 5000ms) {
    BinanceOptions options;
    options.rest.venue = Venue::spot;
    options.rest.api_key = kKey;
    options.rest.api_secret = secret;
    options.rest.weight_limit = weight_limit;
    options.rest.max_wait = 0ms;
    options.unknown_outcome_delay = 20ms;
    return std::make_unique<BinanceBroker>(options, testing::loopback_transport(emulator_.base_url(), timeout));
  }

  static OrderRequest market(std::string id, Side side, std::string_view qty) {
    OrderRequest request;
    request.client_order_id = std::move(id);
    request.symbol = "BTCUSDT";
    request.side = side;
    request.type = OrderType::market;
    request.qty = Q(qty);
    return request;
  }

  static OrderRequest limit(std::string id, Side side, std::string_view qty, std::string_view price) {
    OrderRequest request = market(std::move(id), side, qty);
    request.type = OrderType::limit;
    request.limit_price = P(price);
    return request;
  }

  BinanceEmulator emulator_;
  std::unique_ptr<BinanceBroker> broker_;
};

TEST_F(BinanceSpotTest, Market_buy_fills_with_the_venues_fills_and_fee_in_the_quote) {
  auto report = broker_->place_order(market("alpha/BTCUSDT:1", Side::buy, "0.1"));
  ASSERT_TRUE(report.ok()) << report.error().message;
  EXPECT_EQ(report->status, OrderStatus::filled);
  EXPECT_EQ(report->client_order_id, "alpha/BTCUSDT:1");
  EXPECT_EQ(report->filled_qty, Q("0.1"));
  EXPECT_EQ(report->avg_price, P("60000"));
  ASSERT_EQ(report->fills.size(), 1u);
  // The venue takes 0.1 % of the BTC bought (0.0001 BTC); worth 6 USDT at the fill price.
  EXPECT_EQ(report->fills[0].fee, M("6"));
  EXPECT_EQ(report->fills[0].fee_asset, "USDT");
  ASSERT_EQ(emulator_.orders().size(), 1u);
  EXPECT_EQ(emulator_.orders()[0].client_order_id, "alpha/BTCUSDT:1");
  EXPECT_EQ(emulator_.balance("USDT"), M("94000"));
}

TEST_F(BinanceSpotTest, Quantity_is_rounded_down_to_the_step_before_sending) {
  auto report = broker_->place_order(market("alpha/BTCUSDT:2", Side::sell, "0.123456789"));
  ASSERT_TRUE(report.ok()) << report.error().message;
  EXPECT_EQ(report->status, OrderStatus::filled);
  ASSERT_EQ(emulator_.orders().size(), 1u);
  EXPECT_EQ(emulator_.orders()[0].qty, Q("0.12345"));
  EXPECT_EQ(emulator_.stats().filter_failures, 0);
}

TEST_F(BinanceSpotTest, Order_below_min_notional_is_rejected_before_reaching_the_venue) {
  auto report = broker_->place_order(market("alpha/BTCUSDT:3", Side::buy, "0.00008"));  // 4.8 USDT
  ASSERT_TRUE(report.ok()) << report.error().message;
  EXPECT_EQ(report->status, OrderStatus::rejected);
  EXPECT_EQ(report->reject_reason, "min_notional");
  EXPECT_NE(report->reject_message.find("not sent to Binance"), std::string::npos);
  EXPECT_EQ(emulator_.stats().order_posts, 0);
  EXPECT_TRUE(emulator_.orders().empty());
}

TEST_F(BinanceSpotTest, Order_below_min_qty_is_rejected_before_reaching_the_venue) {
  auto report = broker_->place_order(limit("alpha/BTCUSDT:4", Side::buy, "0.000004", "60000"));
  ASSERT_TRUE(report.ok());
  EXPECT_EQ(report->status, OrderStatus::rejected);
  EXPECT_EQ(report->reject_reason, "min_qty");
  EXPECT_EQ(emulator_.stats().order_posts, 0);
}

TEST_F(BinanceSpotTest, Limit_order_rests_is_queried_listed_and_cancelled_by_client_id) {
  auto placed = broker_->place_order(limit("alpha/BTCUSDT:5", Side::buy, "0.01", "59000.004"));
  ASSERT_TRUE(placed.ok()) << placed.error().message;
  EXPECT_EQ(placed->status, OrderStatus::new_);
  EXPECT_EQ(emulator_.orders()[0].price, P("59000"));  // buy price rounded down to the tick
  auto found = broker_->query_order("BTCUSDT", "alpha/BTCUSDT:5");
  ASSERT_TRUE(found.ok() && found->has_value());
  EXPECT_EQ((*found)->broker_order_id, placed->broker_order_id);
  auto open = broker_->open_orders(std::string_view("BTCUSDT"));
  ASSERT_TRUE(open.ok());
  ASSERT_EQ(open->size(), 1u);
  auto cancelled = broker_->cancel_order("BTCUSDT", "alpha/BTCUSDT:5");
  ASSERT_TRUE(cancelled.ok()) << cancelled.error().message;
  EXPECT_EQ(cancelled->status, OrderStatus::cancelled);
  auto again = broker_->cancel_order("BTCUSDT", "alpha/BTCUSDT:5");  // already ended
  ASSERT_TRUE(again.ok()) << again.error().message;
  EXPECT_EQ(again->status, OrderStatus::cancelled);
  auto unknown = broker_->cancel_order("BTCUSDT", "alpha/BTCUSDT:999");
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.error().code, broker_error::not_found);
  auto never = broker_->query_order("BTCUSDT", "alpha/BTCUSDT:999");
  ASSERT_TRUE(never.ok());
  EXPECT_FALSE(never->has_value());
}

TEST_F(BinanceSpotTest, Resting_limit_fill_is_found_with_its_trades_on_query) {
  ASSERT_TRUE(broker_->place_order(limit("alpha/BTCUSDT:6", Side::buy, "0.01", "59000")).ok());
  emulator_.set_price("BTCUSDT", P("58990"));
  auto found = broker_->query_order("BTCUSDT", "alpha/BTCUSDT:6");
  ASSERT_TRUE(found.ok() && found->has_value()) << (found.ok() ? "" : found.error().message);
  EXPECT_EQ((*found)->status, OrderStatus::filled);
  ASSERT_EQ((*found)->fills.size(), 1u);
  EXPECT_EQ((*found)->fills[0].price, P("59000"));
  EXPECT_TRUE((*found)->fills[0].is_maker);
  EXPECT_EQ((*found)->avg_price, P("59000"));
}

TEST_F(BinanceSpotTest, Timestamp_outside_recv_window_resyncs_the_clock_and_succeeds) {
  ASSERT_TRUE(broker_->balances().ok());  // clock synced with the venue
  emulator_.set_clock_skew(30s);          // the venue's clock jumps ahead
  auto report = broker_->place_order(market("alpha/BTCUSDT:7", Side::buy, "0.01"));
  ASSERT_TRUE(report.ok()) << report.error().message;
  EXPECT_EQ(report->status, OrderStatus::filled);
  EXPECT_EQ(emulator_.stats().timestamp_rejections, 1);
  EXPECT_EQ(emulator_.orders().size(), 1u);
}

TEST_F(BinanceSpotTest, Venue_lot_size_failure_is_a_rejected_report_with_the_reason) {
  ASSERT_TRUE(broker_->instrument_rules("BTCUSDT").ok());  // rules cached
  auto coarser = btcusdt();
  coarser.step = Q("0.001");  // the venue changed LOT_SIZE since
  coarser.min_qty = Q("0.001");
  emulator_.add_symbol(coarser);
  auto report = broker_->place_order(market("alpha/BTCUSDT:8", Side::buy, "0.0015"));
  ASSERT_TRUE(report.ok()) << report.error().message;
  EXPECT_EQ(report->status, OrderStatus::rejected);
  EXPECT_EQ(report->reject_reason, "lot_size");
  EXPECT_EQ(report->reject_message, "Binance -1013: Filter failure: LOT_SIZE");
  EXPECT_EQ(emulator_.stats().filter_failures, 1);
  // The refusal dropped the cached filters: the next order is rounded to the new step.
  auto next = broker_->place_order(market("alpha/BTCUSDT:16", Side::buy, "0.0015"));
  ASSERT_TRUE(next.ok()) << next.error().message;
  EXPECT_EQ(next->status, OrderStatus::filled);
  EXPECT_EQ(emulator_.orders().back().qty, Q("0.001"));
  EXPECT_EQ(emulator_.stats().filter_failures, 1);
}

TEST_F(BinanceSpotTest, Venue_notional_failure_is_a_rejected_report_with_the_reason) {
  ASSERT_TRUE(broker_->instrument_rules("BTCUSDT").ok());
  auto stricter = btcusdt();
  stricter.min_notional = M("100");
  emulator_.add_symbol(stricter);
  auto report = broker_->place_order(market("alpha/BTCUSDT:9", Side::buy, "0.001"));  // 60 USDT
  ASSERT_TRUE(report.ok()) << report.error().message;
  EXPECT_EQ(report->status, OrderStatus::rejected);
  EXPECT_EQ(report->reject_reason, "min_notional");
}

TEST_F(BinanceSpotTest, Http_429_backs_off_for_retry_after_without_calling_the_venue) {
  ASSERT_TRUE(broker_->balances().ok());
  emulator_.answer_429(1, 1);
  auto first = broker_->last_price("BTCUSDT");
  ASSERT_FALSE(first.ok());
  EXPECT_EQ(first.error().code, broker_error::unavailable);
  const int requests = emulator_.stats().requests;
  auto second = broker_->place_order(market("alpha/BTCUSDT:10", Side::buy, "0.01"));
  ASSERT_FALSE(second.ok());
  EXPECT_EQ(second.error().code, broker_error::unavailable);
  EXPECT_NE(second.error().message.find("429"), std::string::npos);
  EXPECT_EQ(emulator_.stats().requests, requests);  // nothing was sent while backing off
  std::this_thread::sleep_for(1100ms);
  auto later = broker_->place_order(market("alpha/BTCUSDT:10", Side::buy, "0.01"));
  ASSERT_TRUE(later.ok()) << later.error().message;
  EXPECT_EQ(later->status, OrderStatus::filled);
}

TEST_F(BinanceSpotTest, Http_418_ban_refuses_every_call_until_retry_after) {
  ASSERT_TRUE(broker_->balances().ok());
  emulator_.answer_418(1);
  auto first = broker_->balances();
  ASSERT_FALSE(first.ok());
  const int requests = emulator_.stats().requests;
  auto second = broker_->query_order("BTCUSDT", "alpha/BTCUSDT:1");
  ASSERT_FALSE(second.ok());
  EXPECT_EQ(second.error().code, broker_error::unavailable);
  EXPECT_NE(second.error().message.find("banned"), std::string::npos);
  EXPECT_EQ(emulator_.stats().requests, requests);
  std::this_thread::sleep_for(1100ms);
  EXPECT_TRUE(broker_->balances().ok());
}

TEST_F(BinanceSpotTest, A_5xx_after_the_venue_placed_the_order_yields_exactly_one_order) {
  emulator_.fail_next_order_after_placing(503);
  auto report = broker_->place_order(market("alpha/BTCUSDT:11", Side::buy, "0.01"));
  ASSERT_TRUE(report.ok()) << report.error().message;
  EXPECT_EQ(report->status, OrderStatus::filled);
  EXPECT_EQ(report->fills.size(), 1u);
  EXPECT_EQ(emulator_.orders().size(), 1u);
  EXPECT_EQ(emulator_.stats().order_posts, 1);
}

TEST_F(BinanceSpotTest, A_timeout_after_sending_is_resolved_by_client_id_not_by_resending) {
  auto broker = make_broker(kSecret, 0, 300ms);
  ASSERT_TRUE(broker->instrument_rules("BTCUSDT").ok());
  emulator_.delay_next_order_answer(1000ms);
  auto report = broker->place_order(limit("alpha/BTCUSDT:15", Side::buy, "0.01", "50000"));
  ASSERT_TRUE(report.ok()) << report.error().message;
  EXPECT_EQ(report->status, OrderStatus::new_);
  EXPECT_EQ(emulator_.orders().size(), 1u);
  EXPECT_EQ(emulator_.stats().order_posts, 1);
}

TEST_F(BinanceSpotTest, A_5xx_before_placing_leaves_the_outcome_unknown_and_nothing_placed) {
  emulator_.fail_next_order_before_placing(500);
  auto report = broker_->place_order(market("alpha/BTCUSDT:12", Side::buy, "0.01"));
  ASSERT_FALSE(report.ok());
  EXPECT_TRUE(outcome_unknown(report.error()));
  EXPECT_TRUE(emulator_.orders().empty());
  auto found = broker_->query_order("BTCUSDT", "alpha/BTCUSDT:12");
  ASSERT_TRUE(found.ok());
  EXPECT_FALSE(found->has_value());  // so the gateway may place it, once
  ASSERT_TRUE(broker_->place_order(market("alpha/BTCUSDT:12", Side::buy, "0.01")).ok());
  EXPECT_EQ(emulator_.orders().size(), 1u);
}

TEST_F(BinanceSpotTest, Repeat_of_a_working_order_returns_it_rather_than_a_second_one) {
  auto first = broker_->place_order(limit("alpha/BTCUSDT:13", Side::buy, "0.01", "50000"));
  ASSERT_TRUE(first.ok());
  auto repeat = broker_->place_order(limit("alpha/BTCUSDT:13", Side::buy, "0.01", "50000"));
  ASSERT_TRUE(repeat.ok()) << repeat.error().message;
  EXPECT_EQ(repeat->broker_order_id, first->broker_order_id);
  EXPECT_EQ(emulator_.orders().size(), 1u);
}

TEST_F(BinanceSpotTest, After_a_restart_a_hashed_client_id_finds_the_same_order) {
  const std::string long_id = "a-rather-long-bot-name/BTCUSDT:1234567";
  auto placed = broker_->place_order(limit(long_id, Side::buy, "0.01", "50000"));
  ASSERT_TRUE(placed.ok()) << placed.error().message;
  EXPECT_EQ(emulator_.orders()[0].client_order_id, to_binance_client_order_id(long_id));
  broker_.reset();
  auto restarted = make_broker(kSecret);
  auto found = restarted->query_order("BTCUSDT", long_id);
  ASSERT_TRUE(found.ok() && found->has_value());
  EXPECT_EQ((*found)->broker_order_id, placed->broker_order_id);
  EXPECT_EQ((*found)->client_order_id, long_id);
}

TEST_F(BinanceSpotTest, Wrong_secret_is_a_clear_error_that_never_shows_the_secret) {
  auto broker = make_broker("not-the-secret-abcdef");
  auto report = broker->place_order(market("alpha/BTCUSDT:14", Side::buy, "0.01"));
  ASSERT_FALSE(report.ok());
  EXPECT_EQ(report.error().code, broker_error::rejected);
  EXPECT_NE(report.error().message.find("-1022"), std::string::npos);
  EXPECT_EQ(report.error().message.find("not-the-secret"), std::string::npos);
  EXPECT_EQ(report.error().message.find(kKey), std::string::npos);
  EXPECT_TRUE(emulator_.orders().empty());
}

TEST_F(BinanceSpotTest, Used_weight_near_the_limit_holds_calls_back) {
  auto broker = make_broker(kSecret, 1000);
  emulator_.report_used_weight(950);
  ASSERT_TRUE(broker->last_price("BTCUSDT").ok());  // learns 950 of 1000 are used
  const int requests = emulator_.stats().requests;
  auto held = broker->last_price("BTCUSDT");
  ASSERT_FALSE(held.ok());
  EXPECT_EQ(held.error().code, broker_error::unavailable);
  EXPECT_NE(held.error().message.find("weight"), std::string::npos);
  EXPECT_EQ(emulator_.stats().requests, requests);
}

TEST_F(BinanceSpotTest, Balances_prices_and_rules) {
  auto balances = broker_->balances();
  ASSERT_TRUE(balances.ok()) << balances.error().message;
  ASSERT_EQ(balances->size(), 2u);
  EXPECT_EQ((*balances)[0], (Balance{"BTC", M("1"), M("0")}));
  auto prices = broker_->last_prices({"BTCUSDT"});
  ASSERT_TRUE(prices.ok());
  EXPECT_EQ((*prices)[0].price, P("60000"));
  auto unknown = broker_->last_prices({"BTCUSDT", "NOPE"});
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.error().code, broker_error::unknown_symbol);
  auto rules = broker_->instrument_rules("BTCUSDT");
  ASSERT_TRUE(rules.ok());
  EXPECT_EQ(rules->min_notional, M("5"));
  auto nope = market("alpha/NOPE:1", Side::buy, "1");
  nope.symbol = "NOPE";
  auto missing = broker_->place_order(nope);
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().code, broker_error::unknown_symbol);
  auto positions = broker_->positions();
  ASSERT_TRUE(positions.ok());
  EXPECT_TRUE(positions->empty());
}

}  // namespace
}  // namespace tvbot::binance
