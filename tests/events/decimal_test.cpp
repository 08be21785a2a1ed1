// Tests of the fixed-point decimal type. Every expected number is worked out by hand in
// the comment next to it; raw values are the decimal times 10^scale (Price 10, Quantity 8,
// Money 8, Ratio 10, Notional 18).
#include "events/decimal.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <functional>
#include <limits>
#include <sstream>
#include <string>
#include <string_view>

namespace tvbot {
namespace {

constexpr std::int64_t int64_max = std::numeric_limits<std::int64_t>::max();
constexpr std::int64_t int64_min = std::numeric_limits<std::int64_t>::min();
constexpr int128 int128_max = static_cast<int128>((static_cast<uint128>(1) << 127) - 1);
constexpr int128 int128_min = -int128_max - 1;
constexpr int128 one_e18 = 1'000'000'000'000'000'000;
constexpr int128 money_max_raw = one_e18 * 100'000'000;  // 1e18 units at 8 decimals

// Test values come from text through parse_exact, so a typo cannot round silently.
template <class T>
T exact(std::string_view text) {
  Result<T> parsed = T::parse_exact(text);
  if (!parsed) {
    ADD_FAILURE() << "test value " << text << " does not parse: " << parsed.error().message;
    return T{};
  }
  return *parsed;
}
Price price(std::string_view text) { return exact<Price>(text); }
Quantity qty(std::string_view text) { return exact<Quantity>(text); }
Money money(std::string_view text) { return exact<Money>(text); }
Ratio ratio(std::string_view text) { return exact<Ratio>(text); }
Notional notional(std::string_view text) { return exact<Notional>(text); }

// A scale-0 decimal prints raw integers of any of the types below.
using RawInteger = Fixed<0, int128, struct RawIntegerTag>;

// The raw value parse produces, or the error code.
template <class T>
std::string parsed_raw(std::string_view text, Rounding rounding = Rounding::half_even) {
  Result<T> parsed = T::parse(text, rounding);
  if (!parsed) return parsed.error().code;
  return RawInteger::from_raw(parsed->raw()).to_string();
}

template <class T>
std::string exact_raw(std::string_view text) {
  Result<T> parsed = T::parse_exact(text);
  if (!parsed) return parsed.error().code;
  return RawInteger::from_raw(parsed->raw()).to_string();
}

// what() of the DecimalError thrown by `operation`, or "no exception".
std::string thrown_message(const std::function<void()>& operation) {
  try {
    operation();
  } catch (const DecimalError& error) {
    return error.what();
  }
  return "no exception";
}

bool starts_with(const std::string& text, std::string_view prefix) {
  return text.rfind(prefix, 0) == 0;
}

// ---------------------------------------------------------------- parsing

TEST(DecimalParse, Reads_plain_integers_and_fractions) {
  EXPECT_EQ(parsed_raw<Price>("12.5"), "125000000000");
  EXPECT_EQ(parsed_raw<Price>("-0.001"), "-10000000");
  EXPECT_EQ(parsed_raw<Price>("+3"), "30000000000");
  EXPECT_EQ(parsed_raw<Price>("0"), "0");
  EXPECT_EQ(parsed_raw<Quantity>("0.00000001"), "1");
}

TEST(DecimalParse, Reads_json_exponents_with_either_case_and_sign) {
  EXPECT_EQ(parsed_raw<Price>("1e-5"), "100000");               // 0.00001 * 1e10
  EXPECT_EQ(parsed_raw<Price>("1.5E3"), "15000000000000");      // 1500 * 1e10
  EXPECT_EQ(parsed_raw<Price>("2.5e+2"), "2500000000000");      // 250 * 1e10
  EXPECT_EQ(parsed_raw<Quantity>("123456e-3"), "12345600000");  // 123.456 * 1e8
  EXPECT_EQ(parsed_raw<Quantity>("-7E0"), "-700000000");
  EXPECT_EQ(parsed_raw<Price>("0.000012345e4"), "1234500000");  // 0.12345 * 1e10
}

TEST(DecimalParse, Reads_leading_zeros_as_plain_decimal_zeros) {
  EXPECT_EQ(parsed_raw<Quantity>("007"), "700000000");
  EXPECT_EQ(parsed_raw<Quantity>("00.50"), "50000000");
}

TEST(DecimalParse, Turns_negative_zero_into_plain_zero) {
  EXPECT_EQ(parsed_raw<Price>("-0"), "0");
  EXPECT_EQ(parsed_raw<Price>("-0.0e5"), "0");
  const Quantity rounded_to_zero = *Quantity::parse("-0.000000001");
  EXPECT_TRUE(rounded_to_zero.is_zero());
  EXPECT_EQ(rounded_to_zero.to_string(), "0");
}

TEST(DecimalParse, Reads_zero_with_any_exponent_as_zero) {
  EXPECT_EQ(parsed_raw<Quantity>("0e999999999999"), "0");
  EXPECT_EQ(parsed_raw<Quantity>("0.000e-99999"), "0");
  EXPECT_EQ(parsed_raw<Price>("0e400"), "0");
}

TEST(DecimalParse, Rounds_ties_in_the_last_digit_to_even_by_default) {
  EXPECT_EQ(parsed_raw<Quantity>("0.000000005"), "0");     // 0.5 units -> 0
  EXPECT_EQ(parsed_raw<Quantity>("0.000000015"), "2");     // 1.5 units -> 2
  EXPECT_EQ(parsed_raw<Quantity>("0.000000025"), "2");     // 2.5 units -> 2
  EXPECT_EQ(parsed_raw<Quantity>("0.000000025000"), "2");  // still exactly 2.5
  EXPECT_EQ(parsed_raw<Quantity>("-0.000000015"), "-2");
  EXPECT_EQ(parsed_raw<Quantity>("-0.000000025"), "-2");
  EXPECT_EQ(parsed_raw<Quantity>("1.000000035"), "100000004");  // 100000003.5 -> even 4
}

TEST(DecimalParse, Rounds_more_than_half_up_and_less_than_half_down) {
  EXPECT_EQ(parsed_raw<Quantity>("0.0000000051"), "1");                  // 0.51 units
  EXPECT_EQ(parsed_raw<Quantity>("0.0000000049999"), "0");               // 0.49999 units
  EXPECT_EQ(parsed_raw<Quantity>("0.00000000500000000000000001"), "1");  // a hair above half
}

TEST(DecimalParse, Rounds_toward_zero_when_asked) {
  EXPECT_EQ(parsed_raw<Quantity>("0.000000019", Rounding::toward_zero), "1");
  EXPECT_EQ(parsed_raw<Quantity>("-0.000000019", Rounding::toward_zero), "-1");
  EXPECT_EQ(parsed_raw<Quantity>("0.000000015", Rounding::toward_zero), "1");
}

TEST(DecimalParse, Rounds_away_from_zero_when_asked) {
  EXPECT_EQ(parsed_raw<Quantity>("0.000000011", Rounding::away_from_zero), "2");
  EXPECT_EQ(parsed_raw<Quantity>("-0.000000011", Rounding::away_from_zero), "-2");
  EXPECT_EQ(parsed_raw<Quantity>("0.00000001000", Rounding::away_from_zero), "1");  // exact
  EXPECT_EQ(parsed_raw<Quantity>("0.000000015", Rounding::away_from_zero), "2");
}

TEST(DecimalParse, Rounds_down_with_floor_and_up_with_ceiling_whatever_the_sign) {
  EXPECT_EQ(parsed_raw<Quantity>("0.000000019", Rounding::floor), "1");
  EXPECT_EQ(parsed_raw<Quantity>("-0.000000011", Rounding::floor), "-2");
  EXPECT_EQ(parsed_raw<Quantity>("-0.000000015", Rounding::floor), "-2");
  EXPECT_EQ(parsed_raw<Quantity>("0.000000011", Rounding::ceiling), "2");
  EXPECT_EQ(parsed_raw<Quantity>("-0.000000019", Rounding::ceiling), "-1");
  EXPECT_EQ(parsed_raw<Quantity>("0.000000015", Rounding::ceiling), "2");
}

TEST(DecimalParse, Rounds_digits_that_a_negative_exponent_pushes_below_the_scale) {
  EXPECT_EQ(parsed_raw<Quantity>("15e-9"), "2");  // 1.5 units
  EXPECT_EQ(parsed_raw<Quantity>("25e-9"), "2");  // 2.5 units
  EXPECT_EQ(parsed_raw<Quantity>("35e-9"), "4");  // 3.5 units
  // 5e-10 is 0.05 units: below half although its only digit is a 5.
  EXPECT_EQ(parsed_raw<Quantity>("5e-10"), "0");
  EXPECT_EQ(parsed_raw<Quantity>("5e-10", Rounding::away_from_zero), "1");
  EXPECT_EQ(parsed_raw<Quantity>("9e-10"), "0");  // 0.09 units
  EXPECT_EQ(parsed_raw<Quantity>("1e-20"), "0");
  EXPECT_EQ(parsed_raw<Quantity>("1e-20", Rounding::ceiling), "1");
  EXPECT_EQ(parsed_raw<Quantity>("-1e-20", Rounding::floor), "-1");
  EXPECT_EQ(parsed_raw<Quantity>("1e-999999999999", Rounding::ceiling), "1");
}

TEST(DecimalParse, Parse_exact_accepts_zeros_beyond_the_scale) {
  EXPECT_EQ(exact_raw<Quantity>("1.500000000000"), "150000000");
  EXPECT_EQ(exact_raw<Quantity>("1.5e0"), "150000000");
  EXPECT_EQ(exact_raw<Quantity>("12345e-8"), "12345");
}

TEST(DecimalParse, Parse_exact_refuses_non_zero_digits_beyond_the_scale) {
  EXPECT_EQ(exact_raw<Quantity>("0.000000001"), "too_precise");
  EXPECT_EQ(exact_raw<Quantity>("1e-9"), "too_precise");
  EXPECT_EQ(exact_raw<Quantity>("1.0000000001"), "too_precise");
  EXPECT_EQ(exact_raw<Price>("123456789e-19"), "too_precise");
  const Error error = Quantity::parse_exact("0.123456789").error();
  EXPECT_NE(error.message.find("\"0.123456789\""), std::string::npos) << error.message;
}

TEST(DecimalParse, Rejects_empty_text_and_any_whitespace) {
  for (const std::string_view text : {"", " ", " 1", "1 ", "\t1", "1\n", "1 000"}) {
    EXPECT_EQ(parsed_raw<Price>(text), "invalid_decimal") << '"' << text << '"';
  }
}

TEST(DecimalParse, Rejects_nan_infinity_and_hex) {
  for (const std::string_view text :
       {"nan", "NaN", "inf", "-inf", "Infinity", "0x1A", "0x10", "1e0x1"}) {
    EXPECT_EQ(parsed_raw<Price>(text), "invalid_decimal") << text;
  }
}

TEST(DecimalParse, Rejects_a_point_without_digits_on_both_sides) {
  for (const std::string_view text : {"1.", ".5", ".", "-.5", "1.e5"}) {
    EXPECT_EQ(parsed_raw<Price>(text), "invalid_decimal") << text;
  }
  EXPECT_NE(Price::parse("1.").error().message.find("decimal point"), std::string::npos);
}

TEST(DecimalParse, Rejects_extra_points_signs_and_separators) {
  for (const std::string_view text :
       {"1.2.3", "--1", "+-1", "1-", "-", "+", "1,5", "1e5.5", "1_000"}) {
    EXPECT_EQ(parsed_raw<Price>(text), "invalid_decimal") << text;
  }
}

TEST(DecimalParse, Rejects_an_exponent_without_digits) {
  for (const std::string_view text : {"1e", "1e+", "1E-", "e5", "-e5"}) {
    EXPECT_EQ(parsed_raw<Price>(text), "invalid_decimal") << text;
  }
}

TEST(DecimalParse, Quotes_at_most_forty_characters_of_bad_text) {
  const std::string text = std::string(50, '1') + "x";
  const Error error = Price::parse(text).error();
  EXPECT_EQ(error.code, "invalid_decimal");
  EXPECT_NE(error.message.find('"' + std::string(40, '1') + "...\""), std::string::npos)
      << error.message;
  EXPECT_EQ(error.message.find(text), std::string::npos) << error.message;
}

TEST(DecimalParse, Quotes_control_bytes_as_question_marks) {
  const Error error = Price::parse("1\n2").error();
  EXPECT_NE(error.message.find("\"1?2\""), std::string::npos) << error.message;
  EXPECT_EQ(error.message.find('\n'), std::string::npos);
}

TEST(DecimalParse, Accepts_the_exact_limits_of_each_type) {
  EXPECT_EQ(price("922337203.6854775807"), Price::max());
  EXPECT_EQ(price("-922337203.6854775808").raw(), int64_min);
  EXPECT_EQ(qty("92233720368.54775807"), Quantity::max());
  EXPECT_EQ(qty("-92233720368.54775808").raw(), int64_min);
  EXPECT_EQ(ratio("922337203.6854775807"), Ratio::max());
  EXPECT_EQ(money("1000000000000000000"), Money::max());
  EXPECT_EQ(money("-1e18").raw(), -money_max_raw);
  EXPECT_EQ(notional("170141183460469231731.687303715884105727"), Notional::max());
  EXPECT_EQ(notional("-170141183460469231731.687303715884105728").raw(), int128_min);
}

TEST(DecimalParse, Overflows_one_unit_beyond_the_limits) {
  EXPECT_EQ(parsed_raw<Price>("922337203.6854775808"), "decimal_overflow");
  EXPECT_EQ(parsed_raw<Price>("-922337203.6854775809"), "decimal_overflow");
  EXPECT_EQ(parsed_raw<Quantity>("92233720368.54775808"), "decimal_overflow");
  EXPECT_EQ(parsed_raw<Money>("1000000000000000000.00000001"), "decimal_overflow");
  EXPECT_EQ(parsed_raw<Money>("-1000000000000000000.00000001"), "decimal_overflow");
  EXPECT_EQ(parsed_raw<Money>("1e19"), "decimal_overflow");
  EXPECT_EQ(parsed_raw<Notional>("170141183460469231731.687303715884105728"), "decimal_overflow");
}

TEST(DecimalParse, Overflows_when_rounding_carries_past_the_limit) {
  // ...58074: the dropped 4 rounds down to the maximum. ...58075: a tie on an odd last digit
  // (7) rounds up to ...808, one unit too many.
  EXPECT_EQ(parsed_raw<Price>("922337203.68547758074"), "9223372036854775807");
  EXPECT_EQ(parsed_raw<Price>("922337203.68547758075"), "decimal_overflow");
  EXPECT_EQ(parsed_raw<Price>("922337203.68547758075", Rounding::toward_zero),
            "9223372036854775807");
  EXPECT_EQ(parsed_raw<Money>("1000000000000000000.000000006"), "decimal_overflow");
  EXPECT_EQ(parsed_raw<Money>("1000000000000000000.000000001", Rounding::ceiling),
            "decimal_overflow");
}

TEST(DecimalParse, Reports_too_many_digits_as_overflow) {
  EXPECT_EQ(parsed_raw<Price>("1" + std::string(40, '0')), "decimal_overflow");
  EXPECT_EQ(parsed_raw<Quantity>(std::string(50, '9')), "decimal_overflow");
  EXPECT_EQ(parsed_raw<Money>("1e40"), "decimal_overflow");
  EXPECT_EQ(parsed_raw<Notional>("1e21"), "decimal_overflow");  // above 1.7e20
  EXPECT_EQ(parsed_raw<Quantity>("1e999999999999"), "decimal_overflow");
  EXPECT_NE(Money::parse("1e40").error().message.find("\"1e40\""), std::string::npos);
}

TEST(DecimalParse, Reads_long_zero_padded_text_exactly) {
  const std::string text = std::string(60, '0') + "12.5" + std::string(60, '0');
  EXPECT_EQ(exact_raw<Quantity>(text), "1250000000");
  // 0.(150 zeros)1 * 10^151 = 1: a long fraction and a large exponent cancel out.
  EXPECT_EQ(exact_raw<Quantity>("0." + std::string(150, '0') + "1e151"), "100000000");
}

// ---------------------------------------------------------------- formatting

TEST(DecimalFormat, Prints_the_shortest_exact_text) {
  EXPECT_EQ(price("12.5").to_string(), "12.5");
  EXPECT_EQ(price("-12.5").to_string(), "-12.5");
  EXPECT_EQ(Price{}.to_string(), "0");
  EXPECT_EQ(Quantity::from_raw(1).to_string(), "0.00000001");
  EXPECT_EQ(Quantity::from_raw(-1).to_string(), "-0.00000001");
  EXPECT_EQ(Price::from_raw(10).to_string(), "0.000000001");
  EXPECT_EQ(Price::from_int(100).to_string(), "100");
}

TEST(DecimalFormat, Prints_the_extreme_values_of_each_type) {
  EXPECT_EQ(Price::from_raw(int64_min).to_string(), "-922337203.6854775808");
  EXPECT_EQ(Quantity::max().to_string(), "92233720368.54775807");
  EXPECT_EQ(Money::max().to_string(), "1000000000000000000");
  EXPECT_EQ(Notional::from_raw(int128_min).to_string(),
            "-170141183460469231731.687303715884105728");
}

TEST(DecimalFormat, Pads_to_a_fixed_number_of_decimals) {
  EXPECT_EQ(price("12.5").to_string(2), "12.50");
  EXPECT_EQ(qty("12.5").to_string(12), "12.500000000000");  // more decimals than the scale
  EXPECT_EQ(Quantity::from_int(7).to_string(10), "7.0000000000");
  EXPECT_EQ(Quantity::from_int(12).to_string(0), "12");
}

TEST(DecimalFormat, Rounds_to_fewer_decimals_with_each_mode) {
  const Price positive = price("2.345");
  EXPECT_EQ(positive.to_string(2), "2.34");  // tie, 4 is even
  EXPECT_EQ(positive.to_string(2, Rounding::toward_zero), "2.34");
  EXPECT_EQ(positive.to_string(2, Rounding::away_from_zero), "2.35");
  EXPECT_EQ(positive.to_string(2, Rounding::floor), "2.34");
  EXPECT_EQ(positive.to_string(2, Rounding::ceiling), "2.35");
  const Price negative = price("-2.345");
  EXPECT_EQ(negative.to_string(2), "-2.34");
  EXPECT_EQ(negative.to_string(2, Rounding::toward_zero), "-2.34");
  EXPECT_EQ(negative.to_string(2, Rounding::away_from_zero), "-2.35");
  EXPECT_EQ(negative.to_string(2, Rounding::floor), "-2.35");
  EXPECT_EQ(negative.to_string(2, Rounding::ceiling), "-2.34");
  EXPECT_EQ(price("2.355").to_string(2), "2.36");   // tie, 5 is odd
  EXPECT_EQ(price("2.3451").to_string(2), "2.35");  // above the tie
  EXPECT_EQ(price("12.5").to_string(0), "12");
  EXPECT_EQ(price("13.5").to_string(0), "14");
}

TEST(DecimalFormat, Never_prints_minus_zero) {
  EXPECT_EQ(price("-0.004").to_string(2), "0.00");
  EXPECT_EQ(price("-0.005").to_string(2), "0.00");  // tie to even 0
  EXPECT_EQ(price("-0.006").to_string(2), "-0.01");
  EXPECT_EQ(price("-0.4").to_string(0), "0");
  EXPECT_EQ(price("-0.9").to_string(0, Rounding::ceiling), "0");
}

TEST(DecimalFormat, Refuses_a_negative_number_of_decimals) {
  EXPECT_TRUE(
      starts_with(thrown_message([] { (void)price("1").to_string(-1); }), "invalid_decimal"));
}

TEST(DecimalFormat, Streams_and_to_chars_write_the_shortest_text) {
  std::ostringstream stream;
  stream << price("12.5") << ' ' << Money::from_raw(-money_max_raw);
  EXPECT_EQ(stream.str(), "12.5 -1000000000000000000");
  EXPECT_EQ(::testing::PrintToString(Quantity::from_raw(-1)), "-0.00000001");
  char buffer[Price::max_text_size];
  const char* end = Price::from_raw(int64_min).to_chars(buffer);
  EXPECT_EQ(std::string_view(buffer, static_cast<std::size_t>(end - buffer)),
            "-922337203.6854775808");
}

// ---------------------------------------------------------------- construction and +, -

TEST(DecimalArithmetic, From_int_scales_whole_units) {
  EXPECT_EQ(Price::from_int(27000).raw(), 270'000'000'000'000);  // 27000 * 1e10
  EXPECT_EQ(Money::from_int(-5).raw(), -500'000'000);
  EXPECT_EQ(Price::from_int(922337203).raw(), 9'223'372'030'000'000'000);
  EXPECT_EQ(Money::from_int(1'000'000'000'000'000'000), Money::max());
}

TEST(DecimalArithmetic, From_int_throws_outside_the_range) {
  EXPECT_TRUE(
      starts_with(thrown_message([] { (void)Price::from_int(922337204); }), "decimal_overflow"));
  EXPECT_TRUE(
      starts_with(thrown_message([] { (void)Price::from_int(-922337204); }), "decimal_overflow"));
  EXPECT_TRUE(starts_with(thrown_message([] { (void)Money::from_int(1'000'000'000'000'000'001); }),
                          "decimal_overflow"));
  EXPECT_THROW((void)Money::from_int(int64_min), DecimalError);
}

TEST(DecimalArithmetic, Max_is_the_largest_raw_value_each_type_allows) {
  EXPECT_EQ(Price::max().raw(), int64_max);
  EXPECT_EQ(Quantity::max().raw(), int64_max);
  EXPECT_EQ(Money::max().raw(), money_max_raw);
  EXPECT_EQ(Money::min_raw, -money_max_raw);
  EXPECT_EQ(Notional::max().raw(), int128_max);
}

TEST(DecimalArithmetic, Adds_and_subtracts_exactly) {
  EXPECT_EQ(price("0.1") + price("0.2"), price("0.3"));
  EXPECT_EQ(qty("1") - qty("0.00000001"), qty("0.99999999"));
  EXPECT_EQ(money("999999999999.99999999") + money("0.00000001"), money("1000000000000"));
  Quantity position = qty("1.5");
  position += qty("0.5");
  position -= qty("3");
  EXPECT_EQ(position, qty("-1"));
}

TEST(DecimalArithmetic, Addition_and_subtraction_throw_on_overflow) {
  const Price price_unit = Price::from_raw(1);
  EXPECT_THROW((void)(Price::max() + price_unit), DecimalError);
  EXPECT_THROW((void)(Price::from_raw(int64_min) - price_unit), DecimalError);
  EXPECT_THROW((void)(Quantity::max() - Quantity::from_raw(-1)), DecimalError);
  // Money stops at 1e18 although its int128 could hold more.
  const Money money_unit = Money::from_raw(1);
  EXPECT_TRUE(
      starts_with(thrown_message([&] { (void)(Money::max() + money_unit); }), "decimal_overflow"));
  EXPECT_THROW((void)(-Money::max() - money_unit), DecimalError);
  Price accumulated = Price::max();
  EXPECT_THROW(accumulated += price_unit, DecimalError);
  EXPECT_EQ(accumulated, Price::max());
}

TEST(DecimalArithmetic, Checked_add_and_sub_return_overflow_as_a_value) {
  const Result<Price> sum = Price::checked_add(Price::max(), Price::from_raw(1));
  ASSERT_FALSE(sum.ok());
  EXPECT_EQ(sum.error().code, "decimal_overflow");
  EXPECT_NE(sum.error().message.find("922337203.6854775807 + 0.0000000001"), std::string::npos)
      << sum.error().message;
  EXPECT_EQ(Money::checked_sub(-Money::max(), Money::from_raw(1)).error().code, "decimal_overflow");
  const Result<Price> difference = Price::checked_sub(price("10"), price("12.5"));
  ASSERT_TRUE(difference.ok());
  EXPECT_EQ(*difference, price("-2.5"));
}

TEST(DecimalArithmetic, Negation_and_abs_throw_only_on_the_int64_minimum) {
  const Price minimum = Price::from_raw(int64_min);
  EXPECT_THROW((void)-minimum, DecimalError);
  EXPECT_THROW((void)minimum.abs(), DecimalError);
  EXPECT_EQ(price("-12.5").abs(), price("12.5"));
  EXPECT_EQ(-Money::max(), money("-1e18"));
  EXPECT_EQ((-Money::max()).abs(), Money::max());
  EXPECT_EQ(-Price::max(), Price::from_raw(int64_min + 1));
}

// ---------------------------------------------------------------- mul, div, mul_div, rescale

TEST(DecimalMul, Price_times_quantity_is_exact_money) {
  EXPECT_EQ(mul<Money>(price("27000.12"), qty("1.5")), money("40500.18"));
  // 1e-10 * 0.5 = 5e-11 = 0.005 money units: below half, rounds to zero.
  EXPECT_EQ(mul<Money>(Price::from_raw(1), qty("0.5")), Money{});
}

TEST(DecimalMul, Rounds_ties_with_each_mode_for_both_signs) {
  // 0.00000005 * 0.5 = 2.5 units; 0.00000007 * 0.5 = 3.5 units.
  const Quantity five_units = Quantity::from_raw(5);
  const Quantity minus_five_units = Quantity::from_raw(-5);
  const Ratio half = ratio("0.5");
  const auto raw_of = [&](Quantity q, Rounding r) { return mul<Quantity>(q, half, r).raw(); };
  EXPECT_EQ(raw_of(five_units, Rounding::half_even), 2);
  EXPECT_EQ(raw_of(five_units, Rounding::toward_zero), 2);
  EXPECT_EQ(raw_of(five_units, Rounding::away_from_zero), 3);
  EXPECT_EQ(raw_of(five_units, Rounding::floor), 2);
  EXPECT_EQ(raw_of(five_units, Rounding::ceiling), 3);
  EXPECT_EQ(raw_of(minus_five_units, Rounding::half_even), -2);
  EXPECT_EQ(raw_of(minus_five_units, Rounding::toward_zero), -2);
  EXPECT_EQ(raw_of(minus_five_units, Rounding::away_from_zero), -3);
  EXPECT_EQ(raw_of(minus_five_units, Rounding::floor), -3);
  EXPECT_EQ(raw_of(minus_five_units, Rounding::ceiling), -2);
  EXPECT_EQ(raw_of(Quantity::from_raw(7), Rounding::half_even), 4);
  EXPECT_EQ(raw_of(Quantity::from_raw(-7), Rounding::half_even), -4);
}

TEST(DecimalMul, Rounds_non_ties_with_each_mode_for_both_signs) {
  // 0.00000013 * 0.2 = 2.6 units.
  const Ratio fifth = ratio("0.2");
  const auto raw_of = [&](std::int64_t units, Rounding r) {
    return mul<Quantity>(Quantity::from_raw(units), fifth, r).raw();
  };
  EXPECT_EQ(raw_of(13, Rounding::half_even), 3);
  EXPECT_EQ(raw_of(13, Rounding::toward_zero), 2);
  EXPECT_EQ(raw_of(13, Rounding::away_from_zero), 3);
  EXPECT_EQ(raw_of(13, Rounding::floor), 2);
  EXPECT_EQ(raw_of(13, Rounding::ceiling), 3);
  EXPECT_EQ(raw_of(-13, Rounding::half_even), -3);
  EXPECT_EQ(raw_of(-13, Rounding::toward_zero), -2);
  EXPECT_EQ(raw_of(-13, Rounding::away_from_zero), -3);
  EXPECT_EQ(raw_of(-13, Rounding::floor), -3);
  EXPECT_EQ(raw_of(-13, Rounding::ceiling), -2);
  EXPECT_EQ(raw_of(12, Rounding::half_even), 2);  // 2.4 units
}

TEST(DecimalMul, Throws_when_the_product_does_not_fit) {
  EXPECT_TRUE(starts_with(thrown_message([] { (void)mul<Price>(Price::max(), price("2")); }),
                          "decimal_overflow"));
  EXPECT_THROW((void)mul<Money>(Money::max(), ratio("1.0000000001")), DecimalError);
  // Raw (2^64 * 1e14)^2 = 2^128 * 1e28; scaled from 36 to 8 decimals that is exactly 2^128,
  // whose low 128 bits are all zero: it must overflow, not come out as 0.
  const Notional wide = Notional::from_raw((static_cast<int128>(1) << 64) * 100'000'000'000'000);
  EXPECT_THROW((void)mul<Money>(wide, wide), DecimalError);
  // The same with nothing to scale: raw 2^64 * 2^64 / 1 = 2^128.
  const Money two_to_64 = Money::from_raw(static_cast<int128>(1) << 64);
  EXPECT_THROW((void)mul_div<Money>(two_to_64, two_to_64, Money::from_raw(1)), DecimalError);
}

TEST(DecimalDiv, Rounds_repeating_quotients_with_each_mode) {
  // 1/3 = 0.33333333|33...; 2/3 = 0.6666666666|66...
  EXPECT_EQ(div<Quantity>(qty("1"), qty("3")).raw(), 33333333);
  EXPECT_EQ(div<Quantity>(qty("1"), qty("3"), Rounding::ceiling).raw(), 33333334);
  EXPECT_EQ(div<Quantity>(qty("1"), qty("3"), Rounding::away_from_zero).raw(), 33333334);
  EXPECT_EQ(div<Price>(price("2"), price("3")).raw(), 6666666667);
  EXPECT_EQ(div<Price>(price("2"), price("3"), Rounding::toward_zero).raw(), 6666666666);
  EXPECT_EQ(div<Price>(price("2"), price("3"), Rounding::floor).raw(), 6666666666);
  EXPECT_EQ(div<Price>(price("-2"), price("3")).raw(), -6666666667);
  EXPECT_EQ(div<Price>(price("-2"), price("3"), Rounding::toward_zero).raw(), -6666666666);
  EXPECT_EQ(div<Price>(price("-2"), price("3"), Rounding::away_from_zero).raw(), -6666666667);
  EXPECT_EQ(div<Price>(price("-2"), price("3"), Rounding::floor).raw(), -6666666667);
  EXPECT_EQ(div<Price>(price("-2"), price("3"), Rounding::ceiling).raw(), -6666666666);
}

TEST(DecimalDiv, Rounds_exact_ties_to_even_whatever_the_signs) {
  // 0.00000005 / 2 = 2.5 units, 0.00000007 / 2 = 3.5 units.
  EXPECT_EQ(div<Quantity>(Quantity::from_raw(5), qty("2")).raw(), 2);
  EXPECT_EQ(div<Quantity>(Quantity::from_raw(7), qty("2")).raw(), 4);
  EXPECT_EQ(div<Quantity>(Quantity::from_raw(-5), qty("2")).raw(), -2);
  EXPECT_EQ(div<Quantity>(Quantity::from_raw(5), qty("-2")).raw(), -2);
  EXPECT_EQ(div<Quantity>(Quantity::from_raw(5), qty("-2"), Rounding::floor).raw(), -3);
  EXPECT_EQ(div<Quantity>(Quantity::from_raw(-5), qty("-2"), Rounding::ceiling).raw(), 3);
}

TEST(DecimalDiv, Throws_on_division_by_zero) {
  EXPECT_TRUE(starts_with(thrown_message([] { (void)div<Price>(price("1"), Price{}); }),
                          "division_by_zero"));
  EXPECT_THROW((void)div<Price>(Price{}, Price{}), DecimalError);
  EXPECT_TRUE(
      starts_with(thrown_message([] { (void)mul_div<Money>(money("1"), qty("1"), Quantity{}); }),
                  "division_by_zero"));
}

TEST(DecimalDiv, Throws_when_the_quotient_does_not_fit) {
  // 1000 / 1e-10 = 1e13 > 922337203.
  EXPECT_TRUE(
      starts_with(thrown_message([] { (void)div<Price>(price("1000"), Price::from_raw(1)); }),
                  "decimal_overflow"));
  // 1e18 / 1e-8 = 1e26 units, far above Quantity's 9.2e10.
  EXPECT_THROW((void)div<Quantity>(Money::max(), Quantity::from_raw(1)), DecimalError);
}

TEST(DecimalDiv, Keeps_all_digits_when_the_scaled_dividend_exceeds_128_bits) {
  // 1e13 / 7 at 18 decimals: 1e13 (raw 1e21) is scaled by 10^18 first, 1e39 > 2^128.
  // 1e13 / 7 = 1428571428571.428571428571428571|428..., the dropped 4 rounds down.
  EXPECT_EQ(div<Notional>(money("1e13"), qty("7")), notional("1428571428571.428571428571428571"));
  // 2e13 / 7 = 2857142857142.857142857142857142|857...: the dropped 8 rounds up.
  EXPECT_EQ(div<Notional>(money("2e13"), qty("7")), notional("2857142857142.857142857142857143"));
}

TEST(DecimalMulDiv, Splits_a_large_fee_exactly_and_rounds_once) {
  // (1e12 - 1e-8) * 0.12345678 = 123456779999.99999999|87654322: above half rounds up.
  const Money fee = money("999999999999.99999999");
  EXPECT_EQ(mul_div<Money>(fee, qty("0.12345678"), qty("1")), money("123456780000"));
  EXPECT_EQ(mul_div<Money>(fee, qty("0.12345678"), qty("1"), Rounding::toward_zero),
            money("123456779999.99999999"));
  // 1234567890.12345678 / 7 = 176366841.44620811|142857...
  EXPECT_EQ(mul_div<Money>(money("1234567890.12345678"), qty("1"), qty("7")),
            money("176366841.44620811"));
  EXPECT_EQ(mul_div<Money>(money("1234567890.12345678"), qty("1"), qty("7"), Rounding::ceiling),
            money("176366841.44620812"));
}

TEST(DecimalMulDiv, Uses_256_bit_intermediates_above_2_to_the_127) {
  // 1e18 * 100000 has raw product 1e26 * 1e13 = 1e39 > 2^127 (1.7e38).
  // 1e18 * 100000 / 300000 = 333333333333333333.33333333|333...
  const Money fee = Money::max();
  EXPECT_EQ(mul_div<Money>(fee, qty("100000"), qty("300000")),
            money("333333333333333333.33333333"));
  EXPECT_EQ(mul_div<Money>(fee, qty("100000"), qty("300000"), Rounding::ceiling),
            money("333333333333333333.33333334"));
  EXPECT_EQ(mul_div<Money>(-fee, qty("100000"), qty("300000"), Rounding::floor),
            money("-333333333333333333.33333334"));
  // ... * 200000 / 300000 = 666666666666666666.666666666|6...: rounds up.
  EXPECT_EQ(mul_div<Money>(fee, qty("200000"), qty("300000")),
            money("666666666666666666.66666667"));
}

TEST(DecimalMulDiv, Divides_a_256_bit_product_by_a_divisor_wider_than_64_bits) {
  // Raw 1e20 * 5e19 = 5e39; the divisor's raw 3e19 needs two 64-bit limbs.
  // 1e12 * 5e11 / 3e11 = 1666666666666.66666666|666...
  EXPECT_EQ(mul_div<Money>(money("1e12"), money("5e11"), money("3e11")),
            money("1666666666666.66666667"));
  EXPECT_EQ(mul_div<Money>(money("1e12"), money("5e11"), money("-3e11"), Rounding::toward_zero),
            money("-1666666666666.66666666"));
}

TEST(DecimalMulDiv, Rounds_ties_exactly_when_the_divisor_is_wider_than_64_bits) {
  // Raw values: 2^64 * (2^64 + 3) / 2^65 = 2^63 + 1.5, a tie on an odd unit: half-even
  // goes up to 2^63 + 2. With 2^64 + 1 it is 2^63 + 0.5, a tie on an even unit: stays.
  const Money two_to_64 = Money::from_raw(static_cast<int128>(1) << 64);
  const Money two_to_65 = Money::from_raw(static_cast<int128>(1) << 65);
  const int128 two_to_63 = static_cast<int128>(1) << 63;
  const Money odd_tie = Money::from_raw((static_cast<int128>(1) << 64) + 3);
  const Money even_tie = Money::from_raw((static_cast<int128>(1) << 64) + 1);
  EXPECT_EQ(mul_div<Money>(two_to_64, odd_tie, two_to_65).raw(), two_to_63 + 2);
  EXPECT_EQ(mul_div<Money>(two_to_64, odd_tie, two_to_65, Rounding::toward_zero).raw(),
            two_to_63 + 1);
  EXPECT_EQ(mul_div<Money>(two_to_64, even_tie, two_to_65).raw(), two_to_63);
  EXPECT_EQ(mul_div<Money>(two_to_64, even_tie, two_to_65, Rounding::away_from_zero).raw(),
            two_to_63 + 1);
}

TEST(DecimalMulDiv, Rounds_exactly_when_the_scaled_divisor_exceeds_128_bits) {
  // Notional * Notional / Money at 8 decimals divides by c * 10^20, here about 3.5e38
  // > 2^128, so the division happens in two steps. 175 / 35000000000 is exactly half a
  // unit (5e-9); the tiny additions decide: 175 + 5.1e-17 > 5e-9 * (3.5e10 + 1e-8)
  // = 175 + 5e-17, so the first rounds up; with 5.0e-17 it is an exact tie, to even 0.
  const Money divisor = money("35000000000.00000001");
  EXPECT_EQ(mul_div<Money>(notional("1"), notional("175.000000000000000051"), divisor),
            Money::from_raw(1));
  EXPECT_EQ(mul_div<Money>(notional("1"), notional("175.00000000000000005"), divisor), Money{});
  EXPECT_EQ(mul_div<Money>(notional("1"), notional("175.000000000000000049"), divisor,
                           Rounding::away_from_zero),
            Money::from_raw(1));
  EXPECT_EQ(mul_div<Money>(notional("1"), notional("175.000000000000000049"), divisor), Money{});
  // Clearly below and above half, each with a non-zero 18th decimal.
  EXPECT_EQ(mul_div<Money>(notional("1"), notional("174.999999990000000001"), divisor), Money{});
  EXPECT_EQ(mul_div<Money>(notional("1"), notional("175.000000010000000001"), divisor),
            Money::from_raw(1));
}

TEST(DecimalMulDiv, Returns_notionals_near_a_trillion_unchanged_by_the_largest_quantity) {
  // Raw product about 1e20 * 9.2e18 = 9.2e38 > 2^128.
  const Money notional_near_limit = money("999999999999.99999999");
  const Quantity largest = Quantity::max();
  EXPECT_EQ(mul_div<Money>(notional_near_limit, largest, largest), notional_near_limit);
}

TEST(DecimalMulDiv, Rounds_once_where_mul_then_div_would_round_twice) {
  // 0.00000001 * 0.5 / 0.5 is exactly 0.00000001; rounding the product first loses it
  // (0.5 units is a tie that goes to the even 0).
  const Quantity smallest = Quantity::from_raw(1);
  EXPECT_EQ(mul_div<Quantity>(smallest, qty("0.5"), qty("0.5")), smallest);
  EXPECT_EQ(div<Quantity>(mul<Quantity>(smallest, qty("0.5")), qty("0.5")), Quantity{});
}

TEST(DecimalRescale, Moves_values_between_types_rounding_once) {
  EXPECT_EQ(rescale<Quantity>(price("12.3456789")), qty("12.3456789"));
  EXPECT_EQ(rescale<Quantity>(price("0.000000005")), Quantity{});  // 0.5 units, tie to 0
  EXPECT_EQ(rescale<Quantity>(price("0.000000005"), Rounding::ceiling), Quantity::from_raw(1));
  EXPECT_EQ(rescale<Quantity>(price("0.000000015")), Quantity::from_raw(2));
  EXPECT_EQ(rescale<Money>(Quantity::max()).raw(), int64_max);  // same scale, wider rep
  EXPECT_EQ(rescale<Notional>(price("12.5")).raw(),
            static_cast<int128>(125) * 100'000'000'000'000'000);
  EXPECT_EQ(rescale<Price>(notional("1.000000000049999999")), price("1"));
  EXPECT_EQ(rescale<Price>(notional("1.00000000005")), price("1"));  // tie, even 0
  EXPECT_EQ(rescale<Price>(notional("1.00000000015")), price("1.0000000002"));
}

TEST(DecimalRescale, Throws_when_the_target_type_cannot_hold_the_value) {
  EXPECT_THROW((void)rescale<Price>(Quantity::max()), DecimalError);   // 9.2e10 > 9.2e8
  EXPECT_THROW((void)rescale<Quantity>(money("1e12")), DecimalError);  // raw 1e20 > 9.2e18
  EXPECT_EQ(rescale<Quantity>(money("1e10")).raw(), 1'000'000'000'000'000'000);
}

// ---------------------------------------------------------------- Notional

TEST(DecimalNotional, Holds_any_price_times_quantity_exactly) {
  EXPECT_EQ(mul<Notional>(Price::max(), Quantity::max()).raw(),
            static_cast<int128>(int64_max) * int64_max);
  EXPECT_EQ(mul<Notional>(Price::from_raw(int64_min), Quantity::from_raw(int64_min)).raw(),
            static_cast<int128>(int64_min) * int64_min);
  // 27000.1234567891 * 0.00012345 = 3.333165240740614395 (18 decimals, nothing dropped).
  EXPECT_EQ(mul<Notional>(price("27000.1234567891"), qty("0.00012345")),
            notional("3.333165240740614395"));
}

TEST(DecimalNotional, Sum_divided_by_total_quantity_is_the_average_entry_price) {
  // 1.5 @ 27000.12 and 0.5 @ 27100.5: (40500.18 + 13550.25) / 2 = 27025.215.
  const Notional cost =
      mul<Notional>(price("27000.12"), qty("1.5")) + mul<Notional>(price("27100.5"), qty("0.5"));
  EXPECT_EQ(div<Price>(cost, qty("2")), price("27025.215"));
  // 0.3 @ 100, 0.3 @ 100, 0.3 @ 101: 90.3 / 0.9 = 100.3333333333|33...
  const Notional thirds = mul<Notional>(price("100"), qty("0.3")) +
                          mul<Notional>(price("100"), qty("0.3")) +
                          mul<Notional>(price("101"), qty("0.3"));
  EXPECT_EQ(div<Price>(thirds, qty("0.9")), price("100.3333333333"));
}

TEST(DecimalNotional, Keeps_products_that_money_would_round_away) {
  // 0.00000001 @ 1.2345678901 and 0.00000001 @ 1.2345678902. Each product is about
  // 1.2e-8; as Money both would round to 0.00000001 and the average would come out as 1.
  // As Notionals the sum is 0.000000024691357803 and / 0.00000002 = 1.2345678901|5,
  // a tie on an odd digit, so half-even gives 1.2345678902.
  const Quantity dust = Quantity::from_raw(1);
  const Notional cost =
      mul<Notional>(price("1.2345678901"), dust) + mul<Notional>(price("1.2345678902"), dust);
  EXPECT_EQ(cost, notional("0.000000024691357803"));
  EXPECT_EQ(div<Price>(cost, dust + dust), price("1.2345678902"));
  const Money rounded_cost =
      mul<Money>(price("1.2345678901"), dust) + mul<Money>(price("1.2345678902"), dust);
  EXPECT_EQ(div<Price>(rounded_cost, dust + dust), price("1"));
}

// ---------------------------------------------------------------- properties

// splitmix64: a fixed seed makes every run test the same values.
class PseudoRandom {
 public:
  explicit PseudoRandom(std::uint64_t seed) : state_(seed) {}
  std::uint64_t next() {
    std::uint64_t z = (state_ += 0x9e3779b97f4a7c15u);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9u;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebu;
    return z ^ (z >> 31);
  }
  // A value of a random bit length, so small and large magnitudes are both common.
  uint128 magnitude(int max_bits) {
    const int bits = static_cast<int>(next() % static_cast<std::uint64_t>(max_bits + 1));
    const uint128 wide = (static_cast<uint128>(next()) << 64) | next();
    return bits == 0 ? 0 : wide >> (128 - bits);
  }
  template <class T>
  T any() {  // anywhere in [min_raw, max_raw]
    const bool negative = (next() & 1) != 0;
    const uint128 limit =
        negative ? static_cast<uint128>(-(T::min_raw + 1)) + 1 : static_cast<uint128>(T::max_raw);
    uint128 magnitude = this->magnitude(sizeof(typename T::rep) == 8 ? 64 : 128);
    if (magnitude > limit) magnitude %= limit + 1;
    return T::from_raw(static_cast<typename T::rep>(
        static_cast<int128>(negative ? uint128{0} - magnitude : magnitude)));
  }

 private:
  std::uint64_t state_;
};

template <class T>
void expect_text_round_trips(PseudoRandom& random) {
  for (int i = 0; i < 20000; ++i) {
    const T value = random.any<T>();
    const std::string text = value.to_string();
    const Result<T> parsed = T::parse_exact(text);
    ASSERT_TRUE(parsed.ok()) << text << ": " << parsed.error().message;
    ASSERT_EQ(*parsed, value) << text;
    char buffer[T::max_text_size];
    ASSERT_EQ(std::string(buffer, value.to_chars(buffer)), text);
  }
}

TEST(DecimalProperty, Parsing_the_text_of_any_value_gives_the_value_back) {
  PseudoRandom random(20240601);
  expect_text_round_trips<Price>(random);
  expect_text_round_trips<Quantity>(random);
  expect_text_round_trips<Money>(random);
  expect_text_round_trips<Notional>(random);
}

template <class T>
void expect_add_then_sub_is_identity(PseudoRandom& random) {
  for (int i = 0; i < 20000; ++i) {
    // Halving keeps a + b inside the range.
    const T a = T::from_raw(random.any<T>().raw() / 2);
    const T b = T::from_raw(random.any<T>().raw() / 2);
    ASSERT_EQ((a + b) - b, a) << a << " " << b;
  }
}

TEST(DecimalProperty, Adding_then_subtracting_returns_the_original) {
  PseudoRandom random(7);
  expect_add_then_sub_is_identity<Price>(random);
  expect_add_then_sub_is_identity<Quantity>(random);
  expect_add_then_sub_is_identity<Money>(random);
  expect_add_then_sub_is_identity<Notional>(random);
}

template <class A, class B>
void expect_mul_div_by_same_is_identity(PseudoRandom& random) {
  for (int i = 0; i < 20000; ++i) {
    const A a = random.any<A>();
    const B b = random.any<B>();
    if (b.is_zero()) continue;
    ASSERT_EQ(mul_div<A>(a, b, b), a) << a << " " << b;
  }
}

TEST(DecimalProperty, Mul_div_by_the_same_non_zero_value_returns_the_original) {
  PseudoRandom random(99);
  expect_mul_div_by_same_is_identity<Price, Quantity>(random);
  expect_mul_div_by_same_is_identity<Money, Quantity>(random);
  expect_mul_div_by_same_is_identity<Money, Money>(random);        // divisors past 64 bits
  expect_mul_div_by_same_is_identity<Notional, Notional>(random);  // products near 2^254
}

TEST(DecimalProperty, Mul_div_floor_splits_over_whole_multiples_of_the_divisor) {
  // For positive a, c and b = c*k + r with 0 <= r < c:
  //   floor(a*b/c) = a*k + floor(a*r/c)
  // Divisors of 64..72 bits send the products (up to 2^145) through the 256-bit division.
  PseudoRandom random(3);
  for (int i = 0; i < 20000; ++i) {
    const auto a = static_cast<int128>(random.magnitude(60)) + 1;
    const auto c =
        (static_cast<int128>(random.magnitude(8) + 1) << 64) | static_cast<int128>(random.next());
    const auto k = static_cast<int128>(random.magnitude(12));
    const auto r = static_cast<int128>(random.magnitude(128) % static_cast<uint128>(c));
    const Money whole = mul_div<Money>(Money::from_raw(a), Money::from_raw(c * k + r),
                                       Money::from_raw(c), Rounding::floor);
    const Money part =
        mul_div<Money>(Money::from_raw(a), Money::from_raw(r), Money::from_raw(c), Rounding::floor);
    ASSERT_EQ(whole, Money::from_raw(a * k) + part) << i;
  }
}

}  // namespace
}  // namespace tvbot
