#pragma once
// The fields of one alert as they were written, before any meaning is given to them.
//
// Reading an alert happens in two steps so that authentication can run in between:
//   1. read (alert_reader.hpp): JSON or the compact text form -> AlertFields. Only syntax is
//      checked here (malformed JSON, limits, duplicate fields): failures are HTTP 400.
//   2. interpret (alert_parser.hpp): AlertFields -> ParsedAlert. Meaning is checked here
//      (unknown action, bad number, placeholder left in): failures are HTTP 422.
// The secret is available after step 1, so a sender with a wrong secret learns nothing
// about which of its fields would have been refused.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tvbot::webhook {

// Every field tvbot understands. Several spellings may name one field (see canonical_field).
enum class AlertField : std::uint8_t {
  action, ticker, exchange, qty, price, position_size, market_position, prev_market_position,
  order_id, comment, stop_loss, take_profit, trailing, alert_id, time, bot, secret,
};

// The name used in error messages ("qty", "stop_loss", ...).
std::string_view field_name(AlertField field);

// Maps a spelling to its field, case-insensitively: "contracts", "Qty" and "order.amount"
// (3Commas) all name AlertField::qty. Nested JSON fields are spelled "parent.child".
// nullopt for a field tvbot does not know.
std::optional<AlertField> canonical_field(std::string_view spelling);

enum class BodyFormat : std::uint8_t { json, text };

// What a JSON value was; the text form only has `text`. `composite` is an object or array.
enum class ValueKind : std::uint8_t { text, string, number, boolean, null, composite };

struct RawField {
  std::string spelling;  // as written, nested ones as "parent.child"
  std::optional<AlertField> field;
  ValueKind kind = ValueKind::text;
  std::string value;  // a string's unescaped text, a number's exact JSON text, "true", ""
                     // (empty for null and composite)
};

struct AlertFields {
  BodyFormat format = BodyFormat::json;
  std::vector<RawField> fields;  // in body order; each known field at most once

  const RawField* find(AlertField field) const;
};

}  // namespace tvbot::webhook
