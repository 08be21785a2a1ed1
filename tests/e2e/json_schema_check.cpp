#include "tests/e2e/json_schema_check.hpp"

#include <regex>

namespace tvbot::e2e {
namespace {

std::string type_of(const simdjson::dom::element& value) {
  switch (value.type()) {
    case simdjson::dom::element_type::ARRAY: return "array";
    case simdjson::dom::element_type::OBJECT: return "object";
    case simdjson::dom::element_type::INT64:
    case simdjson::dom::element_type::UINT64: return "integer";
    case simdjson::dom::element_type::DOUBLE: return "number";
    case simdjson::dom::element_type::STRING: return "string";
    case simdjson::dom::element_type::BOOL: return "boolean";
    case simdjson::dom::element_type::NULL_VALUE: return "null";
  }
  return "unknown";
}

}  // namespace

std::vector<std::string> schema_problems(const simdjson::dom::element& value,
                                         const simdjson::dom::element& schema_in,
                                         const simdjson::dom::element& document,
                                         const std::string& path) {
  std::vector<std::string> problems;
  simdjson::dom::element schema = schema_in;
  std::string_view ref;
  if (schema["$ref"].get_string().get(ref) == simdjson::SUCCESS) {
    constexpr std::string_view kPrefix = "#/components/schemas/";
    if (!ref.starts_with(kPrefix) ||
        document.at_pointer("/components/schemas/" + std::string(ref.substr(kPrefix.size())))
            .get(schema)) {
      return {path + ": unresolvable $ref " + std::string(ref)};
    }
  }
  std::string_view type;
  if (schema["type"].get_string().get(type) == simdjson::SUCCESS) {
    const std::string actual = type_of(value);
    if (actual != type && !(type == "number" && actual == "integer")) {
      return {path + ": expected " + std::string(type) + ", got " + actual};
    }
  }
  simdjson::dom::array choices;
  if (schema["enum"].get_array().get(choices) == simdjson::SUCCESS) {
    bool found = false;
    std::string_view text;
    for (auto choice : choices) {
      std::string_view option;
      if (choice.get_string().get(option) == simdjson::SUCCESS &&
          value.get_string().get(text) == simdjson::SUCCESS && option == text) {
        found = true;
      }
    }
    if (!found) problems.push_back(path + ": not one of the documented values");
  }
  std::string_view pattern;
  std::string_view text;
  if (schema["pattern"].get_string().get(pattern) == simdjson::SUCCESS &&
      value.get_string().get(text) == simdjson::SUCCESS &&
      !std::regex_search(std::string(text), std::regex(std::string(pattern)))) {
    problems.push_back(path + ": \"" + std::string(text) + "\" does not match " +
                       std::string(pattern));
  }
  simdjson::dom::object object;
  if (value.get_object().get(object) == simdjson::SUCCESS) {
    simdjson::dom::object properties;
    const bool has_properties = schema["properties"].get_object().get(properties) == simdjson::SUCCESS;
    simdjson::dom::array required;
    if (schema["required"].get_array().get(required) == simdjson::SUCCESS) {
      for (auto name : required) {
        std::string_view key;
        simdjson::dom::element ignored;
        if (name.get_string().get(key) == simdjson::SUCCESS && object.at_key(key).get(ignored)) {
          problems.push_back(path + ": required property \"" + std::string(key) + "\" missing");
        }
      }
    }
    simdjson::dom::element additional;
    const bool has_additional = schema["additionalProperties"].get(additional) == simdjson::SUCCESS;
    bool additional_allowed = false;
    const bool additional_is_bool = has_additional && additional.get_bool().get(additional_allowed) == simdjson::SUCCESS;
    for (auto field : object) {
      const std::string child = path + "." + std::string(field.key);
      simdjson::dom::element property_schema;
      if (has_properties && properties.at_key(field.key).get(property_schema) == simdjson::SUCCESS) {
        auto more = schema_problems(field.value, property_schema, document, child);
        problems.insert(problems.end(), more.begin(), more.end());
      } else if (has_additional && !additional_is_bool) {
        auto more = schema_problems(field.value, additional, document, child);
        problems.insert(problems.end(), more.begin(), more.end());
      } else if (!additional_allowed) {
        problems.push_back(path + ": undocumented property \"" + std::string(field.key) + "\"");
      }
    }
  }
  simdjson::dom::array array;
  simdjson::dom::element items;
  if (value.get_array().get(array) == simdjson::SUCCESS &&
      schema["items"].get(items) == simdjson::SUCCESS) {
    std::size_t index = 0;
    for (auto item : array) {
      auto more = schema_problems(item, items, document, path + "[" + std::to_string(index++) + "]");
      problems.insert(problems.end(), more.begin(), more.end());
    }
  }
  return problems;
}

}  // namespace tvbot::e2e
