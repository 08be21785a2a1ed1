#include "actors/alert_replies.hpp"

#include "events/codec.hpp"

namespace tvbot::actors {

std::string accepted_body(std::string_view stream, std::uint64_t global_seq,
                          std::uint64_t stream_seq, bool duplicate) {
  std::string body = "{";
  if (duplicate) body += "\"duplicate\":true,";
  body += "\"event_id\":" + std::to_string(global_seq) + ",\"stream\":";
  append_json_string(body, stream);
  body += ",\"stream_seq\":" + std::to_string(stream_seq) + "}";
  return body;
}

std::string error_body(std::string_view code, std::string_view message) {
  std::string body = "{\"error\":";
  append_json_string(body, code);
  body += ",\"message\":";
  append_json_string(body, message);
  body += "}";
  return body;
}

}  // namespace tvbot::actors
