#pragma once
// A small JSON tree read with simdjson On-Demand, keeping every number as its own text.
//
// Binance answers are small (one order, one symbol's rules, a few balances) and their
// fields are read in whatever order the venue chooses, so the adapter reads them into this
// tree first and then looks fields up by name. A number is kept as the characters the venue
// sent ("0.00100000", 1499827319559): decimals are parsed from that text, never via double.
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "events/decimal.hpp"
#include "events/result.hpp"

namespace tvbot::binance {

struct JsonNode {
  enum class Kind { object, array, string, number, boolean, null };
  Kind kind = Kind::null;
  std::string text;  // string contents (unescaped), number text, "true"/"false"
  std::vector<std::pair<std::string, JsonNode>> fields;  // objects, in document order
  std::vector<JsonNode> items;                           // arrays

  [[nodiscard]] const JsonNode* find(std::string_view name) const;
  [[nodiscard]] bool is_object() const { return kind == Kind::object; }
  [[nodiscard]] bool is_array() const { return kind == Kind::array; }
};

// Errors: "invalid_json" (with where it failed; never the whole body, which may be large).
[[nodiscard]] Result<JsonNode> parse_json(std::string_view body);

// Field readers. Errors: "invalid_response" naming the field.
[[nodiscard]] Result<std::string> string_field(const JsonNode& object, std::string_view name);
[[nodiscard]] std::optional<std::string> optional_string(const JsonNode& object,
                                                         std::string_view name);
// A whole number (orderId, timestamps), from a JSON number or a string of digits.
[[nodiscard]] Result<std::int64_t> integer_field(const JsonNode& object, std::string_view name);
[[nodiscard]] bool bool_field(const JsonNode& object, std::string_view name, bool fallback);

// A decimal from a JSON string ("0.015") or number (0.015): Binance sends most as strings.
template <class Decimal>
[[nodiscard]] Result<Decimal> decimal_field(const JsonNode& object, std::string_view name) {
  const JsonNode* node = object.find(name);
  if (node == nullptr || (node->kind != JsonNode::Kind::string &&
                          node->kind != JsonNode::Kind::number)) {
    return make_error("invalid_response", "field \"" + std::string(name) + "\" missing or not a decimal");
  }
  auto parsed = Decimal::parse(node->text);
  if (!parsed) {
    return make_error("invalid_response",
                      "field \"" + std::string(name) + "\": " + parsed.error().message);
  }
  return *parsed;
}

}  // namespace tvbot::binance
