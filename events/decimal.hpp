#pragma once
// Fixed-point decimals for money and quantities. Never double.
//
// The scale lives in the type and a tag keeps prices, quantities, money and ratios apart:
//   Price    : int64 mantissa, 10 decimals  -> 1e-10 .. +-922,337,203.6854775807
//   Quantity : int64 mantissa,  8 decimals  -> 1e-8  .. +-92,233,720,368.54775807
//   Money    : int128 mantissa, 8 decimals  -> 1e-8  .. +-1e18 (notionals up to 1e12 with room)
//   Ratio    : int64 mantissa, 10 decimals  -> percentages and fractions ("2%" -> 2, 0.5 -> 0.5)
//   Notional : int128 mantissa, 18 decimals -> 1e-18 ..
//   +-170,141,183,460,469,231,731.687303715884105727
//              Price * Quantity exactly: the largest such product (8.5e19) fits, so
//              average entry = div<Price>(sum of mul<Notional>(price, qty), sum of qty)
//              rounds once, at the very end.
// int64 types reach one unit further below zero (Price min is -922,337,203.6854775808; likewise
// Notional's int128). Money stops at +-1e18 on purpose, far above any real amount, so a runaway
// value surfaces as "decimal_overflow" instead of being carried along.
//
// Products and quotients are computed exactly in wide intermediates (128 bits, 256 bits
// where a Money operand needs it) and rounded once, half-to-even unless told otherwise.
// Rounding modes: half_even (banker's: 2.5 -> 2, 3.5 -> 4, -2.5 -> -2), toward_zero,
// away_from_zero, floor (toward -infinity), ceiling (toward +infinity).
//
// Text becomes a decimal straight from its digits, never via double. Accepted: JSON number
// syntax plus an optional leading '+':  [+-]digits[.digits][(e|E)[+-]digits], e.g. "12.5",
// "-0.001", "1e-5", "1.5E3", "+3". Leading zeros are plain zeros ("007" is 7). Rejected with
// "invalid_decimal": empty text, any whitespace, "1." and ".5" (JSON forbids both and
// TradingView placeholders never produce them), hex, nan/inf, a second point or sign.
// Too large for the type, before or after rounding: "decimal_overflow". Digits beyond the
// scale are rounded once with the given mode; parse_exact refuses non-zero ones with
// "too_precise". Error messages quote the text (at most 40 characters of it).
//
// Overflow and division by zero throw DecimalError from operators (its what() starts with
// "decimal_overflow" or "division_by_zero"); boundary code uses the checked_* / parse
// functions that return Result instead.
#include <compare>
#include <cstddef>
#include <cstdint>
#include <iosfwd>
#include <stdexcept>
#include <string>
#include <string_view>
#include <type_traits>

#include "events/result.hpp"

namespace tvbot {

__extension__ using int128 = __int128;
__extension__ using uint128 = unsigned __int128;

enum class Rounding { half_even, toward_zero, away_from_zero, floor, ceiling };

class DecimalError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct PriceTag;
struct QuantityTag;
struct MoneyTag;
struct RatioTag;
struct NotionalTag;

namespace detail {
// Whole units a tag may hold when that is fewer than its Rep allows; 0 means "Rep's limit".
template <class Tag>
inline constexpr std::int64_t max_units_v = 0;
template <>
inline constexpr std::int64_t max_units_v<MoneyTag> = 1'000'000'000'000'000'000;

template <class Rep>
constexpr Rep max_raw_of(int scale, std::int64_t max_units) {
  static_assert(std::is_same_v<Rep, std::int64_t> || std::is_same_v<Rep, int128>,
                "the wide arithmetic in decimal.cpp is written for int64 and int128 mantissas");
  if (max_units == 0) {
    // numeric_limits<__int128> is missing in strict -std=c++20, so the bound is spelled out.
    constexpr int value_bits = 8 * static_cast<int>(sizeof(Rep)) - 1;  // all but the sign bit
    return static_cast<Rep>((static_cast<uint128>(1) << value_bits) - 1);
  }
  Rep units = static_cast<Rep>(max_units);
  for (int i = 0; i < scale; ++i) units *= 10;
  return units;
}
}  // namespace detail

// IMPLEMENTATION NOTE: the public API below is frozen (other modules code against it);
// the definitions live further down in this header and in decimal.cpp.
template <int Scale, class Rep, class Tag>
class Fixed {
 public:
  static constexpr int scale = Scale;
  using rep = Rep;
  using tag = Tag;

