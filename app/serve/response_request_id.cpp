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
  const auto before_close = body.find_last_not_of(" \t\r\n", last - 1);
  const bool empty_object = before_close == first;
  std::string member = empty_object ? "\"request_id\":" : ",\"request_id\":";
  append_json_string(member, request_id);
  body.insert(last, member);
  return body;
}

}  // namespace tvbot::app
