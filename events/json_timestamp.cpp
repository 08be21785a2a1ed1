// ISO-8601 UTC text <-> Timestamp with plain calendar arithmetic: no clocks, no locale,
// no time zone database (offsets in the text are applied, names are not understood).
#include <cstdint>

#include "events/codec.hpp"
#include "events/json_writer.hpp"

namespace tvbot {
namespace {

constexpr std::int64_t nanos_per_second = 1'000'000'000;
constexpr std::int64_t seconds_per_day = 86'400;

struct CivilDate {
  std::int64_t year;
  unsigned month;  // 1..12
  unsigned day;    // 1..31
};

// Howard Hinnant's days_from_civil / civil_from_days
// (https://howardhinnant.github.io/date_algorithms.html): the year is shifted to start in
// March so the leap day is the last day of the year, and eras of 400 years (146097 days)
// repeat exactly. Worked example: 2024-02-29 -> 19782, and 19782 -> 2024-02-29.
constexpr std::int64_t days_from_civil(CivilDate date) {
  const std::int64_t year = date.year - (date.month <= 2 ? 1 : 0);
  const std::int64_t era = (year >= 0 ? year : year - 399) / 400;
  const auto year_of_era = static_cast<unsigned>(year - era * 400);                        // [0, 399]
  const unsigned day_of_year = (153 * (date.month > 2 ? date.month - 3 : date.month + 9) + 2) / 5 + date.day - 1;
  const unsigned day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
  return era * 146097 + static_cast<std::int64_t>(day_of_era) - 719468;
}

constexpr CivilDate civil_from_days(std::int64_t days) {
  days += 719468;
  const std::int64_t era = (days >= 0 ? days : days - 146096) / 146097;
  const auto day_of_era = static_cast<unsigned>(days - era * 146097);                      // [0, 146096]
  const unsigned year_of_era =
      (day_of_era - day_of_era / 1460 + day_of_era / 36524 - day_of_era / 146096) / 365;  // [0, 399]
  const unsigned day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
  const unsigned shifted_month = (5 * day_of_year + 2) / 153;                              // March = 0
  const unsigned day = day_of_year - (153 * shifted_month + 2) / 5 + 1;
  const unsigned month = shifted_month < 10 ? shifted_month + 3 : shifted_month - 9;
  return {static_cast<std::int64_t>(year_of_era) + era * 400 + (month <= 2 ? 1 : 0), month, day};
}

static_assert(days_from_civil({2024, 2, 29}) == 19782);
static_assert(civil_from_days(19782).month == 2 && civil_from_days(19782).day == 29);
static_assert(days_from_civil({1969, 12, 31}) == -1);

constexpr bool is_leap_year(std::int64_t year) {
  return year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
}

constexpr unsigned days_in_month(std::int64_t year, unsigned month) {
  constexpr unsigned lengths[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return month == 2 && is_leap_year(year) ? 29 : lengths[month - 1];
}

void append_padded(std::string& out, std::uint64_t value, int width) {
  char digits[20];
  for (int i = width - 1; i >= 0; --i) {
    digits[i] = static_cast<char>('0' + value % 10);
    value /= 10;
  }
  out.append(digits, static_cast<std::size_t>(width));
}

// Reads the fixed-layout fields left to right; every read checks what it consumes.
class TimestampScanner {
 public:
  explicit TimestampScanner(std::string_view text) : text_(text) {}

  bool digits(std::size_t count, unsigned& out) {
    if (text_.size() - pos_ < count) return false;
    unsigned value = 0;
    for (std::size_t i = 0; i < count; ++i) {
      const char c = text_[pos_ + i];
      if (c < '0' || c > '9') return false;
      value = value * 10 + static_cast<unsigned>(c - '0');
    }
    pos_ += count;
    out = value;
    return true;
  }
  bool literal(std::string_view any_of) {
    if (pos_ >= text_.size() || any_of.find(text_[pos_]) == std::string_view::npos) return false;
    ++pos_;
    return true;
  }
  // Always true: lets an optional separator sit in a chain of required reads.
  bool skip_optional(char c) {
    if (pos_ < text_.size() && text_[pos_] == c) ++pos_;
    return true;
  }
  char peek() const { return pos_ < text_.size() ? text_[pos_] : '\0'; }
  bool at_end() const { return pos_ == text_.size(); }

 private:
  std::string_view text_;
  std::size_t pos_ = 0;
};

Error invalid_timestamp(std::string_view text, std::string_view why) {
  constexpr std::size_t shown = 40;  // enough for any valid timestamp, bounded for garbage
  std::string message = "expected an ISO-8601 time like 2026-11-24T05:51:19.5Z, got \"";
  message.append(text.substr(0, shown));
  if (text.size() > shown) message += "...";
  message.append("\" (").append(why).append(")");
  return make_error("invalid_timestamp", std::move(message));
}

}  // namespace

namespace json {

void append_timestamp(std::string& out, Timestamp time) {
  std::int64_t seconds = time / nanos_per_second;
  std::int64_t nanos = time % nanos_per_second;
  if (nanos < 0) {  // floor, so 1969 times read forwards: -1 ns is 23:59:59.999999999
    seconds -= 1;
    nanos += nanos_per_second;
  }
  std::int64_t days = seconds / seconds_per_day;
  std::int64_t second_of_day = seconds % seconds_per_day;
  if (second_of_day < 0) {
    days -= 1;
    second_of_day += seconds_per_day;
  }
  const CivilDate date = civil_from_days(days);
  out += '"';
  append_padded(out, static_cast<std::uint64_t>(date.year), 4);  // 1677..2262 for int64 ns
  out += '-';
  append_padded(out, date.month, 2);
  out += '-';
  append_padded(out, date.day, 2);
  out += 'T';
  append_padded(out, static_cast<std::uint64_t>(second_of_day / 3600), 2);
  out += ':';
  append_padded(out, static_cast<std::uint64_t>(second_of_day / 60 % 60), 2);
  out += ':';
  append_padded(out, static_cast<std::uint64_t>(second_of_day % 60), 2);
  out += '.';
  append_padded(out, static_cast<std::uint64_t>(nanos), 9);
  out += "Z\"";
}

}  // namespace json

std::string format_timestamp(Timestamp time) {
  std::string quoted;
  json::append_timestamp(quoted, time);
  return quoted.substr(1, quoted.size() - 2);
}

Result<Timestamp> parse_timestamp(std::string_view text) {
  TimestampScanner scan(text);
  unsigned year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0;
  const bool has_date_time = scan.digits(4, year) && scan.literal("-") && scan.digits(2, month) &&
                             scan.literal("-") && scan.digits(2, day) && scan.literal("Tt ") &&
                             scan.digits(2, hour) && scan.literal(":") && scan.digits(2, minute) &&
                             scan.literal(":") && scan.digits(2, second);
  if (!has_date_time) return invalid_timestamp(text, "not YYYY-MM-DDTHH:MM:SS");
  std::int64_t fraction_nanos = 0;
  if (scan.literal(".")) {
    int fraction_digits = 0;
    unsigned digit = 0;
    while (scan.digits(1, digit)) {
      if (++fraction_digits > 9) return invalid_timestamp(text, "more than 9 fractional digits");
      fraction_nanos = fraction_nanos * 10 + digit;
    }
    if (fraction_digits == 0) return invalid_timestamp(text, "no digit after '.'");
    for (int i = fraction_digits; i < 9; ++i) fraction_nanos *= 10;
  }
  std::int64_t offset_seconds = 0;
  if (!scan.literal("Zz")) {
    const bool negative = scan.peek() == '-';
    unsigned offset_hours = 0, offset_minutes = 0;
    if (!scan.literal("+-")) return invalid_timestamp(text, "no Z or +hh:mm offset");
    const bool has_offset = scan.digits(2, offset_hours) && scan.skip_optional(':') &&
                            scan.digits(2, offset_minutes);  // "+0530" is as clear as "+05:30"
    if (!has_offset || offset_hours > 23 || offset_minutes > 59) return invalid_timestamp(text, "bad offset");
    const auto magnitude = static_cast<std::int64_t>(offset_hours * 3600 + offset_minutes * 60);
    offset_seconds = negative ? -magnitude : magnitude;
  }
  if (!scan.at_end()) return invalid_timestamp(text, "unexpected text after the time");
  if (month < 1 || month > 12 || day < 1 || day > days_in_month(year, month)) {
    return invalid_timestamp(text, "no such date");
  }
  if (hour > 23 || minute > 59 || second > 59) return invalid_timestamp(text, "no such time");

  std::int64_t utc_seconds = days_from_civil({year, month, day}) * seconds_per_day + hour * 3600 +
                            minute * 60 + second - offset_seconds;
  // Before 1970 the fraction is borrowed from the next second, so the earliest Timestamp
  // (-9223372036.854775808 s, printed ...43.145224192Z) is reached without overflowing:
  // -9223372037 s + 0.145224192 s becomes -9223372036 s - 0.854775808 s.
  if (utc_seconds < 0 && fraction_nanos > 0) {
    utc_seconds += 1;
    fraction_nanos -= nanos_per_second;
  }
  // Years 0000..9999 keep the seconds far inside int64; only the nanosecond scale can overflow.
  std::int64_t nanos = 0;
  if (__builtin_mul_overflow(utc_seconds, nanos_per_second, &nanos) ||
      __builtin_add_overflow(nanos, fraction_nanos, &nanos)) {
    return invalid_timestamp(text, "outside 1677-09-21..2262-04-11");
  }
  return nanos;
}

}  // namespace tvbot
