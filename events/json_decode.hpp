#pragma once
// Decoding side of the codec: simdjson On-Demand values -> event structs, with errors that
// name the type and the field ("OrderFilled.qty: expected a decimal string, got true").
// Not a public header: codec.hpp is the interface.
#include <simdjson.h>

#include <cstddef>
#include <cstdint>
#include <limits>
#include <string>
#include <string_view>

#include "events/codec.hpp"

namespace tvbot::json {

// Where a value sits, for error messages: a chain of stack frames that is rendered to text
// ("ProtectionSet.take_profits[1].level") only when something fails.
struct Path {
  static constexpr std::size_t not_an_element = std::numeric_limits<std::size_t>::max();
  const Path* parent = nullptr;
  std::string_view name;                  // a field, or the type name at the root
  std::size_t element = not_an_element;   // set for array elements instead of name

  [[nodiscard]] std::string render() const;
};

// Malformed or truncated JSON: "invalid_json".
[[nodiscard]] Error json_error(const Path& path, simdjson::error_code error);
// Well-formed JSON that is not a valid event: "invalid_event".
[[nodiscard]] Error invalid_event(const Path& path, std::string_view detail);
// A failed simdjson read of `value`: "invalid_event" naming what was expected and what was
// found if the JSON is fine but the value of the wrong kind, json_error otherwise.
[[nodiscard]] Error value_error(simdjson::ondemand::value& json_value, const Path& path, std::string_view expected,
                                simdjson::error_code error);

// One reader per leaf type the schemas use (json_values.cpp). Decimals accept a JSON string or
// a JSON number, read exactly from its text; enums accept their to_string() text.
using simdjson::ondemand::value;
[[nodiscard]] Status read_value(value& json_value, std::string& out, const Path& path);
[[nodiscard]] Status read_value(value& json_value, bool& out, const Path& path);
[[nodiscard]] Status read_value(value& json_value, std::uint64_t& out, const Path& path);
[[nodiscard]] Status read_value(value& json_value, std::uint32_t& out, const Path& path);
[[nodiscard]] Status read_value(value& json_value, Price& out, const Path& path);
[[nodiscard]] Status read_value(value& json_value, Quantity& out, const Path& path);
[[nodiscard]] Status read_value(value& json_value, Money& out, const Path& path);
[[nodiscard]] Status read_value(value& json_value, Ratio& out, const Path& path);
[[nodiscard]] Status read_value(value& json_value, PriceLevel& out, const Path& path);  // "2%" or "27000.5"
[[nodiscard]] Status read_value(value& json_value, Side& out, const Path& path);
[[nodiscard]] Status read_value(value& json_value, Direction& out, const Path& path);
[[nodiscard]] Status read_value(value& json_value, PositionSide& out, const Path& path);
[[nodiscard]] Status read_value(value& json_value, OrderType& out, const Path& path);
[[nodiscard]] Status read_value(value& json_value, OrderReason& out, const Path& path);
[[nodiscard]] Status read_value(value& json_value, Action& out, const Path& path);
// Timestamp is a bare int64, so its ISO-8601 reader has its own name.
[[nodiscard]] Status read_timestamp(value& json_value, Timestamp& out, const Path& path);

// A field's name. Names without escapes (all of ours) are read in place, not copied.
[[nodiscard]] simdjson::simdjson_result<std::string_view> field_key(simdjson::ondemand::field& field);

// The document's top-level object; anything else is "invalid_event" (or "invalid_json" if it
// is not even a JSON value).
[[nodiscard]] Result<simdjson::ondemand::object> read_root_object(simdjson::ondemand::document& doc,
                                                                  const Path& root);
// Reads the fields of EventPayload alternative `type_index` at its current schema version.
[[nodiscard]] Result<EventPayload> read_payload(std::size_t type_index, simdjson::ondemand::object& object);

}  // namespace tvbot::json
