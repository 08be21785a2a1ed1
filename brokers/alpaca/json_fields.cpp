#include "brokers/alpaca/json_fields.hpp"

#include <simdjson.h>

namespace tvbot::alpaca {
namespace {

Error invalid(std::string message) { return make_error("invalid_response", std::move(message)); }

std::string_view trim_end(std::string_view text) {
  while (!text.empty() && (text.back() == ' ' || text.back() == '\n' || text.back() == '\r' ||
                           text.back() == '\t')) {
    text.remove_suffix(1);
  }
  return text;
}

// Reads every member of `object` once, in document order (what On-Demand wants).
Result<JsonFields> collect(simdjson::ondemand::object object) {
  JsonFields fields;
  for (auto member : object) {
    std::string_view key;
    if (member.unescaped_key().get(key)) return invalid("unreadable member name");
    auto value = member.value();
    simdjson::ondemand::json_type type;
    if (value.type().get(type)) return invalid("unreadable value of " + std::string(key));
    JsonField field;
    std::string_view text;
    switch (type) {
      case simdjson::ondemand::json_type::string:
        field.kind = JsonKind::string;
        if (value.get_string().get(text)) return invalid("bad string in " + std::string(key));
        break;
      case simdjson::ondemand::json_type::number:
        field.kind = JsonKind::number;
        if (value.raw_json_token().get(text)) return invalid("bad number in " + std::string(key));
        text = trim_end(text);  // the token runs up to the next structural character
        break;
      case simdjson::ondemand::json_type::boolean: {
        field.kind = JsonKind::boolean;
        bool flag = false;
        if (value.get_bool().get(flag)) return invalid("bad boolean in " + std::string(key));
        text = flag ? "true" : "false";
        break;
      }
      case simdjson::ondemand::json_type::null:
        field.kind = JsonKind::null;
        if (!value.is_null()) return invalid("bad null in " + std::string(key));
        break;
      case simdjson::ondemand::json_type::object: {
        field.kind = JsonKind::object;
        simdjson::ondemand::object nested;
        if (value.get_object().get(nested) || nested.raw_json().get(text)) {
          return invalid("bad object in " + std::string(key));
        }
        break;
      }
      case simdjson::ondemand::json_type::array: {
        field.kind = JsonKind::array;
        simdjson::ondemand::array nested;
        if (value.get_array().get(nested) || nested.raw_json().get(text)) {
          return invalid("bad array in " + std::string(key));
        }
        break;
      }
    }
    field.text = std::string(text);
    fields.insert_or_assign(std::string(key), std::move(field));
  }
  return fields;
}

}  // namespace

Result<JsonFields> read_object(std::string_view json) {
  simdjson::ondemand::parser parser;
  simdjson::padded_string padded(json);
  simdjson::ondemand::document doc;
  simdjson::ondemand::object object;
  if (parser.iterate(padded).get(doc) || doc.get_object().get(object)) {
    return invalid("expected a JSON object");
  }
  return collect(object);
}

Result<std::vector<JsonFields>> read_array_of_objects(std::string_view json) {
  simdjson::ondemand::parser parser;
  simdjson::padded_string padded(json);
  simdjson::ondemand::document doc;
  simdjson::ondemand::array array;
  if (parser.iterate(padded).get(doc) || doc.get_array().get(array)) {
    return invalid("expected a JSON array");
  }
  std::vector<JsonFields> items;
  for (auto element : array) {
    simdjson::ondemand::object object;
    if (element.get_object().get(object)) return invalid("expected an array of objects");
    auto fields = collect(object);
    if (!fields.ok()) return fields.error();
    items.push_back(std::move(fields).value());
  }
  return items;
}

Result<std::string> text_field(const JsonFields& fields, std::string_view key) {
  auto it = fields.find(key);
  if (it == fields.end() || it->second.kind != JsonKind::string) {
    return invalid("missing or non-string field " + std::string(key));
  }
  return it->second.text;
}

std::string optional_text(const JsonFields& fields, std::string_view key) {
  auto it = fields.find(key);
  return it == fields.end() || it->second.kind != JsonKind::string ? std::string() : it->second.text;
}

Result<bool> bool_field(const JsonFields& fields, std::string_view key) {
  auto it = fields.find(key);
  if (it == fields.end() || it->second.kind != JsonKind::boolean) {
    return invalid("missing or non-boolean field " + std::string(key));
  }
  return it->second.text == "true";
}

template <class Decimal>
Result<std::optional<Decimal>> optional_decimal(const JsonFields& fields, std::string_view key) {
  auto it = fields.find(key);
  if (it == fields.end() || it->second.kind == JsonKind::null) return std::optional<Decimal>();
  if (it->second.kind != JsonKind::string && it->second.kind != JsonKind::number) {
    return invalid("field " + std::string(key) + " is not a decimal");
  }
  auto parsed = Decimal::parse(it->second.text, Rounding::half_even);
  if (!parsed.ok()) return invalid("field " + std::string(key) + ": " + parsed.error().message);
  return std::optional<Decimal>(*parsed);
}

template <class Decimal>
Result<Decimal> decimal_field(const JsonFields& fields, std::string_view key) {
  auto value = optional_decimal<Decimal>(fields, key);
  if (!value.ok()) return value.error();
  if (!value->has_value()) return invalid("missing decimal field " + std::string(key));
  return **value;
}

template Result<Price> decimal_field<Price>(const JsonFields&, std::string_view);
template Result<Quantity> decimal_field<Quantity>(const JsonFields&, std::string_view);
template Result<Money> decimal_field<Money>(const JsonFields&, std::string_view);
template Result<std::optional<Price>> optional_decimal<Price>(const JsonFields&, std::string_view);
template Result<std::optional<Quantity>> optional_decimal<Quantity>(const JsonFields&,
                                                                    std::string_view);
template Result<std::optional<Money>> optional_decimal<Money>(const JsonFields&, std::string_view);

void append_json_string(std::string& out, std::string_view text) {
  static constexpr char kHex[] = "0123456789abcdef";
  out += '"';
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (byte < 0x20) {
      out += "\\u00";
      out += kHex[byte >> 4];
      out += kHex[byte & 0xf];
    } else {
      out += c;
    }
  }
  out += '"';
}

}  // namespace tvbot::alpaca
