// Leaf values of the codec (strings, numbers, decimals, enums, times), the error helpers and
// the checks that tell malformed JSON from a well-formed value of the wrong kind.
#include <limits>
#include <optional>
#include <type_traits>

#include "events/json_decode.hpp"

namespace tvbot::json {
namespace {

std::string_view trim_trailing_whitespace(std::string_view text) {
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t' || text.back() == '\n' || text.back() == '\r')) {
    text.remove_suffix(1);
  }
  return text;
}

// Bounded, so a huge or hostile value cannot blow up an error message.
std::string excerpt(std::string_view text) {
  constexpr std::size_t shown = 40;
  std::string out(text.substr(0, shown));
  if (text.size() > shown) out += "...";
  return out;
}

// JSON's number grammar, checked on the token's text: -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?
bool is_json_number(std::string_view text) {
  std::size_t i = 0;
  const auto digits = [&] {
    const std::size_t start = i;
    while (i < text.size() && text[i] >= '0' && text[i] <= '9') ++i;
    return i - start;
  };
  if (i < text.size() && text[i] == '-') ++i;
  if (i < text.size() && text[i] == '0') {
    ++i;
  } else if (digits() == 0) {
    return false;
  }
  if (i < text.size() && text[i] == '.') {
    ++i;
    if (digits() == 0) return false;
  }
  if (i < text.size() && (text[i] == 'e' || text[i] == 'E')) {
    ++i;
    if (i < text.size() && (text[i] == '+' || text[i] == '-')) ++i;
    if (digits() == 0) return false;
  }
  return i == text.size();
}

std::string_view token_of(value& json_value) { return json_value.raw_json_token(); }
std::string_view token_of(simdjson::ondemand::document& doc) {
  std::string_view token;
  if (doc.raw_json_token().get(token)) return {};
  return token;
}

// On-Demand reports a non-value ("}", "nul", "12abc") where a string was asked for as
// INCORRECT_TYPE, like a real value of another kind; this tells the two apart. Strings,
// objects and arrays are checked as they are read.
template <class JsonValue>
bool is_well_formed(JsonValue& json_value) {
  simdjson::ondemand::json_type type;
  if (json_value.type().get(type)) return false;
  switch (type) {
    case simdjson::ondemand::json_type::number:
      return is_json_number(trim_trailing_whitespace(token_of(json_value)));
    case simdjson::ondemand::json_type::boolean: {
      bool flag = false;
      return !json_value.get_bool().get(flag);
    }
    case simdjson::ondemand::json_type::null: {
      bool is_null = false;
      return !json_value.is_null().get(is_null) && is_null;
    }
    default:
      return true;
  }
}

template <class JsonValue>
Error malformed_value(JsonValue& json_value, const Path& path) {
  std::string excerpt_text = excerpt(trim_trailing_whitespace(token_of(json_value)));
  return make_error("invalid_json", path.render() + ": malformed JSON value " + excerpt_text);
}

// What a value looks like, for the "got ..." part of a message.
std::string describe(value& json_value) {
  const std::string_view token = trim_trailing_whitespace(json_value.raw_json_token());
  if (token.starts_with('{')) return "an object";
  if (token.starts_with('[')) return "an array";
  return excerpt(token);
}

// The value is well-formed JSON but of the wrong kind (or a number out of range).
bool is_wrong_kind(simdjson::error_code error) {
  return error == simdjson::INCORRECT_TYPE || error == simdjson::NUMBER_ERROR ||
         error == simdjson::NUMBER_OUT_OF_RANGE;
}

template <class Enum>
std::optional<Enum> parse_enum(std::string_view text) {
  if constexpr (std::is_same_v<Enum, Side>) return parse_side(text);
  if constexpr (std::is_same_v<Enum, Direction>) return parse_direction(text);
  if constexpr (std::is_same_v<Enum, PositionSide>) return parse_position_side(text);
  if constexpr (std::is_same_v<Enum, OrderType>) return parse_order_type(text);
  if constexpr (std::is_same_v<Enum, OrderReason>) return parse_order_reason(text);
  if constexpr (std::is_same_v<Enum, Action>) return parse_action(text);
}

// A decimal may be a JSON string ("0.015") or a JSON number (0.015, 1e-8); a number is read
// from its own text, so no double ever touches it.
Result<std::string_view> decimal_text(value& json_value, const Path& path, std::string_view expected) {
  simdjson::ondemand::json_type type;
  if (auto error = json_value.type().get(type)) return json_error(path, error);
  if (type == simdjson::ondemand::json_type::number) {
    const std::string_view number = trim_trailing_whitespace(json_value.raw_json_token());
    if (!is_json_number(number)) return malformed_value(json_value, path);
    return number;
  }
  std::string_view text;
  if (type != simdjson::ondemand::json_type::string) {
    return value_error(json_value, path, expected, simdjson::INCORRECT_TYPE);
  }
  if (auto error = json_value.get_string().get(text)) return json_error(path, error);
  return text;
}

Error bad_decimal(const Path& path, std::string_view expected, std::string_view text, const Error& why) {
  std::string detail = "expected ";
  detail.append(expected).append(", got \"").append(excerpt(text)).append("\" (").append(why.message).append(")");
  return invalid_event(path, detail);
}

template <int Scale, class Rep, class Tag>
Status read_decimal(value& json_value, Fixed<Scale, Rep, Tag>& out, const Path& path) {
  constexpr std::string_view expected = "a decimal string";
  auto text = decimal_text(json_value, path, expected);
  if (!text) return text.error();
  // Exact: an event records what happened, so a digit too many is corrupt data, not rounding.
  auto decimal = Fixed<Scale, Rep, Tag>::parse_exact(*text);
  if (!decimal) return bad_decimal(path, expected, *text, decimal.error());
  out = *decimal;
  return {};
}

template <class Enum>
Status read_enum(value& json_value, Enum& out, const Path& path) {
  std::string_view text;
  if (auto error = json_value.get_string().get(text)) return value_error(json_value, path, "a string", error);
  const std::optional<Enum> parsed = parse_enum<Enum>(text);
  if (!parsed) return invalid_event(path, "unknown value \"" + excerpt(text) + "\"");
  out = *parsed;
  return {};
}

}  // namespace

