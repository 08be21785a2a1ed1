// The parsers on the venue's documented response bodies (brokers/binance/test_data/SOURCES).
#include <gtest/gtest.h>

#include "brokers/binance/errors.hpp"
#include "brokers/binance/responses.hpp"
#include "tests/brokers/binance/binance_test_data.hpp"

namespace tvbot::binance {
namespace {

using testing::test_data;

Price P(std::string_view text) { return *Price::parse(text); }
Quantity Q(std::string_view text) { return *Quantity::parse(text); }
Money M(std::string_view text) { return *Money::parse(text); }

SymbolInfo btcusdt() { return SymbolInfo{"BTCUSDT", "TRADING", "BTC", "USDT", {}}; }

TEST(BinanceParsers, Spot_full_order_answer_gives_fills_average_and_fees) {
  auto report = parse_order(test_data("spot_new_order_full.json"), Venue::spot, btcusdt(), "alpha/BTCUSDT:3");
  ASSERT_TRUE(report.ok()) << report.error().message;
  EXPECT_EQ(report->client_order_id, "alpha/BTCUSDT:3");
  EXPECT_EQ(report->broker_order_id, "28");
  EXPECT_EQ(report->symbol, "BTCUSDT");
  EXPECT_EQ(report->side, Side::sell);
  EXPECT_EQ(report->status, OrderStatus::filled);
  EXPECT_EQ(report->qty, Q("10"));
  EXPECT_EQ(report->filled_qty, Q("10"));
  ASSERT_EQ(report->fills.size(), 5u);
  EXPECT_EQ(report->fills[1].qty, Q("5"));
  EXPECT_EQ(report->fills[1].price, P("3999"));
  EXPECT_EQ(report->fills[1].fee, M("19.995"));
  EXPECT_EQ(report->fills[1].fee_asset, "USDT");
  EXPECT_EQ(report->fills[0].fill_id, "28-0");  // this documented version has no tradeId
  EXPECT_EQ(report->fills[4].fill_id, "28-4");
  // (4000*1 + 3999*5 + 3998*2 + 3997 + 3995) / 10 = 39983 / 10
  EXPECT_EQ(report->avg_price, P("3998.3"));
}

TEST(BinanceParsers, Spot_query_answer_is_a_working_limit_order_without_fills) {
  SymbolInfo info{"LTCBTC", "TRADING", "LTC", "BTC", {}};
  auto report = parse_order(test_data("spot_query_order.json"), Venue::spot, info, "x");
  ASSERT_TRUE(report.ok()) << report.error().message;
  EXPECT_EQ(report->status, OrderStatus::new_);
  EXPECT_EQ(report->broker_order_id, "1");
  EXPECT_EQ(report->qty, Q("1"));
  EXPECT_TRUE(report->filled_qty.is_zero());
  EXPECT_TRUE(report->fills.empty());
  EXPECT_TRUE(report->avg_price.is_zero());
}

TEST(BinanceParsers, Spot_cancel_answer_is_cancelled) {
  SymbolInfo info{"LTCBTC", "TRADING", "LTC", "BTC", {}};
  auto report = parse_order(test_data("spot_cancel_order.json"), Venue::spot, info, "x");
  ASSERT_TRUE(report.ok());
  EXPECT_EQ(report->status, OrderStatus::cancelled);
  EXPECT_EQ(report->broker_order_id, "4");
}

TEST(BinanceParsers, Spot_exchange_info_yields_the_symbol_filters) {
  auto info = parse_exchange_info(test_data("spot_exchange_info.json"), "ETHBTC");
  ASSERT_TRUE(info.ok()) << info.error().message;
  EXPECT_EQ(info->base_asset, "ETH");
  EXPECT_EQ(info->quote_asset, "BTC");
  EXPECT_EQ(info->status, "TRADING");
  EXPECT_EQ(info->rules.tick_size, P("0.000001"));
  EXPECT_EQ(info->rules.lot_step, Q("0.001"));
  EXPECT_EQ(info->rules.min_qty, Q("0.001"));
  EXPECT_EQ(info->rules.max_qty, Q("100000"));
  EXPECT_EQ(info->rules.min_notional, M("0.001"));
}

TEST(BinanceParsers, Exchange_info_without_the_symbol_is_unknown_symbol) {
  auto info = parse_exchange_info(test_data("spot_exchange_info.json"), "DOGEBTC");
  ASSERT_FALSE(info.ok());
  EXPECT_EQ(info.error().code, broker_error::unknown_symbol);
}

TEST(BinanceParsers, Futures_exchange_info_reads_min_notional_from_its_notional_field) {
  auto info = parse_exchange_info(test_data("futures_exchange_info.json"), "BLZUSDT");
  ASSERT_TRUE(info.ok()) << info.error().message;
  EXPECT_EQ(info->rules.tick_size, P("0.0001"));
  EXPECT_EQ(info->rules.lot_step, Q("1"));
  EXPECT_EQ(info->rules.min_qty, Q("1"));
  EXPECT_EQ(info->rules.max_qty, Q("10000000"));  // LOT_SIZE, not MARKET_LOT_SIZE
  EXPECT_EQ(info->rules.min_notional, M("5"));
}

TEST(BinanceParsers, Spot_account_balances_are_decimals_by_asset) {
  auto balances = parse_balances(test_data("spot_account.json"), Venue::spot);
  ASSERT_TRUE(balances.ok()) << balances.error().message;
  ASSERT_EQ(balances->size(), 2u);
  EXPECT_EQ((*balances)[0], (Balance{"BTC", M("4723846.89208129"), M("0")}));
  EXPECT_EQ((*balances)[1], (Balance{"LTC", M("4763368.68006011"), M("0")}));
}

TEST(BinanceParsers, Futures_balance_splits_available_and_locked) {
  auto balances = parse_balances(test_data("futures_balance.json"), Venue::usdm_futures);
  ASSERT_TRUE(balances.ok()) << balances.error().message;
  ASSERT_EQ(balances->size(), 1u);
  EXPECT_EQ((*balances)[0].asset, "USDT");
  EXPECT_EQ((*balances)[0].free, M("23.72469206"));
  EXPECT_EQ((*balances)[0].locked, M("122583.62668697"));
}

TEST(BinanceParsers, Hedge_mode_position_risk_keeps_the_non_flat_leg) {
  auto positions = parse_positions(test_data("futures_position_risk_hedge.json"));
  ASSERT_TRUE(positions.ok()) << positions.error().message;
  ASSERT_EQ(positions->size(), 1u);
  EXPECT_EQ((*positions)[0],
            (BrokerPosition{"BTCUSDT", PositionSide::long_side, Q("0.001"), P("22185.2")}));
}

TEST(BinanceParsers, Futures_order_answer_has_position_side_and_no_fills) {
  auto report = parse_order(test_data("futures_new_order.json"), Venue::usdm_futures, btcusdt(), "b/BTCUSDT:1");
  ASSERT_TRUE(report.ok()) << report.error().message;
  EXPECT_EQ(report->broker_order_id, "22542179");
  EXPECT_EQ(report->position_side, PositionSide::short_side);
  EXPECT_EQ(report->side, Side::buy);
  EXPECT_EQ(report->status, OrderStatus::new_);
  EXPECT_EQ(report->qty, Q("10"));
  EXPECT_TRUE(report->fills.empty());
}

TEST(BinanceParsers, Futures_user_trades_become_fills_with_the_commission) {
  auto fills = parse_trades(test_data("futures_user_trades.json"), Venue::usdm_futures, btcusdt());
  ASSERT_TRUE(fills.ok()) << fills.error().message;
  ASSERT_EQ(fills->size(), 1u);
  EXPECT_EQ((*fills)[0].fill_id, "698759");
  EXPECT_EQ((*fills)[0].qty, Q("0.002"));
  EXPECT_EQ((*fills)[0].price, P("7819.01"));
  EXPECT_EQ((*fills)[0].fee, M("-0.0781901"));
  EXPECT_EQ((*fills)[0].fee_asset, "USDT");
  EXPECT_FALSE((*fills)[0].is_maker);
}

TEST(BinanceParsers, Spot_trade_fee_in_the_base_asset_is_converted_to_the_quote) {
  SymbolInfo info{"BNBBTC", "TRADING", "BNB", "BTC", {}};
  auto fills = parse_trades(test_data("spot_my_trades.json"), Venue::spot, info);
  ASSERT_TRUE(fills.ok()) << fills.error().message;
  ASSERT_EQ(fills->size(), 1u);
  // BNB is the base asset here: 10.1 BNB at 4.000001 BTC = 40.4000101 BTC.
  EXPECT_EQ((*fills)[0].fee, M("40.4000101"));
  EXPECT_EQ((*fills)[0].fee_asset, "BTC");
  EXPECT_EQ((*fills)[0].fill_id, "28457");
}

TEST(BinanceParsers, Base_asset_fee_is_converted_at_the_fill_price) {
  const BrokerFill fill = make_fill("1", Q("0.5"), P("60000"), M("0.0005"), "BTC", false, btcusdt());
  EXPECT_EQ(fill.fee, M("30"));
  EXPECT_EQ(fill.fee_asset, "USDT");
  const BrokerFill bnb = make_fill("2", Q("0.5"), P("60000"), M("0.01"), "BNB", false, btcusdt());
  EXPECT_EQ(bnb.fee, M("0.01"));
  EXPECT_EQ(bnb.fee_asset, "BNB");
}

TEST(BinanceParsers, Filled_report_with_trades_missing_stays_open) {
  OrderReport report;
  report.status = OrderStatus::filled;
  report.filled_qty = Q("2");
  attach_trades(report, {make_fill("1", Q("1"), P("10"), M("0"), "USDT", false, btcusdt())});
  EXPECT_EQ(report.status, OrderStatus::partially_filled);
  attach_trades(report, {make_fill("1", Q("1"), P("10"), M("0"), "USDT", false, btcusdt()),
                         make_fill("2", Q("1"), P("12"), M("0"), "USDT", false, btcusdt())});
  EXPECT_EQ(report.avg_price, P("11"));
}

TEST(BinanceParsers, Ticker_prices_and_server_time) {
  auto prices = parse_prices(test_data("spot_ticker_prices.json"));
  ASSERT_TRUE(prices.ok());
  ASSERT_EQ(prices->size(), 2u);
  EXPECT_EQ((*prices)[0], (SymbolPrice{"LTCBTC", P("4.000002")}));
  EXPECT_EQ((*prices)[1], (SymbolPrice{"ETHBTC", P("0.079466")}));
  auto time = parse_server_time(test_data("spot_server_time.json"));
  ASSERT_TRUE(time.ok());
  EXPECT_EQ(*time, 1499827319559);
}

TEST(BinanceParsers, Error_payload_maps_to_a_clear_error) {
  auto error = parse_api_error(test_data("spot_error_invalid_symbol.json"));
  ASSERT_TRUE(error.has_value());
  EXPECT_EQ(error->code, -1121);
  EXPECT_EQ(error->msg, "Invalid symbol.");
  const Error mapped = request_error(400, error);
  EXPECT_EQ(mapped.code, broker_error::unknown_symbol);
  EXPECT_NE(mapped.message.find("Invalid symbol."), std::string::npos);
}

TEST(BinanceParsers, A_number_field_is_read_from_its_text_not_a_double) {
  auto json = parse_json(R"({"price": 0.1, "qty": 1e-8, "big": 92233720368.54775807})");
  ASSERT_TRUE(json.ok());
  EXPECT_EQ(*decimal_field<Price>(*json, "price"), P("0.1"));
  EXPECT_EQ(decimal_field<Quantity>(*json, "qty")->raw(), 1);
  EXPECT_EQ(*decimal_field<Quantity>(*json, "big"), Quantity::max());
}

TEST(BinanceParsers, Malformed_bodies_are_errors_not_crashes) {
  EXPECT_FALSE(parse_json("{").ok());
  EXPECT_FALSE(parse_json("<html>502 Bad Gateway</html>").ok());
  EXPECT_FALSE(parse_order(std::string_view("{\"orderId\":1}"), Venue::spot, btcusdt(), "x").ok());
  EXPECT_FALSE(parse_api_error("Internal error").has_value());
}

TEST(BinanceErrors, Codes_map_to_reasons_and_retry_classes) {
  EXPECT_EQ(order_reject_reason({-1013, "Filter failure: LOT_SIZE"}), "lot_size");
  EXPECT_EQ(order_reject_reason({-1013, "Filter failure: NOTIONAL"}), "min_notional");
  EXPECT_EQ(order_reject_reason({-1013, "Filter failure: MIN_NOTIONAL"}), "min_notional");
  EXPECT_EQ(order_reject_reason({-1013, "Filter failure: PRICE_FILTER"}), "price_filter");
  EXPECT_EQ(order_reject_reason({-2010, "Account has insufficient balance for requested action."}),
            "insufficient_balance");
  EXPECT_EQ(order_reject_reason({-4061, "Order's position side does not match user's setting."}),
            "position_side_mismatch");
  EXPECT_FALSE(order_reject_reason({-1021, "Timestamp for this request is outside of the recvWindow."}));
  EXPECT_TRUE(is_duplicate_order({-2010, "Duplicate order sent."}));
  EXPECT_TRUE(is_duplicate_order({-4116, "ClientOrderId is duplicated."}));
  EXPECT_EQ(request_error(503, std::nullopt).code, broker_error::timeout);
  EXPECT_EQ(request_error(408, std::nullopt).code, broker_error::timeout);
  EXPECT_EQ(request_error(403, std::nullopt).code, broker_error::unavailable);
  EXPECT_EQ(request_error(400, ApiError{-1007, "Timeout waiting for response from backend server."}).code,
            broker_error::timeout);
  EXPECT_EQ(request_error(429, ApiError{-1003, "Too many requests"}).code, broker_error::unavailable);
  EXPECT_EQ(request_error(418, std::nullopt).code, broker_error::unavailable);
  EXPECT_EQ(request_error(401, ApiError{-2015, "Invalid API-key, IP, or permissions for action."}).code,
            broker_error::rejected);
  EXPECT_EQ(request_error(400, ApiError{-1022, "Signature for this request is not valid."}).code,
            broker_error::rejected);
}

}  // namespace
}  // namespace tvbot::binance
