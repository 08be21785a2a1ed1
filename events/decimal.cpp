// The non-template core of the decimal type: wide arithmetic, parsing and formatting.
//
// Why our own code: no Debian package gives a fixed-point decimal with typed scales and
// 128-bit intermediates, and events/ may use nothing but the standard library (so not
// Boost.Multiprecision's int256 either). The 256-bit helper below is the little of a
// big-integer library that exact a*b/c on int128 operands needs.
// Over 300 lines because parsing, formatting and the 256-bit division belong together:
// each is only correct with the rounding rules defined once here.
#include "events/decimal.hpp"

#include <algorithm>
#include <array>
#include <bit>
#include <ostream>

namespace tvbot::detail {
namespace {

using u64 = std::uint64_t;

constexpr int max_power_of_ten = 38;  // 10^38 < 2^128 <= 10^39

constexpr std::array<uint128, max_power_of_ten + 1> powers_of_ten = [] {
  std::array<uint128, max_power_of_ten + 1> powers{};
  powers[0] = 1;
  for (int i = 1; i <= max_power_of_ten; ++i) powers[i] = powers[i - 1] * 10;
  return powers;
}();

uint128 magnitude_of(int128 value) {
  return value < 0 ? uint128{0} - static_cast<uint128>(value) : static_cast<uint128>(value);
}

// C++20 defines the conversion of an out-of-range unsigned value as modular, which is what
// turns the magnitude 2^127 into int128's minimum.
int128 with_sign(uint128 magnitude, bool negative) {
  return static_cast<int128>(negative ? uint128{0} - magnitude : magnitude);
}

// The largest magnitude a result of this sign may have (int64's minimum is one further out).
uint128 limit_for(RawRange range, bool negative) {
  return negative ? magnitude_of(range.min) : static_cast<uint128>(range.max);
}

// ---------------------------------------------------------------- rounding

// What was cut off by a truncating division, relative to half of the last kept unit.
enum class Tail { exact, below_half, half, above_half };

Tail tail_of(uint128 remainder, uint128 divisor) {
  if (remainder == 0) return Tail::exact;
  const uint128 rest = divisor - remainder;  // no 2*remainder: it could exceed 128 bits
  if (remainder < rest) return Tail::below_half;
  return remainder == rest ? Tail::half : Tail::above_half;
}

// Tail of n / (m * c) from the tail of n / m (inner) and the remainder of (n / m) / c.
// The cut-off fraction is (outer_remainder + f) / c with 0 <= f < 1 described by `inner`.
// Example, n = 17, m = 2, c = 4: 17/2 = 8 rest 1 (inner half), 8/4 = 2 rest 0:
// (0 + 0.5)/4 = 0.125, below half; indeed 17/8 = 2.125.
Tail combine_tails(Tail inner, uint128 outer_remainder, uint128 c) {
  if (inner == Tail::exact) return tail_of(outer_remainder, c);
  const uint128 twice = 2 * outer_remainder;   // remainder < c <= 2^127, so no wrap
  if (twice + 1 < c) return Tail::below_half;  // 2(r + f) < 2r + 2 <= c
  if (twice + 1 == c) return inner;            // 2(r + f) vs c is 2f vs 1
  return Tail::above_half;                     // 2r >= c and f > 0
}

bool rounds_away_from_zero(uint128 truncated, Tail tail, bool negative, Rounding rounding) {
  if (tail == Tail::exact) return false;
  switch (rounding) {
    case Rounding::half_even:
      return tail == Tail::above_half || (tail == Tail::half && (truncated & 1) != 0);
    case Rounding::toward_zero:
      return false;
    case Rounding::away_from_zero:
      return true;
    case Rounding::floor:
      return negative;
    case Rounding::ceiling:
      return !negative;
  }
  return false;
}

// Applies the rounding to a truncated magnitude; false if the result exceeds `limit`.
[[nodiscard]] bool round_within(uint128& magnitude, Tail tail, bool negative, Rounding rounding,
                                uint128 limit) {
  if (magnitude > limit) return false;
  if (rounds_away_from_zero(magnitude, tail, negative, rounding)) {
    if (magnitude == limit) return false;
    ++magnitude;
  }
  return true;
}

// ---------------------------------------------------------------- 256-bit helper

struct U256 {
  std::array<u64, 4> limb{};  // least significant first
};

U256 widen(uint128 value) {
  return U256{{static_cast<u64>(value), static_cast<u64>(value >> 64), 0, 0}};
}

bool fits_128(const U256& value) { return (value.limb[2] | value.limb[3]) == 0; }

uint128 low_128(const U256& value) {
  return (static_cast<uint128>(value.limb[1]) << 64) | value.limb[0];
}

U256 multiply(uint128 a, uint128 b) {
  const u64 a0 = static_cast<u64>(a), a1 = static_cast<u64>(a >> 64);
  const u64 b0 = static_cast<u64>(b), b1 = static_cast<u64>(b >> 64);
  const uint128 p00 = static_cast<uint128>(a0) * b0;
  const uint128 p01 = static_cast<uint128>(a0) * b1;
  const uint128 p10 = static_cast<uint128>(a1) * b0;
  const uint128 p11 = static_cast<uint128>(a1) * b1;
  // Three terms below 2^64 each: the middle column cannot overflow 128 bits.
  const uint128 middle = (p00 >> 64) + static_cast<u64>(p01) + static_cast<u64>(p10);
  const uint128 high = p11 + (p01 >> 64) + (p10 >> 64) + (middle >> 64);
  return U256{{static_cast<u64>(p00), static_cast<u64>(middle), static_cast<u64>(high),
               static_cast<u64>(high >> 64)}};
}

// Schoolbook division by a divisor of at most 64 bits, one limb at a time.
uint128 divide_by_limb(const U256& dividend, u64 divisor, U256& quotient) {
  uint128 remainder = 0;
  for (int j = 3; j >= 0; --j) {
    const uint128 current = (remainder << 64) | dividend.limb[j];
    quotient.limb[j] = static_cast<u64>(current / divisor);
    remainder = current % divisor;
  }
  return remainder;
}

// Knuth's algorithm D (TAOCP 4.3.1; the shape of Hacker's Delight's divmnu) with 64-bit
// limbs, for a divisor of exactly two limbs. Normalizing the divisor so its top bit is set
// makes each estimated quotient limb at most 2 too large; the loops below correct that.
uint128 divide_by_two_limbs(const U256& dividend, uint128 divisor, U256& quotient) {
  constexpr int m = 4;
  constexpr int n = 2;
  const int shift = std::countl_zero(static_cast<u64>(divisor >> 64));
  const uint128 normalized = divisor << shift;
  const std::array<u64, n> vn{static_cast<u64>(normalized), static_cast<u64>(normalized >> 64)};
  std::array<u64, m + 1> un{};
  const auto carried_bits = [shift](u64 lower) { return shift == 0 ? 0 : lower >> (64 - shift); };
  un[m] = carried_bits(dividend.limb[m - 1]);
  for (int i = m - 1; i > 0; --i)
    un[i] = (dividend.limb[i] << shift) | carried_bits(dividend.limb[i - 1]);
  un[0] = dividend.limb[0] << shift;

  quotient = U256{};
  for (int j = m - n; j >= 0; --j) {
    const uint128 top = (static_cast<uint128>(un[j + n]) << 64) | un[j + n - 1];
    uint128 estimate = top / vn[n - 1];
    uint128 estimate_remainder = top - estimate * vn[n - 1];
    while ((estimate >> 64) != 0 ||
           estimate * vn[n - 2] > ((estimate_remainder << 64) | un[j + n - 2])) {
      --estimate;
      estimate_remainder += vn[n - 1];
      if ((estimate_remainder >> 64) != 0) break;
    }
    // un[j .. j+n] -= estimate * vn, tracking the borrow as a signed 128-bit value.
    int128 borrow = 0;
    int128 difference = 0;
    for (int i = 0; i < n; ++i) {
      const uint128 product = estimate * vn[i];
      difference = static_cast<int128>(un[i + j]) - borrow - static_cast<u64>(product);
      un[i + j] = static_cast<u64>(difference);
      borrow = static_cast<int128>(product >> 64) - (difference >> 64);
    }
    difference = static_cast<int128>(un[j + n]) - borrow;
    un[j + n] = static_cast<u64>(difference);
    quotient.limb[j] = static_cast<u64>(estimate);
    if (difference < 0) {  // the estimate was still one too large: add the divisor back
      --quotient.limb[j];
      uint128 carry = 0;
      for (int i = 0; i < n; ++i) {
        const uint128 sum = static_cast<uint128>(un[i + j]) + vn[i] + carry;
        un[i + j] = static_cast<u64>(sum);
        carry = sum >> 64;
      }
      un[j + n] += static_cast<u64>(carry);
    }
  }
  return ((static_cast<uint128>(un[1]) << 64) | un[0]) >> shift;
}

// quotient = dividend / divisor, returns the remainder. divisor != 0.
uint128 divide(const U256& dividend, uint128 divisor, U256& quotient) {
  if (fits_128(dividend)) {
    const uint128 value = low_128(dividend);
    quotient = widen(value / divisor);
    return value % divisor;
  }
  if ((divisor >> 64) == 0) return divide_by_limb(dividend, static_cast<u64>(divisor), quotient);
  return divide_by_two_limbs(dividend, divisor, quotient);
}

// ---------------------------------------------------------------- a * b * 10^e / c

struct Rounded {
  uint128 truncated;
  Tail tail;
  bool overflow;
};

// floor(a * b * 10^exponent / c) and its tail, for magnitudes a, b, c (c != 0) and
// |exponent| <= 36. `limit` only allows an early exit: any truncated value above it overflows.
Rounded scaled_quotient(uint128 a, uint128 b, uint128 c, int exponent, uint128 limit) {
  constexpr Rounded overflow{0, Tail::exact, true};
  // Fast path, the common case (int64 operands): everything fits in 128 bits.
  uint128 product;
  if (!__builtin_mul_overflow(a, b, &product)) {
    if (exponent >= 0) {
      uint128 numerator;
      if (!__builtin_mul_overflow(product, powers_of_ten[exponent], &numerator)) {
        if (c == 1) return Rounded{numerator, Tail::exact, false};
        return Rounded{numerator / c, tail_of(numerator % c, c), false};
      }
    } else {
      uint128 denominator;
      if (!__builtin_mul_overflow(c, powers_of_ten[-exponent], &denominator)) {
        return Rounded{product / denominator, tail_of(product % denominator, denominator), false};
      }
    }
  }

  const U256 wide_product = multiply(a, b);
  U256 quotient;
  if (exponent >= 0) {
    // a*b*m / c = q*m + r*m / c where a*b = q*c + r: r*m < c*m < 2^247 stays in 256 bits,
    // where a*b*m itself might not.
    const uint128 scale_factor = powers_of_ten[exponent];
    const uint128 remainder = divide(wide_product, c, quotient);
    uint128 whole;
    if (!fits_128(quotient) || __builtin_mul_overflow(low_128(quotient), scale_factor, &whole) ||
        whole > limit) {
      return overflow;
    }
    if (exponent == 0) return Rounded{whole, tail_of(remainder, c), false};
    if (remainder == 0) return Rounded{whole, Tail::exact, false};
    U256 fraction;
    const uint128 fraction_remainder = divide(multiply(remainder, scale_factor), c, fraction);
    // fraction < scale_factor <= 10^36 and whole <= 2^127: the sum cannot wrap.
    return Rounded{whole + low_128(fraction), tail_of(fraction_remainder, c), false};
  }

  const uint128 scale_factor = powers_of_ten[-exponent];
  uint128 denominator;
  if (!__builtin_mul_overflow(c, scale_factor, &denominator)) {
    const uint128 remainder = divide(wide_product, denominator, quotient);
    if (!fits_128(quotient)) return overflow;
    return Rounded{low_128(quotient), tail_of(remainder, denominator), false};
  }
  // c * 10^k needs more than 128 bits: divide by the two factors in turn.
  // floor(floor(n / m) / c) == floor(n / (m*c)); combine_tails recovers the exact tail.
  U256 partial;
  const Tail inner = tail_of(divide(wide_product, scale_factor, partial), scale_factor);
  const uint128 outer_remainder = divide(partial, c, quotient);
  // No overflow check needed: the quotient is below 2^256 / (c * 10^k) < 2^256 / 2^128.
  return Rounded{low_128(quotient), combine_tails(inner, outer_remainder, c), false};
}

// ---------------------------------------------------------------- text

char digit_char(u64 digit) { return static_cast<char>('0' + digit); }

// Writes the digits of `value`, at least `min_digits` of them (zero-padded), so that they
// end just before `end`. Returns where they start. Works in 19-digit chunks so that
// most of the divisions are 64-bit ones.
char* write_digits_backward(uint128 value, int min_digits, char* end) {
  constexpr u64 chunk_divisor = 10'000'000'000'000'000'000u;  // 10^19, the largest in a u64
  char* cursor = end;
  while (value > ~u64{0}) {
    u64 chunk = static_cast<u64>(value % chunk_divisor);
    value /= chunk_divisor;
    for (int i = 0; i < 19; ++i) {
      *--cursor = digit_char(chunk % 10);
      chunk /= 10;
    }
  }
  u64 rest = static_cast<u64>(value);
  do {
    *--cursor = digit_char(rest % 10);
    rest /= 10;
  } while (rest != 0);
  while (end - cursor < min_digits) *--cursor = '0';
  return cursor;
}

// Lays out magnitude / 10^fraction_digits with exactly that many fraction digits, or
// without trailing zeros (and without a bare point) when `trim` is set. Never "-0".
char* write_decimal(char* out, uint128 magnitude, bool negative, int fraction_digits, bool trim) {
  std::array<char, 48> digits;
  char* const end = digits.data() + digits.size();
  const char* first = write_digits_backward(magnitude, fraction_digits + 1, end);
  const char* point = end - fraction_digits;
  const char* last = end;
  if (trim) {
    while (last > point && last[-1] == '0') --last;
  }
  if (negative && magnitude != 0) *out++ = '-';
  out = std::copy(first, point, out);
  if (last > point) {
    *out++ = '.';
    out = std::copy(point, last, out);
  }
  return out;
}

std::string quoted(std::string_view text) {
  constexpr std::size_t shown = 40;
  std::string result = "\"";
  for (const char c : text.substr(0, shown)) {
    // Control bytes and non-ASCII become '?': the text ends up in logs and HTTP replies.
    result += (c >= ' ' && c <= '~') ? c : '?';
  }
  if (text.size() > shown) result += "...";
  result += '"';
  return result;
}

Error invalid_decimal(std::string_view text, std::string_view reason) {
  return make_error("invalid_decimal",
                    "invalid decimal " + quoted(text) + ": " + std::string(reason));
}

Error unexpected_character(std::string_view text, std::size_t offset) {
  const char c = text[offset];
  const std::string shown =
      (c >= ' ' && c <= '~') ? std::string{'\'', c, '\''} : "a control or non-ASCII byte";
  return invalid_decimal(text, "unexpected " + shown + " at offset " + std::to_string(offset));
}

std::string range_text(RawRange range, int scale) {
  return format_shortest(range.min, scale) + ".." + format_shortest(range.max, scale);
}

[[noreturn]] void throw_error(const Error& error) {
  throw DecimalError(error.code + ": " + error.message);
}

// The pieces of a syntactically valid number. Its value is
// (integer_digits . fraction_digits) * 10^exponent.
struct NumberText {
  bool negative = false;
  std::string_view integer_digits;
  std::string_view fraction_digits;
  std::int64_t exponent = 0;
};

bool is_digit(char c) { return c >= '0' && c <= '9'; }

std::size_t skip_digits(std::string_view text, std::size_t offset) {
  while (offset < text.size() && is_digit(text[offset])) ++offset;
  return offset;
}

Result<NumberText> read_number_text(std::string_view text) {
  if (text.empty()) return invalid_decimal(text, "empty text");
  NumberText number;
  std::size_t offset = 0;
  if (text[0] == '+' || text[0] == '-') {
    number.negative = text[0] == '-';
    offset = 1;
  }
  const std::size_t integer_end = skip_digits(text, offset);
  number.integer_digits = text.substr(offset, integer_end - offset);
  offset = integer_end;
  if (offset < text.size() && text[offset] == '.') {
    if (number.integer_digits.empty()) {
      return invalid_decimal(text, "a digit must come before the decimal point");
    }
    const std::size_t fraction_end = skip_digits(text, offset + 1);
    number.fraction_digits = text.substr(offset + 1, fraction_end - offset - 1);
    if (number.fraction_digits.empty()) {
      return invalid_decimal(text, "a digit must follow the decimal point");
    }
    offset = fraction_end;
  }
  if (number.integer_digits.empty()) {
    if (offset == text.size()) return invalid_decimal(text, "no digits");
    return unexpected_character(text, offset);
  }
  if (offset < text.size() && (text[offset] == 'e' || text[offset] == 'E')) {
    ++offset;
    bool negative_exponent = false;
    if (offset < text.size() && (text[offset] == '+' || text[offset] == '-')) {
      negative_exponent = text[offset] == '-';
      ++offset;
    }
    const std::size_t exponent_end = skip_digits(text, offset);
    if (exponent_end == offset) return invalid_decimal(text, "the exponent has no digits");
    // Saturates at 10^15, more digits than any text in memory could hold, so an exponent
    // that big overflows or rounds away every digit anyway; the clamp keeps the position
    // arithmetic in parse_raw far from int64's limits.
    constexpr std::int64_t exponent_ceiling = 1'000'000'000'000'000;
    for (; offset < exponent_end; ++offset) {
      number.exponent = std::min(number.exponent * 10 + (text[offset] - '0'), exponent_ceiling);
    }
    if (negative_exponent) number.exponent = -number.exponent;
  }
  if (offset != text.size()) return unexpected_character(text, offset);
  return number;
}

}  // namespace

int128 multiply_divide_raw(Operation operation, Operand a, Operand b, Operand c, int out_scale,
                           RawRange out, Rounding rounding) {
  const auto expression = [&] {
    const std::string first = format_shortest(a.raw, a.scale);
    switch (operation) {
      case Operation::mul:
        return first + " * " + format_shortest(b.raw, b.scale);
      case Operation::div:
        return first + " / " + format_shortest(c.raw, c.scale);
      case Operation::mul_div:
        return first + " * " + format_shortest(b.raw, b.scale) + " / " +
               format_shortest(c.raw, c.scale);
      case Operation::rescale:
        break;
    }
    return "rescaling " + first;
  };
  if (c.raw == 0) throw_error(make_error("division_by_zero", expression()));
  if (a.raw == 0 || b.raw == 0) return 0;

  const bool negative = ((a.raw < 0) != (b.raw < 0)) != (c.raw < 0);
  const uint128 limit = limit_for(out, negative);
  // Value = a.raw*10^-a.scale * b.raw*10^-b.scale / (c.raw*10^-c.scale); the result's raw
  // value is that times 10^out_scale. Scales are 0..18, so |exponent| <= 36.
  const int exponent = out_scale - a.scale - b.scale + c.scale;
  Rounded result = scaled_quotient(magnitude_of(a.raw), magnitude_of(b.raw), magnitude_of(c.raw),
                                   exponent, limit);
  if (result.overflow || !round_within(result.truncated, result.tail, negative, rounding, limit)) {
    throw_error(
        make_error("decimal_overflow", expression() + " is outside " + range_text(out, out_scale)));
  }
  return with_sign(result.truncated, negative);
}

// Digit i (of integer and fraction digits together) stands for 10^(position) raw units,
// position = integer_count - 1 - i + exponent + scale. Digits at positions >= 0 make up
// the raw value; the rest are rounded away. Example, "1.25" as a 1-decimal type:
// positions 1, 0, -1, so raw = 12 and the dropped "5" is exactly half: half_even gives 12.
Result<int128> parse_raw(std::string_view text, int scale, RawRange range, Rounding rounding,
                         ExcessDigits excess) {
  Result<NumberText> parsed = read_number_text(text);
  if (!parsed) return parsed.error();
  const NumberText& number = *parsed;
  const auto digit_count =
      static_cast<std::int64_t>(number.integer_digits.size() + number.fraction_digits.size());
  const auto digit_at = [&number](std::int64_t index) {
    const auto integer_count = static_cast<std::int64_t>(number.integer_digits.size());
    const char c = index < integer_count ? number.integer_digits[index]
                                         : number.fraction_digits[index - integer_count];
    return static_cast<unsigned>(c - '0');
  };
  const auto overflow = [&] {
    return make_error("decimal_overflow", quoted(text) + " is outside " + range_text(range, scale));
  };

  const std::int64_t units_index =
      static_cast<std::int64_t>(number.integer_digits.size()) - 1 + number.exponent + scale;
  const std::int64_t kept_count = std::clamp<std::int64_t>(units_index + 1, 0, digit_count);
  const uint128 limit = limit_for(range, number.negative);

  uint128 magnitude = 0;
  for (std::int64_t i = 0; i < kept_count; ++i) {
    if (__builtin_mul_overflow(magnitude, 10, &magnitude) ||
        __builtin_add_overflow(magnitude, digit_at(i), &magnitude) || magnitude > limit) {
      return overflow();
    }
  }
  const std::int64_t implied_zeros = units_index - (digit_count - 1);  // "15e3": 3 zeros
  if (magnitude != 0 && implied_zeros > 0) {
    if (implied_zeros > max_power_of_ten ||
        __builtin_mul_overflow(magnitude, powers_of_ten[implied_zeros], &magnitude) ||
        magnitude > limit) {
      return overflow();
    }
  }

  Tail tail = Tail::exact;
  const std::int64_t first_nonzero_dropped = [&] {
    for (std::int64_t i = kept_count; i < digit_count; ++i) {
      if (digit_at(i) != 0) return i;
    }
    return digit_count;
  }();
  if (first_nonzero_dropped < digit_count) {
    // The first dropped digit is worth a tenth of a unit only if it sits at position -1;
    // if zeros are implied in between, everything dropped is below half.
    const bool first_dropped_is_tenths = units_index + 1 >= 0;
    const unsigned tenths = first_dropped_is_tenths ? digit_at(kept_count) : 0;
    if (tenths > 5) {
      tail = Tail::above_half;
    } else if (tenths < 5) {
      tail = Tail::below_half;
    } else {
      tail = Tail::half;  // unless a later dropped digit is non-zero
      for (std::int64_t i = kept_count + 1; i < digit_count && tail == Tail::half; ++i) {
        if (digit_at(i) != 0) tail = Tail::above_half;
      }
    }
  }
  if (tail != Tail::exact && excess == ExcessDigits::reject) {
    return make_error("too_precise",
                      quoted(text) + " has more than " + std::to_string(scale) + " decimals");
  }
  if (!round_within(magnitude, tail, number.negative, rounding, limit)) return overflow();
  return with_sign(magnitude, number.negative);
}

char* write_shortest(char* out, int128 raw, int scale) {
  return write_decimal(out, magnitude_of(raw), raw < 0, scale, true);
}

std::string format_shortest(int128 raw, int scale) {
  std::array<char, 48> text;
  return std::string(text.data(), write_shortest(text.data(), raw, scale));
}

std::string format_fixed(int128 raw, int scale, int decimals, Rounding rounding) {
  if (decimals < 0) {
    throw_error(make_error("invalid_decimal",
                           "cannot print with " + std::to_string(decimals) + " decimals"));
  }
  const bool negative = raw < 0;
  uint128 magnitude = magnitude_of(raw);
  const int kept_decimals = std::min(decimals, scale);
  if (kept_decimals < scale) {
    const uint128 divisor = powers_of_ten[scale - kept_decimals];
    const Tail tail = tail_of(magnitude % divisor, divisor);
    magnitude /= divisor;
    // Rounding up a magnitude that was just divided by at least 10 cannot wrap.
    if (rounds_away_from_zero(magnitude, tail, negative, rounding)) ++magnitude;
  }
  std::array<char, 48> text;
  char* end = write_decimal(text.data(), magnitude, negative, kept_decimals, false);
  std::string result(text.data(), end);
  if (decimals > kept_decimals) {
    if (kept_decimals == 0) result += '.';
    result.append(static_cast<std::size_t>(decimals - kept_decimals), '0');
  }
  return result;
}

std::ostream& print(std::ostream& out, int128 raw, int scale) {
  std::array<char, 48> text;
  const char* end = write_shortest(text.data(), raw, scale);
  return out.write(text.data(), end - text.data());
}

Error overflow_error(char operation, int128 lhs, int128 rhs, int scale, RawRange range) {
  const std::string expression = operation == 'n' ? "-(" + format_shortest(lhs, scale) + ")"
                                                  : format_shortest(lhs, scale) + " " + operation +
                                                        " " + format_shortest(rhs, scale);
  return make_error("decimal_overflow", expression + " is outside " + range_text(range, scale));
}

void throw_overflow(char operation, int128 lhs, int128 rhs, int scale, RawRange range) {
  throw_error(overflow_error(operation, lhs, rhs, scale, range));
}

void throw_from_int_overflow(std::int64_t units, int scale, RawRange range) {
  throw_error(make_error("decimal_overflow",
                         std::to_string(units) + " units is outside " + range_text(range, scale)));
}

}  // namespace tvbot::detail
