// The USD-M futures adapter against the emulator: one-way and hedge mode, fills from
// userTrades, position side mismatch (-4061), and the 5xx-after-placing fault.
#include <gtest/gtest.h>

#include "brokers/binance/binance_broker.hpp"
#include "tests/brokers/binance/binance_emulator.hpp"
#include "tests/brokers/binance/binance_test_transport.hpp"

namespace tvbot::binance {
namespace {

using namespace std::chrono_literals;
using testing::BinanceEmulator;

constexpr const char* kKey = "futures-key-abcdef";
constexpr const char* kSecret = "futures-secret-123456";

Price P(std::string_view text) { return *Price::parse(text); }
Quantity Q(std::string_view text) { return *Quantity::parse(text); }
Money M(std::string_view text) { return *Money::parse(text); }

class BinanceFuturesTest : public ::testing::Test {
 protected:
  BinanceFuturesTest() : emulator_(Venue::usdm_futures, kKey, kSecret) {
    emulator_.add_symbol({"BTCUSDT", "BTC", "USDT", P("0.1"), Q("0.001"), Q("0.001"), Q("1000"), M("100"),
                          P("60000")});
    emulator_.set_balance("USDT", M("10000"));
    emulator_.set_taker_fee_rate(*Ratio::parse("0.0004"));
    BinanceOptions options;
    options.rest.venue = Venue::usdm_futures;
    options.rest.api_key = kKey;
    options.rest.api_secret = kSecret;
    options.unknown_outcome_delay = 20ms;
    broker_ = std::make_unique<BinanceBroker>(options, testing::loopback_transport(emulator_.base_url()));
  }

  static OrderRequest market(std::string id, Side side, std::string_view qty,
                             PositionSide position_side = PositionSide::both) {
    OrderRequest request;
    request.client_order_id = std::move(id);
    request.symbol = "BTCUSDT";
    request.side = side;
    request.position_side = position_side;
    request.type = OrderType::market;
    request.qty = Q(qty);
    return request;
  }