  constexpr Fixed() = default;
  static constexpr Fixed from_raw(Rep raw) { Fixed f; f.raw_ = raw; return f; }
  static Fixed from_int(std::int64_t units);  // throws DecimalError on overflow
  static Fixed max();                         // the largest representable value
  // "12.5", "-0.001", "1e-5", "1.5E3", "+3": digits beyond Scale are rounded with `rounding`.
  static Result<Fixed> parse(std::string_view text, Rounding rounding = Rounding::half_even);
  // Like parse, but non-zero digits beyond Scale are an error ("too_precise").
  static Result<Fixed> parse_exact(std::string_view text);

  constexpr Rep raw() const { return raw_; }
  std::string to_string() const;  // shortest exact text: "-12.5", "0", "0.00000001"
  std::string to_string(int decimals, Rounding rounding = Rounding::half_even) const;  // "12.50"

  constexpr bool is_zero() const { return raw_ == 0; }
  constexpr bool is_negative() const { return raw_ < 0; }
  constexpr bool is_positive() const { return raw_ > 0; }
  constexpr int signum() const { return (raw_ > 0) - (raw_ < 0); }
  Fixed abs() const;  // throws on the minimum value

  friend constexpr auto operator<=>(const Fixed&, const Fixed&) = default;
  friend constexpr bool operator==(const Fixed&, const Fixed&) = default;

  Fixed operator-() const;                // throws on overflow
  Fixed operator+(const Fixed& o) const;  // throws on overflow
  Fixed operator-(const Fixed& o) const;  // throws on overflow
  Fixed& operator+=(const Fixed& o) { return *this = *this + o; }
  Fixed& operator-=(const Fixed& o) { return *this = *this - o; }

  static Result<Fixed> checked_add(Fixed a, Fixed b);
  static Result<Fixed> checked_sub(Fixed a, Fixed b);

  // --- additions to the frozen API ---
  // Inclusive bounds of raw(); every operation keeps its result inside them.
  static constexpr Rep max_raw = detail::max_raw_of<Rep>(Scale, detail::max_units_v<Tag>);
  static constexpr Rep min_raw = detail::max_units_v<Tag> == 0 ? -max_raw - 1 : -max_raw;
  // to_chars writes to_string()'s text without allocating into a buffer of this many chars
  // (sign, 39 digits, point, with room to spare).
  static constexpr std::size_t max_text_size = 48;
  char* to_chars(char* out) const;  // returns one past the last character written

 private:
  static_assert(Scale >= 0 && Scale <= 18,
                "scales above 18 would need 10^36+ powers beyond the 256-bit intermediates");
  Rep raw_ = 0;
};

using Price = Fixed<10, std::int64_t, PriceTag>;
using Quantity = Fixed<8, std::int64_t, QuantityTag>;
using Money = Fixed<8, int128, MoneyTag>;
using Ratio = Fixed<10, std::int64_t, RatioTag>;
// Price * Quantity without rounding (10 + 8 decimals); see the header comment.
using Notional = Fixed<18, int128, NotionalTag>;

// Exact a*b, rounded once to Out's scale. Throws DecimalError on overflow.
template <class Out, class A, class B>
Out mul(A a, B b, Rounding rounding = Rounding::half_even);
// Exact a/b, rounded once to Out's scale. Throws DecimalError on overflow or b == 0.
template <class Out, class A, class B>
Out div(A a, B b, Rounding rounding = Rounding::half_even);
// Exact a*b/c with a single rounding (fee shares, average prices). Throws like div.
template <class Out, class A, class B, class C>
Out mul_div(A a, B b, C c, Rounding rounding = Rounding::half_even);
// The same value at another type/scale, rounded once. Throws on overflow.
template <class Out, class A>
Out rescale(A a, Rounding rounding = Rounding::half_even);

// Prints to_string() (GoogleTest uses it for readable failures). <iosfwd> keeps <ostream>
// out of this header; the definition lives in decimal.cpp.
template <int Scale, class Rep, class Tag>
std::ostream& operator<<(std::ostream& out, const Fixed<Scale, Rep, Tag>& value);

}  // namespace tvbot

#include "events/decimal_impl.hpp"
