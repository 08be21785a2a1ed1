#include "http/server/message_conversion.hpp"

#include <algorithm>
#include <iterator>

#include <boost/beast/http/error.hpp>
#include <boost/beast/http/field.hpp>

#include "http/server/ascii.hpp"
#include "http/server/json_error.hpp"

namespace tvbot::http {
namespace {

namespace bhttp = boost::beast::http;

// RFC 9110 token characters: what a header name may contain.
bool is_token(std::string_view text) {
  if (text.empty()) return false;
  for (char c : text) {
    const bool alphanumeric = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    if (!alphanumeric && std::string_view{"!#$%&'*+-.^_`|~"}.find(c) == std::string_view::npos) {
      return false;
    }
  }
  return true;
}

bool is_safe_header_value(std::string_view value) {
  return value.find_first_of("\r\n") == std::string_view::npos;
}

bool is_owned_by_server(std::string_view name) {
  static constexpr std::string_view kServerOwned[] = {"content-length", "transfer-encoding",
                                                      "connection", "keep-alive", "x-request-id"};
  return std::any_of(std::begin(kServerOwned), std::end(kServerOwned),
                     [&](std::string_view owned) { return equals_ignoring_ascii_case(name, owned); });
}

}  // namespace

Request to_request(BeastRequest&& message) {
  Request request;
  request.method = std::string(message.method_string());
  request.target = std::string(message.target());
  for (const auto& field : message) {
    request.headers.emplace_back(std::string(field.name_string()), std::string(field.value()));
  }
  request.body = std::move(message.body());
  return request;
}

BeastResponse to_beast_response(Response&& response, unsigned http_version, bool keep_alive,
                                bool head_request, std::string_view request_id) {
  if (response.status < 200 || response.status > 599) {
    response = json_error_response(500, "internal_error", "the request handler gave an invalid status");
  }
  BeastResponse message;
  message.result(response.status);
  message.version(http_version);
  if (!response.content_type.empty() && is_safe_header_value(response.content_type)) {
    message.set(bhttp::field::content_type, response.content_type);
  }
  for (const auto& [name, value] : response.headers) {
    // Dropped on purpose: a malformed or server-owned header would break the framing.
    if (is_token(name) && is_safe_header_value(value) && !is_owned_by_server(name)) {
      message.insert(name, value);
    }
  }
  message.set("X-Request-Id", boost::beast::string_view(request_id.data(), request_id.size()));
  message.keep_alive(keep_alive);
  const bool body_forbidden = response.status == 204 || response.status == 304;
  if (!body_forbidden) message.body() = std::move(response.body);
  message.prepare_payload();
  if (head_request) message.body().clear();
  return message;
}

bool is_malformed_request_error(const boost::system::error_code& error) {
  if (error.category() != bhttp::make_error_code(bhttp::error::bad_method).category()) {
    return false;
  }
  switch (static_cast<bhttp::error>(error.value())) {
    case bhttp::error::end_of_stream:
    case bhttp::error::partial_message:
    case bhttp::error::body_limit:
    case bhttp::error::header_limit:
      return false;
    default:
      return true;
  }
}

}  // namespace tvbot::http
