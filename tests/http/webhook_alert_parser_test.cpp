// Real alert bodies as TradingView and common senders produce them, parsed into Signals.
#include <gtest/gtest.h>

#include <string>

#include "http/webhook/alert_parser.hpp"

namespace tvbot::webhook {
namespace {

// Decimals by their raw mantissa, computed by hand: Quantity has 8 decimals, Price 10.
Quantity quantity_raw(std::int64_t raw) { return Quantity::from_raw(raw); }
Price price_raw(std::int64_t raw) { return Price::from_raw(raw); }

// 2026-11-24T05:51:19Z = 1795499479 s after the epoch.
constexpr Timestamp nov24_055119 = 1'795'499'479'000'000'000;

// A strategy alert whose message box holds
//   {"bot":"btc-trend","secret":"...","action":"{{strategy.order.action}}",
//    "ticker":"{{ticker}}","contracts":"{{strategy.order.contracts}}", ...}
// after TradingView substituted the placeholders (strings, because the template quotes them).
constexpr std::string_view strategy_alert = R"({
  "bot": "btc-trend",
  "secret": "s3cr3t-Long-Enough",
  "action": "buy",
  "ticker": "BINANCE:BTCUSDT.P",
  "contracts": "0.015",
  "price": "27123.5",
  "position_size": "0.03",
  "market_position": "long",
  "prev_market_position": "flat",
  "order_id": "Long Entry",
  "comment": "EMA cross",
  "time": "2026-11-24T05:51:19Z"
})";

// The same kind of template without quotes around numeric placeholders: JSON numbers.
constexpr std::string_view strategy_alert_with_numbers =
    R"({"action":"sell","ticker":"ETHUSDT","contracts":1.25,"position_size":-1.25,)"
    R"("price":1850.75,"timenow":"2026-11-24T05:51:19Z","passphrase":"pp-123"})";

// 3Commas' signal bot "custom signal" JSON.
constexpr std::string_view three_commas_alert = R"({
  "secret": "eyJhbGciOiJIUzI1NiJ9.example",
  "max_lag": "300",
  "timestamp": "2026-11-24T05:51:19Z",
  "trigger_price": "27123.5",
  "tv_exchange": "BINANCE",
  "tv_instrument": "BTCUSDT",
  "action": "enter_long",
  "bot_uuid": "5f27b3a4-5c8e-4a3c-9d0e-1a2b3c4d5e6f",
  "order": {"amount": "0.015", "currency_type": "base"}
})";

// tradingview-webhooks-bot: "key" is its shared secret.
constexpr std::string_view webhooks_bot_alert =
    R"({"key": "WEBHOOK-KEY-123", "action": "Sell", "ticker": "BTCUSD", "qty": 2})";

TEST(AlertParser, Strategy_alert_with_substituted_placeholders_becomes_a_full_signal) {
  Result<ParsedAlert> parsed = parse_alert(strategy_alert, "text/plain; charset=utf-8");
  ASSERT_TRUE(parsed) << parsed.error().message;
  const Signal& signal = parsed->signal;
  EXPECT_EQ(signal.action, Action::buy);
  EXPECT_EQ(signal.ticker, "BINANCE:BTCUSDT.P");
  EXPECT_EQ(signal.symbol, "");
  EXPECT_EQ(signal.qty, quantity_raw(1'500'000));
  EXPECT_EQ(signal.price, price_raw(271'235'000'000'000));
  EXPECT_EQ(signal.target_position, quantity_raw(3'000'000));
  EXPECT_EQ(signal.market_position, "long");
  EXPECT_EQ(signal.prev_market_position, "flat");
  EXPECT_EQ(signal.order_id, "Long Entry");
  EXPECT_EQ(signal.comment, "EMA cross");
  EXPECT_EQ(signal.alert_time, nov24_055119);
  EXPECT_EQ(parsed->bot, "btc-trend");
  EXPECT_EQ(parsed->secret, "s3cr3t-Long-Enough");
  EXPECT_TRUE(parsed->unknown_fields.empty());
  EXPECT_EQ(parsed->format, BodyFormat::json);
}