std::string Path::render() const {
  std::string text = parent ? parent->render() : std::string();
  if (element != not_an_element) {
    text.append("[").append(std::to_string(element)).append("]");
  } else {
    if (parent) text += '.';
    text.append(name);
  }
  return text;
}

Error json_error(const Path& path, simdjson::error_code error) {
  return make_error("invalid_json", path.render() + ": " + simdjson::error_message(error));
}

Error invalid_event(const Path& path, std::string_view detail) {
  std::string message = path.render();
  message.append(": ").append(detail);
  return make_error("invalid_event", std::move(message));
}

Error value_error(value& json_value, const Path& path, std::string_view expected, simdjson::error_code error) {
  if (!is_wrong_kind(error)) return json_error(path, error);
  if (!is_well_formed(json_value)) return malformed_value(json_value, path);
  std::string detail = "expected ";
  detail.append(expected).append(", got ").append(describe(json_value));
  return invalid_event(path, detail);
}

Status read_value(value& json_value, std::string& out, const Path& path) {
  std::string_view text;
  if (auto error = json_value.get_string().get(text)) return value_error(json_value, path, "a string", error);
  out.assign(text);
  return {};
}

Status read_value(value& json_value, std::uint64_t& out, const Path& path) {
  if (auto error = json_value.get_uint64().get(out)) {
    return value_error(json_value, path, "an unsigned integer", error);
  }
  return {};
}

Status read_timestamp(value& json_value, Timestamp& out, const Path& path) {
  std::string_view text;
  if (auto error = json_value.get_string().get(text)) return value_error(json_value, path, "an ISO-8601 time string", error);
  auto time = parse_timestamp(text);
  if (!time) return invalid_event(path, time.error().message);
  out = *time;
  return {};
}

Status read_value(value& json_value, PriceLevel& out, const Path& path) {
  constexpr std::string_view expected = "a price level like \"2%\" or \"27000.5\"";
  auto text = decimal_text(json_value, path, expected);
  if (!text) return text.error();
  std::string_view digits = *text;
  const bool percent = digits.ends_with('%');
  if (percent) digits.remove_suffix(1);
  auto level = Price::parse_exact(digits);
  if (!level) return bad_decimal(path, expected, *text, level.error());
  out = PriceLevel{percent, *level};
  return {};
}

Status read_value(value& json_value, bool& out, const Path& path) {
  if (auto error = json_value.get_bool().get(out)) return value_error(json_value, path, "true or false", error);
  return {};
}

Status read_value(value& json_value, std::uint32_t& out, const Path& path) {
  std::uint64_t wide = 0;
  if (auto error = json_value.get_uint64().get(wide); error || wide > std::numeric_limits<std::uint32_t>::max()) {
    return value_error(json_value, path, "an unsigned 32-bit integer", error ? error : simdjson::NUMBER_OUT_OF_RANGE);
  }
  out = static_cast<std::uint32_t>(wide);
  return {};
}

Status read_value(value& json_value, Price& out, const Path& path) { return read_decimal(json_value, out, path); }
Status read_value(value& json_value, Quantity& out, const Path& path) { return read_decimal(json_value, out, path); }
Status read_value(value& json_value, Money& out, const Path& path) { return read_decimal(json_value, out, path); }
Status read_value(value& json_value, Ratio& out, const Path& path) { return read_decimal(json_value, out, path); }
Status read_value(value& json_value, Side& out, const Path& path) { return read_enum(json_value, out, path); }
Status read_value(value& json_value, Direction& out, const Path& path) { return read_enum(json_value, out, path); }
Status read_value(value& json_value, PositionSide& out, const Path& path) { return read_enum(json_value, out, path); }
Status read_value(value& json_value, OrderType& out, const Path& path) { return read_enum(json_value, out, path); }
Status read_value(value& json_value, OrderReason& out, const Path& path) { return read_enum(json_value, out, path); }
Status read_value(value& json_value, Action& out, const Path& path) { return read_enum(json_value, out, path); }


simdjson::simdjson_result<std::string_view> field_key(simdjson::ondemand::field& field) {
  // Stage 1 has already found the closing quote, so this scan ends inside the buffer.
  const char* raw = field.key().raw();
  std::size_t length = 0;
  while (raw[length] != '"' && raw[length] != '\\') ++length;
  if (raw[length] == '"') return std::string_view(raw, length);
  return field.unescaped_key();
}

Result<simdjson::ondemand::object> read_root_object(simdjson::ondemand::document& doc, const Path& root) {
  simdjson::ondemand::json_type type;
  if (auto error = doc.type().get(type)) return json_error(root, error);
  if (type != simdjson::ondemand::json_type::object) {
    if (!is_well_formed(doc)) return malformed_value(doc, root);
    return invalid_event(root, "expected an object");
  }
  simdjson::ondemand::object object;
  if (auto error = doc.get_object().get(object)) return json_error(root, error);
  return object;
}

}  // namespace tvbot::json
