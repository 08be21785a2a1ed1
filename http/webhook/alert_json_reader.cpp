// The JSON half of read_alert_fields: one simdjson On-Demand pass over the whole document.
// Fields are visited in document order (On-Demand's cheap path), every value is touched once
// so the whole body is validated, and numbers are kept as their exact text, never a double.
#include <simdjson.h>

#include <string>

#include "http/webhook/alert_reader.hpp"
#include "http/webhook/json_number.hpp"

namespace tvbot::webhook {
namespace {

namespace od = simdjson::ondemand;

class JsonFieldReader {
 public:
  explicit JsonFieldReader(const AlertLimits& limits) : limits_(limits) {}

  Status read_object(od::object object, const std::string& prefix, std::size_t depth) {
    for (auto field_result : object) {
      od::field field;
      if (auto error = std::move(field_result).get(field)) return json_error(error);
      if (auto status = count_field(); !status) return status;
      std::string_view key;
      if (auto error = field.unescaped_key().get(key)) return json_error(error);
      std::string spelling = prefix + std::string(key);
      if (auto status = read_member(field.value(), std::move(spelling), depth); !status) return status;
    }
    return {};
  }

  AlertFields take() { return std::move(fields_); }

 private:
  Status read_member(od::value value, std::string spelling, std::size_t depth) {
    od::json_type type;
    if (auto error = value.type().get(type)) return json_error(error);
    RawField raw{spelling, canonical_field(spelling), ValueKind::null, {}};
    switch (type) {
      case od::json_type::object: {
        od::object inner;
        if (auto error = value.get_object().get(inner)) return json_error(error);
        if (depth + 1 > limits_.max_depth) return too_deep();
        // Known nested fields ("order.amount") are looked up by their dotted path.
        if (auto status = read_object(inner, spelling + ".", depth + 1); !status) return status;
        if (!raw.field) return {};
        raw.kind = ValueKind::composite;  // "qty": {...}: the interpreter names the field
        break;
      }
      case od::json_type::array:
        if (auto status = skip_value(value, depth + 1); !status) return status;
        raw.kind = ValueKind::composite;
        break;
      case od::json_type::string: {
        std::string_view text;
        if (auto error = value.get_string().get(text)) return json_error(error);
        raw.kind = ValueKind::string;
        raw.value.assign(text);
        break;
      }
      case od::json_type::number: {
        const std::string_view token = trim_json_whitespace(value.raw_json_token());
        if (!is_json_number(token)) return malformed("invalid number in field '" + spelling + "'");
        raw.kind = ValueKind::number;
        raw.value.assign(token);
        break;
      }
      case od::json_type::boolean: {
        bool flag = false;
        if (auto error = value.get_bool().get(flag)) return json_error(error);
        raw.kind = ValueKind::boolean;
        raw.value = flag ? "true" : "false";
        break;
      }
      case od::json_type::null: {
        bool is_null = false;
        if (auto error = value.is_null().get(is_null)) return json_error(error);
        if (!is_null) return malformed("invalid literal in field '" + spelling + "'");
        break;
      }
    }
    return add(std::move(raw));
  }

