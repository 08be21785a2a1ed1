#include "brokers/binance/json_tree.hpp"

#include <simdjson.h>

namespace tvbot::binance {
namespace {

using simdjson::ondemand::json_type;

std::string_view trim(std::string_view text) {
  while (!text.empty() && (text.back() == ' ' || text.back() == '\n' || text.back() == '\r' ||
                           text.back() == '\t')) {
    text.remove_suffix(1);
  }
  return text;
}

Error json_error(simdjson::error_code code) {
  return make_error("invalid_json", std::string("malformed JSON from the venue: ") +
                                        simdjson::error_message(code));
}

// Responses nest three levels at most (exchangeInfo: symbols -> filters -> fields); the bound
// stops a hostile body from recursing the stack away.
constexpr int kMaxDepth = 16;

template <class Value>
Status read_value(Value& value, JsonNode& out, int depth) {
  if (depth > kMaxDepth) return make_error("invalid_json", "JSON nested too deeply");
  json_type type;
  if (auto error = value.type().get(type)) return json_error(error);
  switch (type) {
    case json_type::object: {
      out.kind = JsonNode::Kind::object;
      simdjson::ondemand::object object;
      if (auto error = value.get_object().get(object)) return json_error(error);
      for (auto field : object) {
        std::string_view key;
        if (auto error = field.unescaped_key().get(key)) return json_error(error);
        simdjson::ondemand::value child_value;
        if (auto error = field.value().get(child_value)) return json_error(error);
        JsonNode child;
        if (auto status = read_value(child_value, child, depth + 1); !status) return status;
        out.fields.emplace_back(std::string(key), std::move(child));
      }
      return {};
    }
    case json_type::array: {
      out.kind = JsonNode::Kind::array;
      simdjson::ondemand::array array;
      if (auto error = value.get_array().get(array)) return json_error(error);
      for (auto element : array) {
        simdjson::ondemand::value child_value;
        if (auto error = element.get(child_value)) return json_error(error);
        JsonNode child;
        if (auto status = read_value(child_value, child, depth + 1); !status) return status;
        out.items.push_back(std::move(child));
      }
      return {};
    }
    case json_type::string: {
      out.kind = JsonNode::Kind::string;
      std::string_view text;
      if (auto error = value.get_string().get(text)) return json_error(error);
      out.text = std::string(text);
      return {};
    }
    case json_type::number: {
      out.kind = JsonNode::Kind::number;
      out.text = std::string(trim(value.raw_json_token()));
      return {};
    }
    case json_type::boolean: {
      out.kind = JsonNode::Kind::boolean;
      bool flag = false;
      if (auto error = value.get_bool().get(flag)) return json_error(error);
      out.text = flag ? "true" : "false";
      return {};
    }
    case json_type::null: {
      out.kind = JsonNode::Kind::null;
      bool is_null = false;
      if (auto error = value.is_null().get(is_null)) return json_error(error);
      return {};
    }
  }
  return make_error("invalid_json", "unknown JSON value type");
}

}  // namespace

const JsonNode* JsonNode::find(std::string_view name) const {
  for (const auto& [key, node] : fields) {
    if (key == name) return &node;
  }
  return nullptr;
}

Result<JsonNode> parse_json(std::string_view body) {
  simdjson::ondemand::parser parser;
  const simdjson::padded_string padded(body);
  simdjson::ondemand::document document;
  if (auto error = parser.iterate(padded).get(document)) return json_error(error);
  // A scalar document (a bare number) cannot be read as a value; Binance never sends one.
  json_type type;
  if (auto error = document.type().get(type)) return json_error(error);
  if (type != json_type::object && type != json_type::array) {
    return make_error("invalid_json", "expected a JSON object or array from the venue");
  }
  simdjson::ondemand::value root;
  if (auto error = document.get_value().get(root)) return json_error(error);
  JsonNode node;
  if (auto status = read_value(root, node, 0); !status) return status.error();
  return node;
}

Result<std::string> string_field(const JsonNode& object, std::string_view name) {
  const JsonNode* node = object.find(name);
  if (node == nullptr || node->kind != JsonNode::Kind::string) {
    return make_error("invalid_response", "field \"" + std::string(name) + "\" missing or not a string");
  }
  return node->text;
}

std::optional<std::string> optional_string(const JsonNode& object, std::string_view name) {
  const JsonNode* node = object.find(name);
  if (node == nullptr || node->kind != JsonNode::Kind::string) return std::nullopt;
  return node->text;
}

Result<std::int64_t> integer_field(const JsonNode& object, std::string_view name) {
  const JsonNode* node = object.find(name);
  const auto bad = [&] {
    return make_error("invalid_response", "field \"" + std::string(name) + "\" missing or not an integer");
  };
  if (node == nullptr || (node->kind != JsonNode::Kind::number &&
                          node->kind != JsonNode::Kind::string)) {
    return bad();
  }
  std::string_view text = node->text;
  bool negative = false;
  if (!text.empty() && text.front() == '-') {
    negative = true;
    text.remove_prefix(1);
  }
  if (text.empty() || text.size() > 18) return bad();
  std::int64_t value = 0;
  for (const char c : text) {
    if (c < '0' || c > '9') return bad();
    value = value * 10 + (c - '0');
  }
  return negative ? -value : value;
}

bool bool_field(const JsonNode& object, std::string_view name, bool fallback) {
  const JsonNode* node = object.find(name);
  if (node == nullptr || node->kind != JsonNode::Kind::boolean) return fallback;
  return node->text == "true";
}

}  // namespace tvbot::binance