  BinanceEmulator emulator_;
  std::unique_ptr<BinanceBroker> broker_;
};

TEST_F(BinanceFuturesTest, One_way_market_order_fills_with_fees_from_user_trades) {
  auto report = broker_->place_order(market("alpha/BTCUSDT:1", Side::buy, "0.01"));
  ASSERT_TRUE(report.ok()) << report.error().message;
  EXPECT_EQ(report->status, OrderStatus::filled);
  EXPECT_EQ(report->avg_price, P("60000"));
  ASSERT_EQ(report->fills.size(), 1u);
  EXPECT_EQ(report->fills[0].fee, M("0.24"));  // 600 USDT * 0.04 %
  EXPECT_EQ(report->fills[0].fee_asset, "USDT");
  auto positions = broker_->positions();
  ASSERT_TRUE(positions.ok()) << positions.error().message;
  ASSERT_EQ(positions->size(), 1u);
  EXPECT_EQ((*positions)[0], (BrokerPosition{"BTCUSDT", PositionSide::both, Q("0.01"), P("60000")}));
  auto mode = broker_->hedge_mode();
  ASSERT_TRUE(mode.ok());
  EXPECT_FALSE(*mode);
}

TEST_F(BinanceFuturesTest, One_way_short_and_reduce_only_close) {
  ASSERT_TRUE(broker_->place_order(market("alpha/BTCUSDT:2", Side::sell, "0.02")).ok());
  EXPECT_EQ(emulator_.position("BTCUSDT", "BOTH"), Q("-0.02"));
  auto close = market("alpha/BTCUSDT:3", Side::buy, "0.02");
  close.reduce_only = true;
  emulator_.set_price("BTCUSDT", P("59000"));
  auto report = broker_->place_order(close);
  ASSERT_TRUE(report.ok()) << report.error().message;
  EXPECT_EQ(report->status, OrderStatus::filled);
  EXPECT_TRUE(emulator_.position("BTCUSDT", "BOTH").is_zero());
  auto positions = broker_->positions();
  ASSERT_TRUE(positions.ok());
  EXPECT_TRUE(positions->empty());
}

TEST_F(BinanceFuturesTest, Hedge_mode_order_without_a_position_side_is_rejected_by_the_venue) {
  emulator_.set_hedge_mode(true);
  auto report = broker_->place_order(market("beta/BTCUSDT:1", Side::buy, "0.01"));
  ASSERT_TRUE(report.ok()) << report.error().message;
  EXPECT_EQ(report->status, OrderStatus::rejected);
  EXPECT_EQ(report->reject_reason, "position_side_mismatch");
  EXPECT_NE(report->reject_message.find("-4061"), std::string::npos);
  EXPECT_TRUE(emulator_.orders().empty());
}

TEST_F(BinanceFuturesTest, Hedge_mode_long_and_short_legs_are_separate_positions) {
  emulator_.set_hedge_mode(true);
  auto mode = broker_->hedge_mode();
  ASSERT_TRUE(mode.ok());
  EXPECT_TRUE(*mode);
  ASSERT_TRUE(broker_->place_order(market("beta/BTCUSDT:2", Side::buy, "0.01", PositionSide::long_side)).ok());
  auto short_leg = broker_->place_order(market("beta/BTCUSDT:3", Side::sell, "0.03", PositionSide::short_side));
  ASSERT_TRUE(short_leg.ok()) << short_leg.error().message;
  EXPECT_EQ(short_leg->position_side, PositionSide::short_side);
  auto positions = broker_->positions();
  ASSERT_TRUE(positions.ok());
  ASSERT_EQ(positions->size(), 2u);
  EXPECT_EQ((*positions)[0], (BrokerPosition{"BTCUSDT", PositionSide::long_side, Q("0.01"), P("60000")}));
  EXPECT_EQ((*positions)[1], (BrokerPosition{"BTCUSDT", PositionSide::short_side, Q("-0.03"), P("60000")}));
  // Closing the long leg: a SELL on the LONG side; reduceOnly is not sent in hedge mode.
  auto close = market("beta/BTCUSDT:4", Side::sell, "0.01", PositionSide::long_side);
  close.reduce_only = true;
  auto closed = broker_->place_order(close);
  ASSERT_TRUE(closed.ok()) << closed.error().message;
  EXPECT_EQ(closed->status, OrderStatus::filled);
  EXPECT_TRUE(emulator_.position("BTCUSDT", "LONG").is_zero());
}

TEST_F(BinanceFuturesTest, A_5xx_after_the_venue_placed_the_order_yields_exactly_one_order) {
  emulator_.fail_next_order_after_placing(502);
  auto report = broker_->place_order(market("alpha/BTCUSDT:5", Side::buy, "0.01"));
  ASSERT_TRUE(report.ok()) << report.error().message;
  EXPECT_EQ(report->status, OrderStatus::filled);
  EXPECT_EQ(report->fills.size(), 1u);
  EXPECT_EQ(emulator_.orders().size(), 1u);
  EXPECT_EQ(emulator_.position("BTCUSDT", "BOTH"), Q("0.01"));
}

TEST_F(BinanceFuturesTest, Notional_below_the_futures_minimum_never_reaches_the_venue) {
  auto report = broker_->place_order(market("alpha/BTCUSDT:6", Side::buy, "0.001"));  // 60 < 100
  ASSERT_TRUE(report.ok());
  EXPECT_EQ(report->status, OrderStatus::rejected);
  EXPECT_EQ(report->reject_reason, "min_notional");
  EXPECT_EQ(emulator_.stats().order_posts, 0);
}

TEST_F(BinanceFuturesTest, Balance_is_the_wallet_after_fees) {
  ASSERT_TRUE(broker_->place_order(market("alpha/BTCUSDT:7", Side::buy, "0.01")).ok());
  auto balances = broker_->balances();
  ASSERT_TRUE(balances.ok()) << balances.error().message;
  ASSERT_EQ(balances->size(), 1u);
  EXPECT_EQ((*balances)[0].asset, "USDT");
  EXPECT_EQ((*balances)[0].free, M("9999.76"));
}

}  // namespace
}  // namespace tvbot::binance
