#pragma once
// Fixed-point decimals for money and quantities. Never double.
//
// The scale lives in the type and a tag keeps prices, quantities, money and ratios apart:
//   Price    : int64 mantissa, 10 decimals  -> 1e-10 .. +-922,337,203.6854775807
//   Quantity : int64 mantissa,  8 decimals  -> 1e-8  .. +-92,233,720,368.54775807
//   Money    : int128 mantissa, 8 decimals  -> 1e-8  .. +-1e18 (notionals up to 1e12 with room)
//   Ratio    : int64 mantissa, 10 decimals  -> percentages and fractions ("2%" -> 2, 0.5 -> 0.5)
// Products and quotients are computed exactly in wide intermediates (128 bits, 256 bits
// where a Money operand needs it) and rounded once, half-to-even unless told otherwise.
// Text becomes a decimal straight from its digits (JSON exponents included), never via double.
// Overflow and division by zero throw DecimalError from operators; boundary code uses the
// checked_* / parse functions that return Result instead.
#include <compare>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>

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

 private:
  Rep raw_ = 0;
};

using Price = Fixed<10, std::int64_t, PriceTag>;
using Quantity = Fixed<8, std::int64_t, QuantityTag>;
using Money = Fixed<8, int128, MoneyTag>;
using Ratio = Fixed<10, std::int64_t, RatioTag>;

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

}  // namespace tvbot

#include "events/decimal_impl.hpp"
