#pragma once
// Template definitions for decimal.hpp (included at its end). Each template only
// widens its operands to int128 and calls the non-template core in decimal.cpp, so
// the wide arithmetic, parsing and formatting are compiled once, not per type.
#include <cstdint>
#include <string>
#include <string_view>

namespace tvbot {
namespace detail {

template <class T>
inline constexpr bool is_fixed_v = false;
template <int Scale, class Rep, class Tag>
inline constexpr bool is_fixed_v<Fixed<Scale, Rep, Tag>> = true;

// Inclusive bounds of a type's raw value, widened.
struct RawRange {
  int128 min;
  int128 max;
};

template <class T>
constexpr RawRange range_of() {
  return RawRange{T::min_raw, T::max_raw};
}

// A raw value and the scale it is at (12.5 as a Price is {125000000000, 10}).
struct Operand {
  int128 raw;
  int scale;
};

template <class T>
constexpr Operand operand_of(T value) {
  return Operand{value.raw(), T::scale};
}

inline constexpr Operand exact_one{1, 0};

// Names the operation in error messages.
enum class Operation { mul, div, mul_div, rescale };

// round(a * b / c) at out_scale, exactly: one rounding, whatever the operand scales.
// Throws DecimalError on c == 0 or a result outside `out`.
[[nodiscard]] int128 multiply_divide_raw(Operation operation, Operand a, Operand b, Operand c,
                                         int out_scale, RawRange out, Rounding rounding);

enum class ExcessDigits { round, reject };
[[nodiscard]] Result<int128> parse_raw(std::string_view text, int scale, RawRange range,
                                       Rounding rounding, ExcessDigits excess);

[[nodiscard]] char* write_shortest(char* out, int128 raw, int scale);
[[nodiscard]] std::string format_shortest(int128 raw, int scale);
[[nodiscard]] std::string format_fixed(int128 raw, int scale, int decimals, Rounding rounding);
std::ostream& print(std::ostream& out, int128 raw, int scale);

// `operation` is '+', '-' (binary) or 'n' (negation, rhs unused).
[[nodiscard]] Error overflow_error(char operation, int128 lhs, int128 rhs, int scale,
                                   RawRange range);
[[noreturn]] void throw_overflow(char operation, int128 lhs, int128 rhs, int scale, RawRange range);
[[noreturn]] void throw_from_int_overflow(std::int64_t units, int scale, RawRange range);

}  // namespace detail

template <int Scale, class Rep, class Tag>
Fixed<Scale, Rep, Tag> Fixed<Scale, Rep, Tag>::from_int(std::int64_t units) {
  // |units| * 10^18 < 2^63 * 2^60 fits in int128, so the product itself cannot wrap.
  int128 raw = units;
  for (int i = 0; i < Scale; ++i) raw *= 10;
  if (raw > max_raw || raw < min_raw) {
    detail::throw_from_int_overflow(units, Scale, detail::range_of<Fixed>());
  }
  return from_raw(static_cast<Rep>(raw));
}

template <int Scale, class Rep, class Tag>
Fixed<Scale, Rep, Tag> Fixed<Scale, Rep, Tag>::max() {
  return from_raw(max_raw);
}

template <int Scale, class Rep, class Tag>
Result<Fixed<Scale, Rep, Tag>> Fixed<Scale, Rep, Tag>::parse(std::string_view text,
                                                             Rounding rounding) {
  Result<int128> raw = detail::parse_raw(text, Scale, detail::range_of<Fixed>(), rounding,
                                         detail::ExcessDigits::round);
  if (!raw) return raw.error();
  return from_raw(static_cast<Rep>(*raw));
}

template <int Scale, class Rep, class Tag>
Result<Fixed<Scale, Rep, Tag>> Fixed<Scale, Rep, Tag>::parse_exact(std::string_view text) {
  Result<int128> raw = detail::parse_raw(text, Scale, detail::range_of<Fixed>(),
                                         Rounding::half_even, detail::ExcessDigits::reject);
  if (!raw) return raw.error();
  return from_raw(static_cast<Rep>(*raw));
}

template <int Scale, class Rep, class Tag>
std::string Fixed<Scale, Rep, Tag>::to_string() const {
  return detail::format_shortest(raw_, Scale);
}

template <int Scale, class Rep, class Tag>
std::string Fixed<Scale, Rep, Tag>::to_string(int decimals, Rounding rounding) const {
  return detail::format_fixed(raw_, Scale, decimals, rounding);
}

template <int Scale, class Rep, class Tag>
char* Fixed<Scale, Rep, Tag>::to_chars(char* out) const {
  return detail::write_shortest(out, raw_, Scale);
}

template <int Scale, class Rep, class Tag>
Fixed<Scale, Rep, Tag> Fixed<Scale, Rep, Tag>::abs() const {
  return raw_ < 0 ? -*this : *this;
}

template <int Scale, class Rep, class Tag>
Fixed<Scale, Rep, Tag> Fixed<Scale, Rep, Tag>::operator-() const {
  // min_raw may be one unit beyond -max_raw (two's complement), and then has no negation.
  if (raw_ < -max_raw) detail::throw_overflow('n', raw_, 0, Scale, detail::range_of<Fixed>());
  return from_raw(static_cast<Rep>(-raw_));
}

template <int Scale, class Rep, class Tag>
Fixed<Scale, Rep, Tag> Fixed<Scale, Rep, Tag>::operator+(const Fixed& o) const {
  Rep sum;
  if (__builtin_add_overflow(raw_, o.raw_, &sum) || sum > max_raw || sum < min_raw) {
    detail::throw_overflow('+', raw_, o.raw_, Scale, detail::range_of<Fixed>());
  }
  return from_raw(sum);
}

template <int Scale, class Rep, class Tag>
Fixed<Scale, Rep, Tag> Fixed<Scale, Rep, Tag>::operator-(const Fixed& o) const {
  Rep difference;
  if (__builtin_sub_overflow(raw_, o.raw_, &difference) || difference > max_raw ||
      difference < min_raw) {
    detail::throw_overflow('-', raw_, o.raw_, Scale, detail::range_of<Fixed>());
  }
  return from_raw(difference);
}

template <int Scale, class Rep, class Tag>
Result<Fixed<Scale, Rep, Tag>> Fixed<Scale, Rep, Tag>::checked_add(Fixed a, Fixed b) {
  Rep sum;
  if (__builtin_add_overflow(a.raw_, b.raw_, &sum) || sum > max_raw || sum < min_raw) {
    return detail::overflow_error('+', a.raw_, b.raw_, Scale, detail::range_of<Fixed>());
  }
  return from_raw(sum);
}

template <int Scale, class Rep, class Tag>
Result<Fixed<Scale, Rep, Tag>> Fixed<Scale, Rep, Tag>::checked_sub(Fixed a, Fixed b) {
  Rep difference;
  if (__builtin_sub_overflow(a.raw_, b.raw_, &difference) || difference > max_raw ||
      difference < min_raw) {
    return detail::overflow_error('-', a.raw_, b.raw_, Scale, detail::range_of<Fixed>());
  }
  return from_raw(difference);
}

template <class Out, class A, class B>
Out mul(A a, B b, Rounding rounding) {
  static_assert(detail::is_fixed_v<Out> && detail::is_fixed_v<A> && detail::is_fixed_v<B>,
                "mul takes and returns Fixed decimals");
  const int128 raw = detail::multiply_divide_raw(detail::Operation::mul, detail::operand_of(a),
                                                 detail::operand_of(b), detail::exact_one,
                                                 Out::scale, detail::range_of<Out>(), rounding);
  return Out::from_raw(static_cast<typename Out::rep>(raw));
}

template <class Out, class A, class B>
Out div(A a, B b, Rounding rounding) {
  static_assert(detail::is_fixed_v<Out> && detail::is_fixed_v<A> && detail::is_fixed_v<B>,
                "div takes and returns Fixed decimals");
  const int128 raw = detail::multiply_divide_raw(detail::Operation::div, detail::operand_of(a),
                                                 detail::exact_one, detail::operand_of(b),
                                                 Out::scale, detail::range_of<Out>(), rounding);
  return Out::from_raw(static_cast<typename Out::rep>(raw));
}

template <class Out, class A, class B, class C>
Out mul_div(A a, B b, C c, Rounding rounding) {
  static_assert(detail::is_fixed_v<Out> && detail::is_fixed_v<A> && detail::is_fixed_v<B> &&
                    detail::is_fixed_v<C>,
                "mul_div takes and returns Fixed decimals");
  const int128 raw = detail::multiply_divide_raw(detail::Operation::mul_div, detail::operand_of(a),
                                                 detail::operand_of(b), detail::operand_of(c),
                                                 Out::scale, detail::range_of<Out>(), rounding);
  return Out::from_raw(static_cast<typename Out::rep>(raw));
}

template <class Out, class A>
Out rescale(A a, Rounding rounding) {
  static_assert(detail::is_fixed_v<Out> && detail::is_fixed_v<A>,
                "rescale takes and returns Fixed decimals");
  const int128 raw = detail::multiply_divide_raw(detail::Operation::rescale, detail::operand_of(a),
                                                 detail::exact_one, detail::exact_one, Out::scale,
                                                 detail::range_of<Out>(), rounding);
  return Out::from_raw(static_cast<typename Out::rep>(raw));
}

template <int Scale, class Rep, class Tag>
std::ostream& operator<<(std::ostream& out, const Fixed<Scale, Rep, Tag>& value) {
  return detail::print(out, value.raw(), Scale);
}

}  // namespace tvbot
