#pragma once
// A flat view of one JSON object's members, for Alpaca's answers. Alpaca sends decimals as
// strings ("154.03") in the Trading API and as bare numbers in the Market Data API
// (172.19): both arrive here as their text, so they become decimals straight from their
// digits and never pass through a double.
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "events/decimal.hpp"
#include "events/result.hpp"

namespace tvbot::alpaca {

enum class JsonKind : std::uint8_t { string, number, boolean, null, object, array };

struct JsonField {
  JsonKind kind = JsonKind::null;
  std::string text;  // unescaped string, number as written, "true"/"false", raw JSON of a nested value
};

using JsonFields = std::map<std::string, JsonField, std::less<>>;

// Errors: "invalid_response" (not JSON, or not an object / not an array of objects).
[[nodiscard]] Result<JsonFields> read_object(std::string_view json);
[[nodiscard]] Result<std::vector<JsonFields>> read_array_of_objects(std::string_view json);

// Typed access; a missing field or one of the wrong kind is "invalid_response" naming the key.
[[nodiscard]] Result<std::string> text_field(const JsonFields& fields, std::string_view key);
// "" for a missing or null field.
[[nodiscard]] std::string optional_text(const JsonFields& fields, std::string_view key);
[[nodiscard]] Result<bool> bool_field(const JsonFields& fields, std::string_view key);

// A decimal from a string or number field; digits beyond the type's scale are rounded
// half-to-even (Alpaca quantities may carry 9 decimals, tvbot's 8).
template <class Decimal>
[[nodiscard]] Result<Decimal> decimal_field(const JsonFields& fields, std::string_view key);
// nullopt for a missing or null field.
template <class Decimal>
[[nodiscard]] Result<std::optional<Decimal>> optional_decimal(const JsonFields& fields,
                                                              std::string_view key);

// For request bodies: a JSON string literal with the escapes JSON requires.
void append_json_string(std::string& out, std::string_view text);

}  // namespace tvbot::alpaca