  // Walks a value nobody asked for, so that malformed or over-deep JSON is refused even
  // inside fields tvbot ignores.
  Status skip_value(od::value value, std::size_t depth) {
    if (depth > limits_.max_depth) return too_deep();
    od::json_type type;
    if (auto error = value.type().get(type)) return json_error(error);
    switch (type) {
      case od::json_type::object: {
        od::object object;
        if (auto error = value.get_object().get(object)) return json_error(error);
        for (auto field_result : object) {
          od::field field;
          if (auto error = std::move(field_result).get(field)) return json_error(error);
          if (auto status = count_field(); !status) return status;
          std::string_view key;
          if (auto error = field.unescaped_key().get(key)) return json_error(error);
          if (auto status = skip_value(field.value(), depth + 1); !status) return status;
        }
        return {};
      }
      case od::json_type::array: {
        od::array array;
        if (auto error = value.get_array().get(array)) return json_error(error);
        for (auto element_result : array) {
          od::value element;
          if (auto error = std::move(element_result).get(element)) return json_error(error);
          if (auto status = count_field(); !status) return status;
          if (auto status = skip_value(element, depth + 1); !status) return status;
        }
        return {};
      }
      case od::json_type::string: {
        std::string_view ignored;
        if (auto error = value.get_string().get(ignored)) return json_error(error);
        return {};
      }
      case od::json_type::number:
        if (!is_json_number(trim_json_whitespace(value.raw_json_token()))) {
          return malformed("invalid number");
        }
        return {};
      case od::json_type::boolean: {
        bool ignored = false;
        if (auto error = value.get_bool().get(ignored)) return json_error(error);
        return {};
      }
      case od::json_type::null: {
        bool is_null = false;
        if (auto error = value.is_null().get(is_null)) return json_error(error);
        if (!is_null) return malformed("invalid literal");
        return {};
      }
    }
    return malformed("unknown JSON value");
  }

  Status add(RawField raw) {
    if (raw.field) {
      if (const RawField* earlier = fields_.find(*raw.field)) {
        return make_error("duplicate_field", "field '" + std::string(field_name(*raw.field)) +
                                                 "' is given twice ('" + earlier->spelling +
                                                 "' and '" + raw.spelling + "')");
      }
    }
    fields_.fields.push_back(std::move(raw));
    return {};
  }

  Status count_field() {
    if (++field_count_ > limits_.max_fields) {
      return make_error("too_many_fields",
                        "more than " + std::to_string(limits_.max_fields) + " fields");
    }
    return {};
  }

  Status too_deep() const {
    return make_error("too_deep",
                      "JSON nested deeper than " + std::to_string(limits_.max_depth) + " levels");
  }

  static Status malformed(std::string message) {
    return make_error("malformed_json", std::move(message));
  }

  static Status json_error(simdjson::error_code error) {
    if (error == simdjson::DEPTH_ERROR) return make_error("too_deep", "JSON nested too deeply");
    // simdjson's messages describe the structure only, never the content.
    return malformed(std::string("malformed JSON: ") + simdjson::error_message(error));
  }

  const AlertLimits& limits_;
  AlertFields fields_;
  std::size_t field_count_ = 0;
};

}  // namespace

Result<AlertFields> read_json_alert_fields(std::string_view body, const AlertLimits& limits) {
  if (trim_json_whitespace(body).empty()) return make_error("empty_body", "the body is empty");
  // One parser per thread: its buffers are reused, and the server calls this from several.
  thread_local od::parser parser;
  // The copy adds the SIMDJSON_PADDING readable bytes simdjson needs after the input.
  const simdjson::padded_string padded(body);
  od::document document;
  if (auto error = parser.iterate(padded).get(document)) {
    if (error == simdjson::UTF8_ERROR) return make_error("malformed_json", "the body is not valid UTF-8");
    if (error == simdjson::DEPTH_ERROR) return make_error("too_deep", "JSON nested too deeply");
    return make_error("malformed_json", std::string("malformed JSON: ") + simdjson::error_message(error));
  }
  od::object object;
  if (document.get_object().get(object)) {
    return make_error("malformed_json", "the body must be one JSON object");
  }
  JsonFieldReader reader(limits);
  if (auto status = reader.read_object(object, "", 1); !status) return status.error();
  // After the last '}' nothing but whitespace may follow: current_location() is out of
  // bounds exactly when the iterator has consumed the whole input.
  if (!document.current_location().error()) {
    return make_error("malformed_json", "unexpected text after the JSON object");
  }
  AlertFields fields = reader.take();
  fields.format = BodyFormat::json;
  return fields;
}

}  // namespace tvbot::webhook