TEST(AlertParser, Json_numbers_are_read_exactly_like_strings_and_position_size_keeps_its_sign) {
  Result<ParsedAlert> parsed = parse_alert(strategy_alert_with_numbers, "application/json");
  ASSERT_TRUE(parsed) << parsed.error().message;
  EXPECT_EQ(parsed->signal.action, Action::sell);
  EXPECT_EQ(parsed->signal.qty, quantity_raw(125'000'000));
  EXPECT_EQ(parsed->signal.target_position, quantity_raw(-125'000'000));
  EXPECT_EQ(parsed->signal.price, price_raw(18'507'500'000'000));
  EXPECT_EQ(parsed->signal.alert_time, nov24_055119);
  EXPECT_EQ(parsed->secret, "pp-123");
}

TEST(AlertParser, Three_commas_signal_joins_exchange_and_instrument_and_reads_the_nested_amount) {
  Result<ParsedAlert> parsed = parse_alert(three_commas_alert, "application/json");
  ASSERT_TRUE(parsed) << parsed.error().message;
  EXPECT_EQ(parsed->signal.action, Action::long_);
  EXPECT_EQ(parsed->signal.ticker, "BINANCE:BTCUSDT");
  EXPECT_EQ(parsed->signal.qty, quantity_raw(1'500'000));
  EXPECT_EQ(parsed->signal.price, price_raw(271'235'000'000'000));
  EXPECT_EQ(parsed->signal.alert_time, nov24_055119);
  EXPECT_EQ(parsed->bot, "5f27b3a4-5c8e-4a3c-9d0e-1a2b3c4d5e6f");
  EXPECT_EQ(parsed->unknown_fields, (std::vector<std::string>{"max_lag", "order.currency_type"}));
}

TEST(AlertParser, Webhooks_bot_key_is_taken_as_the_secret_and_actions_ignore_case) {
  Result<ParsedAlert> parsed = parse_alert(webhooks_bot_alert, "application/json");
  ASSERT_TRUE(parsed) << parsed.error().message;
  EXPECT_EQ(parsed->secret, "WEBHOOK-KEY-123");
  EXPECT_EQ(parsed->signal.action, Action::sell);
  EXPECT_EQ(parsed->signal.qty, quantity_raw(200'000'000));
}

