#include "app/serve/response_request_id.hpp"

#include "events/codec.hpp"

namespace tvbot::app {

std::string with_request_id(std::string body, std::string_view request_id) {
  const auto first = body.find_first_not_of(" \t\r\n");
  const auto last = body.find_last_not_of(" \t\r\n");
  if (request_id.empty() || first == std::string::npos || body[first] != '{' ||
      body[last] != '}') {
    return body;
  }
  // First, right after '{': the rest of the body keeps its documented shape and ending.
  const auto after_open = body.find_first_not_of(" \t\r\n", first + 1);
  const bool empty_object = after_open == last;
  std::string member = "\"request_id\":";
  append_json_string(member, request_id);
  if (!empty_object) member += ',';
  body.insert(first + 1, member);
  return body;
}

}  // namespace tvbot::app
