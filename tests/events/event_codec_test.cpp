// The event model's enums and names, and the JSON codec (codec.hpp): round trips of every
// event type, the exact text format, timestamps, string escaping, and every error code.
// Longer than 300 lines because it is the one test executable tests/events/CMakeLists.txt
// declares for the codec; the sections below follow codec.hpp's order.
#include <gtest/gtest.h>

#include <limits>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "events/codec.hpp"
#include "events/event_types.hpp"
#include "events/json_upcast.hpp"

namespace tvbot {

// Lets failed EXPECT_EQ on errors print the code and message instead of bytes.
void PrintTo(const Error& error, std::ostream* out) { *out << error.code << ": " << error.message; }

namespace {

template <class D>
D dec(std::string_view text) {
  auto parsed = D::parse_exact(text);
  if (!parsed) {
    ADD_FAILURE() << "bad decimal in test data: " << text;
    return D{};
  }
  return *parsed;
}

Timestamp ts(std::string_view text) {
  auto parsed = parse_timestamp(text);
  if (!parsed) {
    ADD_FAILURE() << "bad timestamp in test data: " << text << ": " << parsed.error().message;
    return 0;
  }
  return *parsed;
}

// Every field differs from its default, so a field the codec forgot cannot round-trip by luck.
Signal full_signal() {
  Signal s;
  s.action = Action::close_short;
  s.ticker = "BINANCE:BTCUSDT.P";
  s.symbol = "BTCUSDT";
  s.qty = dec<Quantity>("0.015");
  s.price = dec<Price>("27123.5");
  s.target_position = dec<Quantity>("-0.5");
  s.market_position = "short";
  s.prev_market_position = "flat";
  s.order_id = "Short entry";
  s.comment = "RSI < 30 \"oversold\"";
  s.alert_id = "a-42";
  s.stop_loss = PriceLevel{true, dec<Price>("2")};
  s.take_profit = PriceLevel{false, dec<Price>("26000.25")};
  s.trailing = PriceLevel{true, dec<Price>("0.5")};
  s.alert_time = ts("2026-11-24T05:51:19Z");
  return s;
}

Signal minimal_signal() {
  Signal s;
  s.action = Action::buy;
  s.ticker = "BTCUSDT";
  s.symbol = "BTCUSDT";
  return s;
}

// Returns one payload per event type: with every optional field set, or with none of them.
std::vector<EventPayload> payloads_of_every_type(bool with_optionals) {
  AlertReceived alert{R"({"action":"sell","secret":"***"})", "203.0.113.7", "a-42", "req-1",
                      with_optionals ? full_signal() : minimal_signal()};
  OrderRequested requested{"bot1/BTCUSDT:7", Side::sell, dec<Quantity>("0.00000001"), OrderType::stop,
                           std::nullopt, std::nullopt, OrderReason::take_profit, PositionSide::short_side, true};
  if (with_optionals) {
    requested.limit_price = dec<Price>("27000.1");
    requested.stop_price = dec<Price>("27100");
  }
  ProtectionSet protection{PositionSide::long_side, std::nullopt, {}, std::nullopt, std::nullopt, true};
  if (with_optionals) {
    protection.stop_loss = PriceLevel{true, dec<Price>("1.5")};
    protection.take_profits = {{PriceLevel{true, dec<Price>("2")}, dec<Ratio>("0.5")},
                               {PriceLevel{false, dec<Price>("30000")}, dec<Ratio>("1")}};
    protection.trailing = PriceLevel{false, dec<Price>("150.25")};
    protection.trailing_activation = dec<Price>("28000");
  }
  return {
      alert,
      AlertRejected{7, "max_entries", "3 entries already open"},
      requested,
      OrderAccepted{"bot1/BTCUSDT:7", "881"},
      OrderFilled{"bot1/BTCUSDT:7", "881", "t-19", Side::sell, PositionSide::short_side, dec<Quantity>("0.015"),
                  dec<Price>("27123.5"), dec<Money>("-12.5"), "USDT", false},
      OrderRejected{"bot1/BTCUSDT:8", "insufficient_balance", "Account has insufficient balance"},
      OrderCancelled{"bot1/BTCUSDT:9", "expired"},
      PositionOpened{PositionSide::short_side, Direction::short_, "t-19", dec<Quantity>("0.015"),
                     dec<Price>("27123.5"), dec<Money>("0.0162741"), 3},
      PositionIncreased{PositionSide::short_side, Direction::short_, "t-20", dec<Quantity>("0.01"),
                        dec<Price>("27200"), dec<Money>("0.01"), dec<Quantity>("0.025"),
                        dec<Price>("27154.1"), 2},
      PositionReduced{PositionSide::long_side, Direction::short_, "t-21", dec<Quantity>("0.005"),
                      dec<Price>("27000"), dec<Money>("0.005"), dec<Price>("27154.1"), dec<Money>("0.7705"),
                      dec<Quantity>("0.02"), OrderReason::trailing},
      PositionClosed{PositionSide::long_side, Direction::short_, "t-22", dec<Quantity>("0.02"),
                     dec<Price>("26900"), dec<Money>("0.02"), dec<Price>("27154.1"), dec<Money>("5.082"),
                     dec<Money>("5.8525"), dec<Money>("0.0512741"), dec<Money>("5.8012259"),
                     OrderReason::stop_loss},
      protection,
      BotPaused{"manual"},
      BotResumed{"daily loss reset"},
      PriceObserved{PositionSide::short_side, dec<Price>("0.0000000001"), "trailing_moved"},
      ReconciliationDrift{"paper", "position", "BTCUSDT", PositionSide::short_side, "",
                          dec<Quantity>("-0.5"), dec<Quantity>("-0.25"), "venue holds less"},
      ReconciliationResolved{"paper", "unknown_open_order", "BTCUSDT", PositionSide::both,
                             "manual-1", "no longer open"},
  };
}

void expect_round_trip(const EventPayload& payload) {
  SCOPED_TRACE(std::string(event_type_name(payload)));
  const std::string json = encode_payload(payload);
  auto decoded = decode_payload(event_type_name(payload), schema_version_of(payload), json);
  ASSERT_TRUE(decoded.ok()) << decoded.error().code << ": " << decoded.error().message << "\n" << json;
  EXPECT_EQ(*decoded, payload) << json;
}

OrderFilled typical_fill() { return std::get<OrderFilled>(payloads_of_every_type(false)[4]); }

// ---- the event model ----

TEST(EventModel, Every_enum_value_parses_back_from_its_own_text) {
  for (auto v : {Side::buy, Side::sell}) EXPECT_EQ(parse_side(to_string(v)), v);
  for (auto v : {Direction::long_, Direction::short_}) EXPECT_EQ(parse_direction(to_string(v)), v);
  for (auto v : {PositionSide::both, PositionSide::long_side, PositionSide::short_side}) {
    EXPECT_EQ(parse_position_side(to_string(v)), v);
  }
  for (auto v : {OrderType::market, OrderType::limit, OrderType::stop}) EXPECT_EQ(parse_order_type(to_string(v)), v);
  for (auto v : {OrderReason::signal, OrderReason::stop_loss, OrderReason::take_profit, OrderReason::trailing,
                 OrderReason::manual, OrderReason::sync}) {
    EXPECT_EQ(parse_order_reason(to_string(v)), v);
  }
  for (auto v : {Action::buy, Action::sell, Action::long_, Action::short_, Action::close, Action::close_long,
                 Action::close_short, Action::flat, Action::cancel}) {
    EXPECT_EQ(parse_action(to_string(v)), v);
  }
}

TEST(EventModel, Enum_texts_are_the_documented_snake_case_words) {
  EXPECT_EQ(to_string(Direction::long_), "long");
  EXPECT_EQ(to_string(PositionSide::short_side), "short");
  EXPECT_EQ(to_string(OrderReason::take_profit), "take_profit");
  EXPECT_EQ(to_string(Action::close_long), "close_long");
}

TEST(EventModel, Enum_parsers_other_than_action_accept_only_the_exact_text) {
  EXPECT_EQ(parse_side("BUY"), std::nullopt);
  EXPECT_EQ(parse_side(""), std::nullopt);
  EXPECT_EQ(parse_order_type("market "), std::nullopt);
  EXPECT_EQ(parse_order_reason("stop-loss"), std::nullopt);
  EXPECT_EQ(parse_position_side("long_side"), std::nullopt);
}

TEST(EventModel, Action_accepts_tradingview_spellings_in_any_case) {
  const std::vector<std::pair<std::string_view, Action>> spellings = {
      {"buy", Action::buy},          {"BUY", Action::buy},           {"Sell", Action::sell},
      {"long", Action::long_},       {"SHORT", Action::short_},      {"close", Action::close},
      {"close_long", Action::close_long}, {"CloseLong", Action::close_long}, {"exit_long", Action::close_long},
      {"close_short", Action::close_short}, {"closeshort", Action::close_short},
      {"EXIT_SHORT", Action::close_short}, {"flat", Action::flat}, {"exit", Action::flat},
      {"Close_All", Action::flat},   {"cancel", Action::cancel},
  };
  for (const auto& [text, action] : spellings) EXPECT_EQ(parse_action(text), action) << text;
}

TEST(EventModel, Action_refuses_unknown_or_padded_words) {
  for (std::string_view text : {"", "buyy", "close long", " buy", "exitlong", "hold", "a-very-long-unknown-action"}) {
    EXPECT_EQ(parse_action(text), std::nullopt) << text;
  }
}

TEST(EventModel, Type_names_agree_with_the_codec_schema_table_in_variant_order) {
  const auto payloads = payloads_of_every_type(true);
  ASSERT_EQ(payloads.size(), event_schemas.size());
  for (std::size_t i = 0; i < payloads.size(); ++i) {
    EXPECT_EQ(payloads[i].index(), i);
    EXPECT_EQ(event_type_name(payloads[i]), event_schemas[i].type);
  }
}

TEST(EventModel, Stream_name_joins_bot_and_instrument_with_a_slash) {
  EXPECT_EQ(make_stream_name("bot1", "BTCUSDT"), "bot1/BTCUSDT");
}

// ---- payload round trips and format ----

TEST(PayloadCodec, Every_event_type_round_trips_with_every_optional_field_present) {
  for (const auto& payload : payloads_of_every_type(true)) expect_round_trip(payload);
}

TEST(PayloadCodec, Every_event_type_round_trips_with_every_optional_field_absent) {
  for (const auto& payload : payloads_of_every_type(false)) expect_round_trip(payload);
}

TEST(PayloadCodec, Order_filled_is_written_as_documented) {
  EXPECT_EQ(encode_payload(typical_fill()),
            R"({"client_order_id":"bot1/BTCUSDT:7","broker_order_id":"881","fill_id":"t-19","side":"sell",)"
            R"("position_side":"short","qty":"0.015","price":"27123.5","fee":"-12.5","fee_asset":"USDT",)"
            R"("order_complete":false})");
}

TEST(PayloadCodec, Absent_optionals_are_omitted_and_price_levels_are_compact_strings) {
  const auto without = payloads_of_every_type(false);
  const auto with = payloads_of_every_type(true);
  EXPECT_EQ(encode_payload(without[2]).find("limit_price"), std::string::npos);
  EXPECT_EQ(encode_payload(without[0]).find("alert_time"), std::string::npos);
  const std::string protection = encode_payload(with[11]);
  EXPECT_NE(protection.find(R"("take_profits":[{"level":"2%","fraction":"0.5"},{"level":"30000","fraction":"1"}])"),
            std::string::npos) << protection;
  EXPECT_NE(protection.find(R"("trailing":"150.25")"), std::string::npos) << protection;
  const std::string alert = encode_payload(with[0]);
  EXPECT_NE(alert.find(R"("signal":{"action":"close_short",)"), std::string::npos) << alert;
  EXPECT_NE(alert.find(R"("alert_time":"2026-11-24T05:51:19.000000000Z")"), std::string::npos) << alert;
}

TEST(PayloadCodec, Decimal_text_is_kept_exactly) {
  const std::string requested = encode_payload(payloads_of_every_type(false)[2]);
  EXPECT_NE(requested.find(R"("qty":"0.00000001")"), std::string::npos) << requested;
  const std::string observed = encode_payload(payloads_of_every_type(false)[14]);
  EXPECT_NE(observed.find(R"("price":"0.0000000001")"), std::string::npos) << observed;
  auto decoded = decode_payload("OrderFilled", 1, encode_payload(typical_fill()));
  ASSERT_TRUE(decoded.ok());
  EXPECT_EQ(std::get<OrderFilled>(*decoded).fee.to_string(), "-12.5");
}

TEST(PayloadCodec, Decimals_may_be_given_as_json_numbers_and_are_read_from_their_text) {
  auto decoded = decode_payload(
      "OrderFilled", 1,
      R"({"client_order_id":"c","broker_order_id":"b","fill_id":"f","side":"buy","position_side":"both",)"
      R"("qty":1e-8 ,"price":27123.5,"fee":-0.1,"fee_asset":"USDT","order_complete":true})");
  ASSERT_TRUE(decoded.ok()) << decoded.error().message;
  const auto& fill = std::get<OrderFilled>(*decoded);
  EXPECT_EQ(fill.qty, dec<Quantity>("0.00000001"));
  EXPECT_EQ(fill.price, dec<Price>("27123.5"));
  EXPECT_EQ(fill.fee, dec<Money>("-0.1"));
}

TEST(PayloadCodec, Fields_may_come_in_any_order_and_unknown_fields_are_ignored) {
  auto decoded = decode_payload(
      "OrderAccepted", 1, R"({"future":{"nested":[1,{"x":null}]},"broker_order_id":"881","client_order_id":"c"})");
  ASSERT_TRUE(decoded.ok()) << decoded.error().message;
  EXPECT_EQ(*decoded, EventPayload(OrderAccepted{"c", "881"}));
}

TEST(PayloadCodec, Null_means_absent_for_optional_fields) {
  std::string json = encode_payload(payloads_of_every_type(false)[2]);
  json.insert(json.size() - 1, R"(,"limit_price":null)");
  auto decoded = decode_payload("OrderRequested", 1, json);
  ASSERT_TRUE(decoded.ok()) << decoded.error().message;
  EXPECT_EQ(std::get<OrderRequested>(*decoded).limit_price, std::nullopt);
}

// ---- whole events ----

TEST(EventCodec, An_event_is_one_json_line_with_the_envelope_first) {
  const Event event{"bot1/BTCUSDT", 3, 12, ts("2026-11-24T05:51:19.123456789Z"), OrderAccepted{"c", "881"}};
  EXPECT_EQ(encode_event(event),
            R"({"global_seq":12,"stream":"bot1/BTCUSDT","stream_seq":3,"time":"2026-11-24T05:51:19.123456789Z",)"
            R"("type":"OrderAccepted","v":1,"data":{"client_order_id":"c","broker_order_id":"881"}})");
}

TEST(EventCodec, Every_event_type_round_trips_inside_the_envelope_at_awkward_times) {
  const std::vector<std::string_view> times = {"2024-02-29T23:59:59.999999999Z", "1969-07-20T20:17:40.000000001Z",
                                               "1900-02-28T23:59:59.5Z", "1970-01-01T00:00:00Z"};
  std::uint64_t seq = 0;
  for (const auto& time : times) {
    for (const auto& payload : payloads_of_every_type(true)) {
      ++seq;
      const Event event{"bot-é/ETH\"USDT", seq, seq * 10, ts(time), payload};
      const std::string line = encode_event(event);
      auto decoded = decode_event(line);
      ASSERT_TRUE(decoded.ok()) << decoded.error().message << "\n" << line;
      EXPECT_EQ(*decoded, event) << line;
      EXPECT_EQ(line.find('\n'), std::string::npos);
    }
  }
}

TEST(EventCodec, Data_before_type_is_still_decoded) {
  auto decoded = decode_event(R"({"data":{"reason":"manual"},"v":1,"type":"BotPaused","time":"1970-01-01T00:00:01Z",)"
                              R"("stream_seq":1,"stream":"b/X","global_seq":2,"extra":true})");
  ASSERT_TRUE(decoded.ok()) << decoded.error().message;
  EXPECT_EQ(*decoded, (Event{"b/X", 1, 2, 1'000'000'000, BotPaused{"manual"}}));
}

// ---- timestamps ----

TEST(Timestamps, Are_formatted_in_utc_with_nine_fractional_digits) {
  EXPECT_EQ(format_timestamp(0), "1970-01-01T00:00:00.000000000Z");
  EXPECT_EQ(format_timestamp(-1), "1969-12-31T23:59:59.999999999Z");
  EXPECT_EQ(format_timestamp(1709210096'123456789), "2024-02-29T12:34:56.123456789Z");
  EXPECT_EQ(format_timestamp(-14182940'000000000), "1969-07-20T20:17:40.000000000Z");
  EXPECT_EQ(format_timestamp(951782400'000000000), "2000-02-29T00:00:00.000000000Z");
  EXPECT_EQ(format_timestamp(std::numeric_limits<Timestamp>::min()), "1677-09-21T00:12:43.145224192Z");
  EXPECT_EQ(format_timestamp(std::numeric_limits<Timestamp>::max()), "2262-04-11T23:47:16.854775807Z");
}

TEST(Timestamps, Parse_back_what_they_format_across_the_whole_range) {
  for (Timestamp time : {std::numeric_limits<Timestamp>::min(), Timestamp{-2203891201'000000000}, Timestamp{-1},
                         Timestamp{0}, Timestamp{1709210096'123456789}, std::numeric_limits<Timestamp>::max()}) {
    auto parsed = parse_timestamp(format_timestamp(time));
    ASSERT_TRUE(parsed.ok()) << format_timestamp(time);
    EXPECT_EQ(*parsed, time);
  }
}

TEST(Timestamps, Accept_offsets_lowercase_separators_and_zero_to_nine_fraction_digits) {
  const Timestamp noon = 1709208000'000000000;  // 2024-02-29T12:00:00Z
  EXPECT_EQ(ts("2024-02-29T12:00:00Z"), noon);
  EXPECT_EQ(ts("2024-02-29t12:00:00z"), noon);
  EXPECT_EQ(ts("2024-02-29 12:00:00Z"), noon);
  EXPECT_EQ(ts("2024-02-29T17:30:00+05:30"), noon);
  EXPECT_EQ(ts("2024-02-29T17:30:00+0530"), noon);
  EXPECT_EQ(ts("2024-02-29T04:00:00-08:00"), noon);
  EXPECT_EQ(ts("2024-03-01T00:00:00+12:00"), noon);
  EXPECT_EQ(ts("2024-02-29T12:00:00.5Z"), noon + 500'000'000);
  EXPECT_EQ(ts("2024-02-29T12:00:00.000000001Z"), noon + 1);
  EXPECT_EQ(ts("2024-02-29T12:00:00.000Z"), noon);
}

TEST(Timestamps, Refuse_impossible_ambiguous_or_out_of_range_text) {
  for (std::string_view text :
       {"", "1700000000", "1700000000000", "2023-02-29T00:00:00Z", "2100-02-29T00:00:00Z", "2024-13-01T00:00:00Z",
        "2024-01-01T24:00:00Z", "2024-01-01T23:60:00Z", "2016-12-31T23:59:60Z", "2024-01-01T00:00:00",
        "2024-01-01T00:00:00.Z", "2024-01-01T00:00:00.1234567890Z", "2024-01-01T00:00:00Z ", "2024-1-01T00:00:00Z",
        "2024-01-01T00:00:00+24:00", "2262-04-11T23:47:16.854775808Z", "1677-09-21T00:12:43.145224191Z",
        "+2024-01-01T00:00:00Z"}) {
    auto parsed = parse_timestamp(text);
    ASSERT_FALSE(parsed.ok()) << text;
    EXPECT_EQ(parsed.error().code, "invalid_timestamp") << text;
  }
}

// ---- string escaping ----

std::string json_string(std::string_view text) {
  std::string out;
  append_json_string(out, text);
  return out;
}

TEST(JsonStrings, Quotes_backslashes_and_control_characters_are_escaped) {
  EXPECT_EQ(json_string(R"(say "hi" \o/)"), R"("say \"hi\" \\o/")");
  EXPECT_EQ(json_string(std::string_view("a\nb\tc\x01\x1f\0d", 9)), R"("a\u000ab\u0009c\u0001\u001f\u0000d")");
  EXPECT_EQ(json_string("\x7f/</script>"), "\"\x7f/</script>\"");
  EXPECT_EQ(json_string(""), R"("")");
}

TEST(JsonStrings, Valid_utf8_passes_through_and_invalid_bytes_become_replacement_characters) {
  EXPECT_EQ(json_string("é € 😀"), "\"é € 😀\"");
  const std::string replacement = "\xEF\xBF\xBD";
  EXPECT_EQ(json_string("a\xFF"
                        "b"),
            "\"a" + replacement + "b\"");
  EXPECT_EQ(json_string("\xC0\x80"), "\"" + replacement + replacement + "\"");          // overlong NUL
  EXPECT_EQ(json_string("\xED\xA0\x80"), "\"" + replacement + replacement + replacement + "\"");  // surrogate
  EXPECT_EQ(json_string("\xE2\x82"), "\"" + replacement + replacement + "\"");          // truncated euro sign
  EXPECT_EQ(json_string("\xF4\x90\x80\x80").find('\xF4'), std::string::npos);          // above U+10FFFF
}

TEST(JsonStrings, Escaped_text_decodes_back_to_the_original) {
  const std::string nasty = std::string("quote\" backslash\\ newline\n nul") + '\0' + " bell\x07 é😀 \u2028";
  AlertRejected rejected{1, nasty, nasty};
  expect_round_trip(rejected);
}

// ---- errors ----

Error payload_error(std::string_view type, int version, std::string_view json) {
  auto decoded = decode_payload(type, version, json);
  if (decoded.ok()) {
    ADD_FAILURE() << "decoded although it should not have: " << json;
    return {};
  }
  return decoded.error();
}

std::string fill_json_with(std::string_view qty_value) {
  return R"({"client_order_id":"c","broker_order_id":"b","fill_id":"f","side":"buy","position_side":"both","qty":)" +
         std::string(qty_value) + R"(,"price":"1","fee":"0","fee_asset":"USDT","order_complete":true})";
}

TEST(CodecErrors, An_unknown_type_is_refused_as_unknown_event_type) {
  EXPECT_EQ(payload_error("OrderTeleported", 1, "{}").code, "unknown_event_type");
  auto decoded = decode_event(R"({"global_seq":1,"stream":"b/X","stream_seq":1,"time":"1970-01-01T00:00:00Z",)"
                              R"("type":"OrderTeleported","v":1,"data":{}})");
  ASSERT_FALSE(decoded.ok());
  EXPECT_EQ(decoded.error().code, "unknown_event_type");
}

TEST(CodecErrors, A_version_newer_than_this_build_is_unsupported_and_one_below_1_is_invalid) {
  const std::string json = encode_payload(typical_fill());
  EXPECT_EQ(payload_error("OrderFilled", 2, json).code, "unsupported_event_version");
  EXPECT_EQ(payload_error("OrderFilled", 0, json).code, "invalid_event");
  EXPECT_EQ(payload_error("OrderFilled", -1, json).code, "invalid_event");
  std::string line = encode_event(Event{"b/X", 1, 1, 0, typical_fill()});
  line.replace(line.find(R"("v":1)"), 5, R"("v":2)");
  auto decoded = decode_event(line);
  ASSERT_FALSE(decoded.ok());
  EXPECT_EQ(decoded.error().code, "unsupported_event_version");
}

TEST(CodecErrors, A_missing_field_is_named_with_its_type) {
  std::string json = encode_payload(typical_fill());
  json.erase(json.find(R"("qty":"0.015",)"), 14);
  const Error error = payload_error("OrderFilled", 1, json);
  EXPECT_EQ(error.code, "invalid_event");
  EXPECT_EQ(error.message, "OrderFilled.qty: missing required field");
}

TEST(CodecErrors, A_value_of_the_wrong_kind_is_named_with_type_field_and_what_was_found) {
  const Error wrong_kind = payload_error("OrderFilled", 1, fill_json_with("true"));
  EXPECT_EQ(wrong_kind.code, "invalid_event");
  EXPECT_EQ(wrong_kind.message, "OrderFilled.qty: expected a decimal string, got true");
  const Error bad_decimal = payload_error("OrderFilled", 1, fill_json_with(R"("1.5.0")"));
  EXPECT_EQ(bad_decimal.code, "invalid_event");
  EXPECT_EQ(bad_decimal.message.rfind(R"(OrderFilled.qty: expected a decimal string, got "1.5.0")", 0), 0u)
      << bad_decimal.message;
  EXPECT_EQ(payload_error("OrderFilled", 1, fill_json_with(R"("0.000000001")")).code, "invalid_event");
  EXPECT_EQ(payload_error("OrderAccepted", 1, R"({"client_order_id":7,"broker_order_id":"b"})").message,
            "OrderAccepted.client_order_id: expected a string, got 7");
  EXPECT_EQ(payload_error("BotPaused", 1, R"({"reason":{"a":1}})").message,
            "BotPaused.reason: expected a string, got an object");
}

TEST(CodecErrors, Out_of_range_integers_and_unknown_enum_words_are_invalid_events) {
  std::string opened = encode_payload(payloads_of_every_type(true)[7]);
  opened.replace(opened.find(R"("cycle":3)"), 9, R"("cycle":4294967296)");
  EXPECT_EQ(payload_error("PositionOpened", 1, opened).message,
            "PositionOpened.cycle: expected an unsigned 32-bit integer, got 4294967296");
  EXPECT_EQ(payload_error("AlertRejected", 1, R"({"alert_seq":-1,"reason":"r","message":"m"})").code,
            "invalid_event");
  EXPECT_EQ(payload_error("PriceObserved", 1, R"({"position_side":"sideways","price":"1","trigger":"t"})").message,
            R"(PriceObserved.position_side: unknown value "sideways")");
}

TEST(CodecErrors, Errors_inside_nested_objects_and_arrays_name_the_whole_path) {
  std::string protection = encode_payload(payloads_of_every_type(true)[11]);
  protection.replace(protection.find(R"("fraction":"1")"), 14, R"("fraction":"x")");
  EXPECT_EQ(payload_error("ProtectionSet", 1, protection).message.rfind("ProtectionSet.take_profits[1].fraction: ", 0),
            0u);
  std::string alert = encode_payload(payloads_of_every_type(true)[0]);
  alert.replace(alert.find(R"("action":"close_short")"), 22, R"("action":"hodl")");
  EXPECT_EQ(payload_error("AlertReceived", 1, alert).message, R"(AlertReceived.signal.action: unknown value "hodl")");
}

TEST(CodecErrors, A_field_given_twice_is_refused) {
  EXPECT_EQ(payload_error("BotPaused", 1, R"({"reason":"a","reason":"b"})").message, "BotPaused.reason: appears twice");
}

TEST(CodecErrors, Malformed_json_is_invalid_json) {
  for (std::string_view json : {"", "not json", R"({"reason":})", R"({"reason":"a",})", R"({"reason" "a"})",
                                R"({"reason":"a"} trailing)", R"({"reason":"a"}{})", "{\"reason\":\"\xFF\"}"}) {
    EXPECT_EQ(payload_error("BotPaused", 1, json).code, "invalid_json") << json;
  }
  EXPECT_EQ(payload_error("BotPaused", 1, "[]").code, "invalid_event");
}

TEST(CodecErrors, A_number_that_is_not_json_is_invalid_json_even_where_a_decimal_is_expected) {
  for (std::string_view number : {"12abc", "01", "-", "1.", ".5", "+1", "1e"}) {
    EXPECT_EQ(payload_error("OrderFilled", 1, fill_json_with(number)).code, "invalid_json") << number;
  }
}

TEST(CodecErrors, Every_truncation_of_a_valid_payload_or_event_is_refused_as_invalid_json) {
  const std::string payload = encode_payload(payloads_of_every_type(true)[0]);
  for (std::size_t length = 0; length < payload.size(); ++length) {
    EXPECT_EQ(payload_error("AlertReceived", 1, payload.substr(0, length)).code, "invalid_json") << length;
  }
  const std::string line = encode_event(Event{"b/X", 1, 1, 0, typical_fill()});
  for (std::size_t length = 0; length < line.size(); ++length) {
    auto decoded = decode_event(line.substr(0, length));
    ASSERT_FALSE(decoded.ok()) << length;
    EXPECT_EQ(decoded.error().code, "invalid_json") << line.substr(0, length);
  }
}

TEST(CodecErrors, An_envelope_without_a_required_field_or_with_a_bad_time_is_an_invalid_event) {
  auto no_time = decode_event(R"({"global_seq":1,"stream":"b/X","stream_seq":1,"type":"BotPaused","v":1,)"
                              R"("data":{"reason":"r"}})");
  ASSERT_FALSE(no_time.ok());
  EXPECT_EQ(no_time.error(), make_error("invalid_event", "Event.time: missing required field"));
  auto bad_time = decode_event(R"({"global_seq":1,"stream":"b/X","stream_seq":1,"time":"yesterday",)"
                               R"("type":"BotPaused","v":1,"data":{"reason":"r"}})");
  ASSERT_FALSE(bad_time.ok());
  EXPECT_EQ(bad_time.error().code, "invalid_event");
  EXPECT_EQ(bad_time.error().message.rfind("Event.time: ", 0), 0u);
}

// ---- versions and upcasting ----

static_assert(current_schema_version("OrderFilled") == 1);
static_assert(current_schema_version("OrderTeleported") == 0);

TEST(Upcasting, Every_type_is_written_at_version_1_for_now) {
  for (const auto& payload : payloads_of_every_type(true)) {
    EXPECT_EQ(schema_version_of(payload), 1);
    EXPECT_EQ(current_schema_version(event_type_name(payload)), 1);
  }
}

Result<std::string> rename_note_to_reason(std::string_view v1) {
  std::string v2(v1);
  v2.replace(v2.find("\"note\""), 6, "\"reason\"");
  return v2;
}
Result<std::string> add_level(std::string_view v2) {
  std::string v3(v2);
  v3.insert(1, R"("level":"warn",)");
  return v3;
}
Result<std::string> refuse(std::string_view) { return make_error("invalid_event", "Fake v1: cannot upcast"); }

TEST(Upcasting, Upcasters_are_chained_one_version_at_a_time) {
  const Upcaster upcasters[] = {{"Fake", 2, &add_level}, {"Other", 1, &refuse}, {"Fake", 1, &rename_note_to_reason}};
  auto upcast = upcast_payload(upcasters, "Fake", 1, 3, R"({"note":"x"})");
  ASSERT_TRUE(upcast.ok()) << upcast.error().message;
  EXPECT_EQ(*upcast, R"({"level":"warn","reason":"x"})");
}

TEST(Upcasting, A_missing_step_is_unsupported_and_an_upcaster_error_passes_through) {
  const Upcaster only_second[] = {{"Fake", 2, &add_level}};
  auto missing = upcast_payload(only_second, "Fake", 1, 3, "{}");
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error(), make_error("unsupported_event_version", "Fake v1 has no upcaster to v2"));
  const Upcaster failing[] = {{"Fake", 1, &refuse}};
  auto failed = upcast_payload(failing, "Fake", 1, 2, "{}");
  ASSERT_FALSE(failed.ok());
  EXPECT_EQ(failed.error().message, "Fake v1: cannot upcast");
}

}  // namespace
}  // namespace tvbot
