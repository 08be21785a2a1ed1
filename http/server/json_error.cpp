#include "http/server/json_error.hpp"

#include <cstdio>

namespace tvbot::http {

std::string json_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          char escaped[7];
          std::snprintf(escaped, sizeof escaped, "\\u%04x", static_cast<unsigned>(c));
          out += escaped;
        } else {
          out += c;
        }
    }
  }
  return out;
}

Response json_error_response(unsigned status, std::string_view code, std::string_view message) {
  Response response;
  response.status = status;
  response.body = "{\"error\":\"" + json_escape(code) + "\",\"message\":\"" +
                  json_escape(message) + "\"}";
  return response;
}

}  // namespace tvbot::http
