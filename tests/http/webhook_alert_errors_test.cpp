// Every way an alert body can be refused, with the code and what the message must name.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>

#include "http/webhook/alert_parser.hpp"

namespace tvbot::webhook {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

Error parse_error(std::string_view body, std::string_view content_type = "application/json",
                  const AlertLimits& limits = {}) {
  Result<ParsedAlert> parsed = parse_alert(body, content_type, limits);
  if (parsed) return make_error("none", "parsed");
  return parsed.error();
}

TEST(AlertErrors, Form_encoded_body_is_an_unsupported_media_type) {
  EXPECT_EQ(parse_error("action=buy", "application/x-www-form-urlencoded").code, "unsupported_media_type");
}

TEST(AlertErrors, Whitespace_only_body_is_empty_in_both_forms) {
  EXPECT_EQ(parse_error(" \r\n ", "application/json").code, "empty_body");
  EXPECT_EQ(parse_error(" \n", "text/plain").code, "empty_body");
}

TEST(AlertErrors, Broken_json_is_malformed_whatever_the_breakage) {
  EXPECT_EQ(parse_error(R"({"action":"buy","symbol":"BTCUSDT")").code, "malformed_json");  // truncated
  EXPECT_EQ(parse_error(R"({"action":"buy"} {"action":"sell"})").code, "malformed_json");    // two objects
  EXPECT_EQ(parse_error(R"({"action":"buy"}})").code, "malformed_json");                     // extra brace
  EXPECT_EQ(parse_error(R"(["buy","BTCUSDT"])").code, "malformed_json");                     // not an object
  EXPECT_EQ(parse_error(R"({"action":"buy","qty":01})").code, "malformed_json");             // leading zero
  EXPECT_EQ(parse_error(R"({"action":"buy",})").code, "malformed_json");                     // trailing comma
  EXPECT_EQ(parse_error("{\"action\":\"buy\",\"comment\":\"\xff\"}").code, "malformed_json"); // bad UTF-8
  EXPECT_EQ(parse_error(R"({"action":"buy","x":[1,2,}]})").code, "malformed_json");          // inside an ignored field
}

TEST(AlertErrors, Text_plain_body_that_opens_like_json_is_read_as_json) {
  const Error error = parse_error(R"({"action": "buy", "symbol": )", "text/plain");
  EXPECT_EQ(error.code, "malformed_json");
}

TEST(AlertErrors, Nesting_deeper_than_the_limit_is_too_deep) {
  AlertLimits limits;
  limits.max_depth = 3;
  EXPECT_EQ(parse_error(R"({"action":"buy","symbol":"X","a":{"b":{"c":1}}})", "application/json", limits).code, "none");
  EXPECT_EQ(parse_error(R"({"action":"buy","a":{"b":{"c":{"d":1}}}})", "application/json", limits).code, "too_deep");
  EXPECT_EQ(parse_error(R"({"action":"buy","a":[[[1]]]})", "application/json", limits).code, "too_deep");
  EXPECT_EQ(parse_error(std::string(5000, '[') + std::string(5000, ']')).code, "malformed_json");  // not an object
  EXPECT_EQ(parse_error("{\"a\":" + std::string(5000, '[') + std::string(5000, ']') + "}").code, "too_deep");
}

TEST(AlertErrors, More_fields_than_the_limit_are_refused_in_json_and_text) {
  AlertLimits limits;
  limits.max_fields = 4;
  EXPECT_EQ(parse_error(R"({"action":"buy","symbol":"X","a":1,"b":2})", "application/json", limits).code, "none");
  EXPECT_EQ(parse_error(R"({"action":"buy","symbol":"X","a":1,"b":2,"c":3})", "application/json", limits).code,
            "too_many_fields");
  EXPECT_EQ(parse_error(R"({"action":"buy","a":[1,2,3,4]})", "application/json", limits).code, "too_many_fields");
  EXPECT_EQ(parse_error("buy X a=1 b=2 c=3", "text/plain", limits).code, "too_many_fields");
}

TEST(AlertErrors, One_field_under_two_spellings_is_a_duplicate_naming_both) {
  const Error error = parse_error(R"({"action":"buy","symbol":"X","qty":"1","contracts":"2"})");
  EXPECT_EQ(error.code, "duplicate_field");
  EXPECT_THAT(error.message, HasSubstr("'qty' and 'contracts'"));
  EXPECT_EQ(parse_error("buy X secret=a passphrase=b", "text/plain").code, "duplicate_field");
}

TEST(AlertErrors, Text_tokens_that_are_not_pairs_are_malformed_and_named) {
  Error error = parse_error("buy BTCUSDT 0.01", "text/plain");
  EXPECT_EQ(error.code, "malformed_text");
  EXPECT_THAT(error.message, HasSubstr("token 3 '0.01'"));
  error = parse_error("buy BTCUSDT comment=\"never closed", "text/plain");
  EXPECT_EQ(error.code, "malformed_text");
  EXPECT_THAT(error.message, HasSubstr("no closing quote"));
  EXPECT_EQ(parse_error("buy BTCUSDT =5", "text/plain").code, "malformed_text");
}

TEST(AlertErrors, Alert_without_action_is_missing_action) {
  EXPECT_EQ(parse_error(R"({"symbol":"BTCUSDT","qty":"1"})").code, "missing_action");
  EXPECT_EQ(parse_error("qty=1 symbol=BTCUSDT", "text/plain").code, "missing_action");
  EXPECT_EQ(parse_error(R"({"action":"","symbol":"BTCUSDT"})").code, "missing_action");
}

TEST(AlertErrors, Unknown_action_names_the_value) {
  const Error error = parse_error(R"({"action":"buy_the_dip","symbol":"BTCUSDT"})");
  EXPECT_EQ(error.code, "unknown_action");
  EXPECT_THAT(error.message, HasSubstr("'buy_the_dip'"));
  EXPECT_EQ(parse_error("hodl BTCUSDT", "text/plain").code, "unknown_action");
}

TEST(AlertErrors, Alert_without_symbol_is_missing_symbol) {
  EXPECT_EQ(parse_error(R"({"action":"buy","qty":"1"})").code, "missing_symbol");
  EXPECT_EQ(parse_error("buy qty=1", "text/plain").code, "missing_symbol");
}

TEST(AlertErrors, Numbers_that_are_not_exact_decimals_are_invalid_numbers_naming_the_field) {
  Error error = parse_error(R"({"action":"buy","symbol":"X","qty":"abc"})");
  EXPECT_EQ(error.code, "invalid_number");
  EXPECT_THAT(error.message, HasSubstr("qty: 'abc' is not a number"));
  error = parse_error(R"({"action":"buy","symbol":"X","qty":"0.123456789"})");
  EXPECT_EQ(error.code, "invalid_number");
  EXPECT_THAT(error.message, HasSubstr("more than 8 decimals"));
  EXPECT_EQ(parse_error(R"({"action":"buy","symbol":"X","price":"NaN"})").code, "invalid_number");
  EXPECT_EQ(parse_error("buy X sl=two%", "text/plain").code, "invalid_number");
}

TEST(AlertErrors, Placeholder_tradingview_did_not_fill_names_field_and_placeholder) {
  const Error error =
      parse_error(R"({"action":"buy","symbol":"X","contracts":"{{strategy.order.contracts}}"})");
  EXPECT_EQ(error.code, "unresolved_placeholder");
  EXPECT_THAT(error.message, HasSubstr("qty ('contracts')"));
  EXPECT_THAT(error.message, HasSubstr("'{{strategy.order.contracts}}'"));
  EXPECT_EQ(parse_error(R"({"action":"{{strategy.order.action}}","symbol":"X"})").code, "unresolved_placeholder");
}

TEST(AlertErrors, Values_out_of_range_or_of_the_wrong_type_are_invalid_fields) {
  EXPECT_EQ(parse_error(R"({"action":"buy","symbol":"X","qty":"-1"})").code, "invalid_field");
  EXPECT_EQ(parse_error(R"({"action":"buy","symbol":"X","qty":true})").code, "invalid_field");
  EXPECT_EQ(parse_error(R"({"action":"buy","symbol":"X","qty":{"v":1}})").code, "invalid_field");
  EXPECT_EQ(parse_error(R"({"action":"buy","symbol":"X","sl":"-2%"})").code, "invalid_field");
  EXPECT_EQ(parse_error(R"({"action":"buy","symbol":"X","market_position":"sideways"})").code, "invalid_field");
  EXPECT_EQ(parse_error(R"({"action":"buy","symbol":"X","bot":"my bot"})").code, "invalid_field");
  EXPECT_EQ(parse_error(R"({"action":"buy","symbol":"BTC USDT"})").code, "invalid_field");
  const Error time_error = parse_error(R"({"action":"buy","symbol":"X","time":"yesterday"})");
  EXPECT_EQ(time_error.code, "invalid_field");
  EXPECT_THAT(time_error.message, HasSubstr("time: 'yesterday'"));
}

TEST(AlertErrors, Messages_never_quote_a_secret_value) {
  const Error error = parse_error("buy BTCUSDT secret=\"hunter2", "text/plain");
  EXPECT_EQ(error.code, "malformed_text");
  EXPECT_THAT(error.message, Not(HasSubstr("hunter2")));
  const Error bad_key = parse_error("buy BTCUSDT secret:hunter2", "text/plain");
  EXPECT_EQ(bad_key.code, "malformed_text");
  EXPECT_THAT(bad_key.message, Not(HasSubstr("hunter2")));
}

}  // namespace
}  // namespace tvbot::webhook