TEST(AlertParser, Text_form_reads_action_symbol_and_pairs) {
  Result<ParsedAlert> parsed =
      parse_alert("buy BTCUSDT qty=0.01 sl=2% tp=4% trail=150.5 secret=abc id=sig-7\n", "text/plain");
  ASSERT_TRUE(parsed) << parsed.error().message;
  const Signal& signal = parsed->signal;
  EXPECT_EQ(parsed->format, BodyFormat::text);
  EXPECT_EQ(signal.action, Action::buy);
  EXPECT_EQ(signal.ticker, "BTCUSDT");
  EXPECT_EQ(signal.qty, quantity_raw(1'000'000));
  EXPECT_EQ(signal.stop_loss, (PriceLevel{true, price_raw(20'000'000'000)}));
  EXPECT_EQ(signal.take_profit, (PriceLevel{true, price_raw(40'000'000'000)}));
  EXPECT_EQ(signal.trailing, (PriceLevel{false, price_raw(1'505'000'000'000)}));
  EXPECT_EQ(signal.alert_id, "sig-7");
  EXPECT_EQ(parsed->secret, "abc");
}

TEST(AlertParser, Text_form_takes_quoted_values_and_reports_unknown_keys) {
  Result<ParsedAlert> parsed =
      parse_alert("close_long ETHUSDT comment=\"manual exit, tired\" leverage=5", "");
  ASSERT_TRUE(parsed) << parsed.error().message;
  EXPECT_EQ(parsed->signal.action, Action::close_long);
  EXPECT_EQ(parsed->signal.comment, "manual exit, tired");
  EXPECT_EQ(parsed->unknown_fields, (std::vector<std::string>{"leverage"}));
}

TEST(AlertParser, Stop_loss_aliases_accept_percent_and_absolute_levels_as_strings_or_numbers) {
  Result<ParsedAlert> parsed = parse_alert(
      R"({"action":"long","symbol":"BTCUSDT","stop_loss":26500,"take_profit":"3.5%","trailing_stop":"0.8%"})",
      "application/json");
  ASSERT_TRUE(parsed) << parsed.error().message;
  EXPECT_EQ(parsed->signal.stop_loss, (PriceLevel{false, price_raw(265'000'000'000'000)}));
  EXPECT_EQ(parsed->signal.take_profit, (PriceLevel{true, price_raw(35'000'000'000)}));
  EXPECT_EQ(parsed->signal.trailing, (PriceLevel{true, price_raw(8'000'000'000)}));
}

TEST(AlertParser, Unix_milliseconds_as_number_or_string_give_the_same_time) {
  // 1795499479123 ms = 2026-11-24T05:51:19.123Z
  Result<ParsedAlert> as_number =
      parse_alert(R"({"action":"buy","symbol":"X","time":1795499479123})", "application/json");
  Result<ParsedAlert> as_iso =
      parse_alert(R"({"action":"buy","symbol":"X","time":"2026-11-24T05:51:19.123Z"})", "application/json");
  ASSERT_TRUE(as_number) << as_number.error().message;
  ASSERT_TRUE(as_iso) << as_iso.error().message;
  EXPECT_EQ(as_number->signal.alert_time, 1'795'499'479'123'000'000);
  EXPECT_EQ(as_iso->signal.alert_time, 1'795'499'479'123'000'000);
}

TEST(AlertParser, Empty_strings_and_null_leave_optional_fields_absent) {
  Result<ParsedAlert> parsed =
      parse_alert(R"({"action":"flat","symbol":"BTCUSDT","qty":"","sl":null,"comment":""})", "application/json");
  ASSERT_TRUE(parsed) << parsed.error().message;
  EXPECT_EQ(parsed->signal.action, Action::flat);
  EXPECT_FALSE(parsed->signal.qty.has_value());
  EXPECT_FALSE(parsed->signal.stop_loss.has_value());
  EXPECT_EQ(parsed->signal.comment, "");
}

TEST(AlertParser, Numeric_bot_id_and_id_are_kept_as_their_text) {
  Result<ParsedAlert> parsed =
      parse_alert(R"({"bot_id":12345,"id":987,"action":"cancel","ticker":"SOLUSDT"})", "application/json");
  ASSERT_TRUE(parsed) << parsed.error().message;
  EXPECT_EQ(parsed->bot, "12345");
  EXPECT_EQ(parsed->signal.alert_id, "987");
  EXPECT_EQ(parsed->signal.action, Action::cancel);
}

TEST(AlertReader, Content_types_are_classified_ignoring_case_and_parameters) {
  EXPECT_EQ(classify_content_type("application/json"), MediaType::json);
  EXPECT_EQ(classify_content_type("Application/JSON; charset=UTF-8"), MediaType::json);
  EXPECT_EQ(classify_content_type("text/plain;charset=utf-8"), MediaType::text);
  EXPECT_EQ(classify_content_type(""), MediaType::text);
  EXPECT_EQ(classify_content_type("application/x-www-form-urlencoded"), std::nullopt);
  EXPECT_EQ(classify_content_type("text/html"), std::nullopt);
}

TEST(AlertReader, Json_fields_keep_their_spelling_kind_and_exact_number_text) {
  Result<AlertFields> fields = read_alert_fields(R"({"Contracts": 1.50e2, "flag": true, "x": [1, {"y": null}]})",
                                                 "application/json");
  ASSERT_TRUE(fields) << fields.error().message;
  ASSERT_EQ(fields->fields.size(), 3u);
  EXPECT_EQ(fields->fields[0].spelling, "Contracts");
  EXPECT_EQ(fields->fields[0].field, AlertField::qty);
  EXPECT_EQ(fields->fields[0].kind, ValueKind::number);
  EXPECT_EQ(fields->fields[0].value, "1.50e2");
  EXPECT_EQ(fields->fields[1].kind, ValueKind::boolean);
  EXPECT_EQ(fields->fields[1].value, "true");
  EXPECT_EQ(fields->fields[2].kind, ValueKind::composite);
  EXPECT_FALSE(fields->fields[2].field.has_value());
}

}  // namespace
}  // namespace tvbot::webhook
