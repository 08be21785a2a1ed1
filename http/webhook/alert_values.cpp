#include "http/webhook/alert_values.hpp"

#include <limits>
#include <string>

#include "events/codec.hpp"
#include "http/webhook/redaction.hpp"

namespace tvbot::webhook {
namespace {

template <class Decimal>
Result<Decimal> parse_decimal(std::string_view field, std::string_view text) {
  Result<Decimal> parsed = Decimal::parse_exact(text);
  if (parsed) return parsed;
  std::string message = std::string(field) + ": " + quote_for_message(text);
  if (parsed.error().code == "too_precise") {
    message += " has more than " + std::to_string(Decimal::scale) + " decimals";
  } else if (parsed.error().code == "decimal_overflow") {
    message += " is too large";
  } else {
    message += " is not a number";
  }
  return make_error("invalid_number", std::move(message));
}

bool all_digits(std::string_view text) {
  if (text.empty()) return false;
  for (char c : text) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

}  // namespace

Result<Quantity> parse_quantity_value(std::string_view field, std::string_view text) {
  return parse_decimal<Quantity>(field, text);
}

Result<Price> parse_price_value(std::string_view field, std::string_view text) {
  return parse_decimal<Price>(field, text);
}

Result<PriceLevel> parse_price_level_value(std::string_view field, std::string_view text) {
  PriceLevel level;
  std::string_view number = text;
  if (!number.empty() && number.back() == '%') {
    level.percent = true;
    number.remove_suffix(1);
  }
  Result<Price> value = parse_price_value(field, number);
  if (!value) return value.error();
  if (!value->is_positive()) {
    return make_error("invalid_field", std::string(field) + " must be positive, got " +
                                           quote_for_message(text));
  }
  level.value = *value;
  return level;
}

Result<Timestamp> parse_alert_time_value(std::string_view field, std::string_view text) {
  if (all_digits(text)) {
    // Milliseconds up to year 2262, where int64 nanoseconds end.
    constexpr std::size_t max_digits = 13;
    constexpr Timestamp nanos_per_milli = 1'000'000;
    if (text.size() <= max_digits) {
      Timestamp millis = 0;
      for (char c : text) millis = millis * 10 + (c - '0');
      if (millis <= std::numeric_limits<Timestamp>::max() / nanos_per_milli) {
        return millis * nanos_per_milli;
      }
    }
  } else if (Result<Timestamp> parsed = parse_timestamp(text)) {
    return *parsed;
  }
  return make_error("invalid_field",
                    std::string(field) + ": " + quote_for_message(text) +
                        " is neither an ISO-8601 time like 2026-11-24T05:51:19Z nor Unix milliseconds");
}

}  // namespace tvbot::webhook
