#include "app/serve/admin_http.hpp"

#include <simdjson.h>

#include <charconv>

#include "http/webhook/webhook_response.hpp"

namespace tvbot::app::admin {

http::Response json_response(unsigned status, std::string body) {
  http::Response response;
  response.status = status;
  response.body = std::move(body);
  return response;
}

http::Response error_response(unsigned status, std::string_view code, std::string_view message) {
  return json_response(status, webhook::format_error_body(code, message));
}

std::vector<std::string_view> path_segments(std::string_view target) {
  std::string_view path = target.substr(0, target.find('?'));
  std::vector<std::string_view> out;
  while (!path.empty()) {
    auto slash = path.find('/');
    auto segment = path.substr(0, slash);
    if (!segment.empty()) out.push_back(segment);
    if (slash == std::string_view::npos) break;
    path.remove_prefix(slash + 1);
  }
  return out;
}

std::optional<std::string_view> query_parameter(std::string_view target, std::string_view name) {
  auto question = target.find('?');
  if (question == std::string_view::npos) return std::nullopt;
  std::string_view query = target.substr(question + 1);
  while (!query.empty()) {
    auto amp = query.find('&');
    auto pair = query.substr(0, amp);
    auto equals = pair.find('=');
    if (pair.substr(0, equals) == name) {
      return equals == std::string_view::npos ? std::string_view{} : pair.substr(equals + 1);
    }
    if (amp == std::string_view::npos) break;
    query.remove_prefix(amp + 1);
  }
  return std::nullopt;
}

Result<std::uint64_t> unsigned_parameter(std::string_view target, std::string_view name,
                                         std::uint64_t fallback, std::uint64_t min,
                                         std::uint64_t max) {
  auto text = query_parameter(target, name);
  if (!text) return fallback;
  std::uint64_t value = 0;
  auto [end, error] = std::from_chars(text->data(), text->data() + text->size(), value);
  if (text->empty() || error != std::errc{} || end != text->data() + text->size() ||
      value < min || value > max) {
    return make_error("invalid_parameter", std::string(name) + " must be an integer from " +
                                               std::to_string(min) + " to " +
                                               std::to_string(max));
  }
  return value;
}

Result<std::optional<std::string>> optional_string_member(std::string_view body,
                                                          std::string_view key) {
  if (body.find_first_not_of(" \t\r\n") == std::string_view::npos) {
    return std::optional<std::string>{};
  }
  simdjson::dom::parser parser;
  simdjson::dom::element root;
  simdjson::dom::object object;
  if (parser.parse(body.data(), body.size()).get(root) || root.get_object().get(object)) {
    return make_error("malformed_json", "the body must be a JSON object");
  }
  simdjson::dom::element value;
  if (object.at_key(key).get(value)) return std::optional<std::string>{};
  std::string_view text;
  if (value.get_string().get(text)) {
    return make_error("malformed_json", std::string(key) + " must be a string");
  }
  return std::optional<std::string>{std::string(text)};
}

}  // namespace tvbot::app::admin
