#pragma once
// Conversions of one alert value's text, shared by the interpreter and its tests. Each error
// names the field; values that could hold secrets never reach these functions.
#include <string_view>

#include "events/decimal.hpp"
#include "events/event_types.hpp"
#include "events/result.hpp"

namespace tvbot::webhook {

// "0.01", "1e-3", "-2" exactly; more decimals than the type holds is an error, not a rounding.
[[nodiscard]] Result<Quantity> parse_quantity_value(std::string_view field, std::string_view text);
[[nodiscard]] Result<Price> parse_price_value(std::string_view field, std::string_view text);
// "2%" -> percent 2; "27000.5" -> absolute. Must be positive.
[[nodiscard]] Result<PriceLevel> parse_price_level_value(std::string_view field, std::string_view text);
// "2026-11-24T05:51:19Z" (any RFC 3339 form parse_timestamp takes) or Unix milliseconds.
[[nodiscard]] Result<Timestamp> parse_alert_time_value(std::string_view field, std::string_view text);

}  // namespace tvbot::webhook
