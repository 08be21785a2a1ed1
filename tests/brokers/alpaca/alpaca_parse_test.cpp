// The parsers on Alpaca's own published bodies (brokers/alpaca/test_data, see SOURCES), the
// client order id mapping, and how order objects become reports.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "brokers/alpaca/alpaca_broker.hpp"
#include "brokers/alpaca/alpaca_messages.hpp"
#include "brokers/alpaca/client_order_id.hpp"
#include "brokers/alpaca/order_report.hpp"

namespace tvbot::alpaca {
namespace {

std::string load(const std::string& name) {
  std::ifstream in(std::string(ALPACA_TEST_DATA) + "/" + name);
  EXPECT_TRUE(in.good()) << name;
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

Price px(const char* text) { return Price::parse_exact(text).value(); }
Quantity qty(const char* text) { return Quantity::parse_exact(text).value(); }
Money money(const char* text) { return Money::parse_exact(text).value(); }

TEST(AlpacaParse, The_documented_notional_order_is_accepted_with_no_qty_and_nothing_filled) {
  auto order = parse_order(load("order_accepted_notional.json"));
  ASSERT_TRUE(order.ok()) << order.error().message;
  EXPECT_EQ(order->id, "61e69015-8549-4bfd-b9c3-01e75843f47d");
  EXPECT_EQ(order->client_order_id, "eb9e2aaa-f71a-4f51-b5b4-52a6c565dad4");
  EXPECT_EQ(order->symbol, "AAPL");
  EXPECT_EQ(order->status, "accepted");
  EXPECT_EQ(order->time_in_force, "day");
  EXPECT_FALSE(order->qty.has_value());
  EXPECT_TRUE(order->filled_qty.is_zero());
  EXPECT_FALSE(order->filled_avg_price.has_value());

  auto report = to_report(*order, "alpha/AAPL:3");
  ASSERT_TRUE(report.ok());
  EXPECT_EQ(report->status, OrderStatus::new_);
  EXPECT_EQ(report->client_order_id, "alpha/AAPL:3");
  EXPECT_EQ(report->broker_order_id, "61e69015-8549-4bfd-b9c3-01e75843f47d");
  EXPECT_TRUE(report->fills.empty());
}

TEST(AlpacaParse, A_filled_fractional_order_becomes_one_fill_at_the_average_price_with_no_fee) {
  auto order = parse_order(load("order_filled_fractional.json"));
  ASSERT_TRUE(order.ok()) << order.error().message;
  EXPECT_EQ(order->qty, qty("0.1"));
  EXPECT_EQ(order->filled_qty, qty("0.1"));
  EXPECT_EQ(order->filled_avg_price, px("154.03"));

  auto report = to_report(*order, "alpha/A:7");
  ASSERT_TRUE(report.ok());
  EXPECT_EQ(report->status, OrderStatus::filled);
  EXPECT_EQ(report->side, Side::buy);
  EXPECT_EQ(report->avg_price, px("154.03"));
  ASSERT_EQ(report->fills.size(), 1u);
  EXPECT_EQ(report->fills[0], (BrokerFill{"39c489ad-fcb1-42b3-9f62-e14c11c62157", qty("0.1"),
                                          px("154.03"), Money{}, "USD", false}));
}

TEST(AlpacaParse, Positions_accounts_assets_and_clocks_parse_to_exact_decimals) {
  auto positions = parse_positions(load("positions.json"));
  ASSERT_TRUE(positions.ok()) << positions.error().message;
  ASSERT_EQ(positions->size(), 2u);
  EXPECT_EQ((*positions)[0].symbol, "NVDA");
  EXPECT_EQ((*positions)[0].qty, qty("4"));
  EXPECT_EQ((*positions)[0].avg_entry_price, px("826.63"));
  EXPECT_EQ((*positions)[1].avg_entry_price, px("201.3075"));
  auto sample = parse_positions(load("position_sample.json"));
  ASSERT_TRUE(sample.ok()) << sample.error().message;
  EXPECT_EQ((*sample)[0].side, "long");
  EXPECT_EQ((*sample)[0].avg_entry_price, px("100.0"));

  auto account = parse_account(load("account.json"));
  ASSERT_TRUE(account.ok()) << account.error().message;
  EXPECT_EQ(account->currency, "USD");
  EXPECT_EQ(account->cash, money("122086.5"));
  EXPECT_EQ(account->buying_power, money("245432.61"));
  EXPECT_EQ(account->equity, money("123346.11"));
  EXPECT_FALSE(account->trading_blocked);

  auto equity = parse_asset(load("asset_equity.json"));
  ASSERT_TRUE(equity.ok()) << equity.error().message;
  EXPECT_TRUE(equity->tradable);
  EXPECT_TRUE(equity->fractionable);
  EXPECT_EQ(equity->asset_class, "us_equity");
  EXPECT_FALSE(equity->min_order_size.has_value());
  auto crypto = parse_asset(load("asset_crypto.json"));
  ASSERT_TRUE(crypto.ok()) << crypto.error().message;
  EXPECT_EQ(crypto->min_order_size, qty("0.0001"));
  EXPECT_EQ(crypto->price_increment, px("1"));

  auto open = parse_clock(load("clock_open.json"));
  ASSERT_TRUE(open.ok());
  EXPECT_TRUE(open->is_open);
  auto closed = parse_clock(load("clock_closed.json"));
  ASSERT_TRUE(closed.ok());
  EXPECT_FALSE(closed->is_open);
  EXPECT_EQ(closed->next_open, "2024-03-25T09:30:00-04:00");
}

TEST(AlpacaParse, The_latest_trade_price_is_read_from_its_digits_not_from_a_double) {
  auto price = parse_latest_trade(load("latest_trade.json"));
  ASSERT_TRUE(price.ok()) << price.error().message;
  EXPECT_EQ(*price, px("125.91"));
  // 19 significant digits: a double keeps about 16, so only the digits give this back.
  auto many =
      parse_latest_trades(R"({"trades":{"AAPL":{"p":123456789.0123456789},"MSFT":{"p":1e2}}})");
  ASSERT_TRUE(many.ok()) << many.error().message;
  EXPECT_EQ(many->at("AAPL").raw(), 1234567890123456789);
  EXPECT_EQ(many->at("MSFT"), px("100"));
}

TEST(AlpacaParse, Error_bodies_give_code_and_message_and_garbage_gives_its_text) {
  auto forbidden = parse_error(load("error_403_min_amount.json"));
  EXPECT_EQ(forbidden.code, "40310000");
  EXPECT_EQ(forbidden.message, "cost basis must be >= minimal amount of order 1");
  auto unauthorized = parse_error(load("error_unauthorized.json"));
  EXPECT_EQ(unauthorized.code, "");
  EXPECT_EQ(unauthorized.message, "unauthorized");
  EXPECT_EQ(parse_error("<html>bad gateway</html>").message, "<html>bad gateway</html>");
}

TEST(AlpacaParse, Malformed_or_incomplete_bodies_are_invalid_responses) {
  EXPECT_EQ(parse_order("not json").error().code, "invalid_response");
  EXPECT_EQ(parse_order(R"({"id":"x"})").error().code, "invalid_response");
  EXPECT_EQ(parse_account(R"({"status":"ACTIVE","currency":"USD","cash":"abc",)"
                          R"("buying_power":"1","equity":"1"})")
                .error()
                .code,
            "invalid_response");
  EXPECT_EQ(parse_positions(R"({"symbol":"AAPL"})").error().code, "invalid_response");
}

TEST(AlpacaStatus, Alpaca_states_map_to_working_or_final_tvbot_states) {
  EXPECT_EQ(map_status("new", false), OrderStatus::new_);
  EXPECT_EQ(map_status("accepted", false), OrderStatus::new_);
  EXPECT_EQ(map_status("pending_new", false), OrderStatus::new_);
  EXPECT_EQ(map_status("done_for_day", true), OrderStatus::partially_filled);
  EXPECT_EQ(map_status("partially_filled", true), OrderStatus::partially_filled);
  EXPECT_EQ(map_status("filled", true), OrderStatus::filled);
  EXPECT_EQ(map_status("canceled", false), OrderStatus::cancelled);
  EXPECT_EQ(map_status("replaced", false), OrderStatus::cancelled);
  EXPECT_EQ(map_status("expired", true), OrderStatus::expired);
  EXPECT_EQ(map_status("rejected", false), OrderStatus::rejected);
  EXPECT_EQ(map_status("some_new_state", false), OrderStatus::new_);
}

TEST(AlpacaStatus, A_partial_fill_is_booked_only_when_the_order_ends) {
  AlpacaOrder order;
  order.id = "o-1";
  order.symbol = "AAPL";
  order.side = "sell";
  order.status = "partially_filled";
  order.qty = qty("10");
  order.filled_qty = qty("4");
  order.filled_avg_price = px("187.5");
  auto working = to_report(order, "b/AAPL:2");
  ASSERT_TRUE(working.ok());
  EXPECT_EQ(working->status, OrderStatus::partially_filled);
  EXPECT_EQ(working->filled_qty, qty("4"));
  EXPECT_TRUE(working->fills.empty());

  order.status = "canceled";
  auto ended = to_report(order, "b/AAPL:2");
  ASSERT_TRUE(ended.ok());
  EXPECT_EQ(ended->status, OrderStatus::cancelled);
  ASSERT_EQ(ended->fills.size(), 1u);
  EXPECT_EQ(ended->fills[0].qty, qty("4"));
  EXPECT_EQ(ended->fills[0].fill_id, "o-1");

  order.filled_avg_price.reset();
  EXPECT_EQ(to_report(order, "b/AAPL:2").error().code, "invalid_response");
}

TEST(AlpacaClientId, Tvbot_ids_map_to_a_safe_alphabet_and_back) {
  EXPECT_EQ(to_alpaca_client_id("alpha/AAPL:12"), "alpha_sAAPL_c12");
  EXPECT_EQ(from_alpaca_client_id("alpha_sAAPL_c12"), "alpha/AAPL:12");
  EXPECT_EQ(to_alpaca_client_id("my_bot/BRK.B:7"), "my__bot_sBRK.B_c7");
  EXPECT_EQ(from_alpaca_client_id("my__bot_sBRK.B_c7"), "my_bot/BRK.B:7");
  EXPECT_EQ(to_alpaca_client_id("a b"), "a_x20b");
  EXPECT_EQ(from_alpaca_client_id("a_x20b"), "a b");
  // Distinct ids stay distinct where a naive replacement would merge them.
  EXPECT_NE(to_alpaca_client_id("a_s/X:1"), to_alpaca_client_id("a//X:1"));
  EXPECT_EQ(from_alpaca_client_id("eb9e2aaa-f71a-4f51-b5b4-52a6c565dad4"),
            "eb9e2aaa-f71a-4f51-b5b4-52a6c565dad4");
  EXPECT_EQ(from_alpaca_client_id("bad_q"), std::nullopt);
}

TEST(AlpacaClientId, Long_ids_are_hashed_deterministically_within_48_characters) {
  const std::string id = std::string(60, 'b') + "/AAPL:123456";
  const auto mapped = to_alpaca_client_id(id);
  EXPECT_EQ(mapped.size(), 42u);
  EXPECT_EQ(mapped.rfind("_h", 0), 0u);
  EXPECT_EQ(mapped, to_alpaca_client_id(id));  // a restart finds the same order
  EXPECT_NE(mapped, to_alpaca_client_id(std::string(60, 'b') + "/AAPL:123457"));
  EXPECT_EQ(from_alpaca_client_id(mapped), std::nullopt);
  EXPECT_LE(to_alpaca_client_id(std::string(48, 'z')).size(), kMaxClientOrderIdLength);
}

TEST(AlpacaOrderBody, Market_orders_go_as_day_with_a_decimal_string_qty_and_limits_as_gtc) {
  OrderRequest market;
  market.client_order_id = "alpha/AAPL:12";
  market.symbol = "AAPL";
  market.side = Side::buy;
  market.qty = qty("2.5");
  EXPECT_EQ(order_body(market),
            R"({"symbol":"AAPL","qty":"2.5","side":"buy","type":"market","time_in_force":"day",)"
            R"("client_order_id":"alpha_sAAPL_c12"})");
  OrderRequest limit = market;
  limit.type = OrderType::limit;
  limit.side = Side::sell;
  limit.qty = qty("3");
  limit.limit_price = px("190.25");
  EXPECT_EQ(order_body(limit),
            R"({"symbol":"AAPL","qty":"3","side":"sell","type":"limit","time_in_force":"gtc",)"
            R"("limit_price":"190.25","client_order_id":"alpha_sAAPL_c12"})");
}

}  // namespace
}  // namespace tvbot::alpaca
