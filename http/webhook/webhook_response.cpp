#include "http/webhook/webhook_response.hpp"

#include <utility>

#include "events/codec.hpp"

namespace tvbot::webhook {
namespace {

constexpr std::pair<std::string_view, int> statuses[] = {
    {"malformed_json", 400},         {"malformed_text", 400},
    {"empty_body", 400},             {"too_deep", 400},
    {"too_many_fields", 400},        {"duplicate_field", 400},
    {"invalid_forwarded_for", 400},  {"invalid_peer_address", 400},
    {"missing_credentials", 401},    {"invalid_secret", 401},
    {"invalid_token", 401},          {"missing_signature", 401},
    {"invalid_signature", 401},      {"auth_not_configured", 401},
    {"ip_not_allowed", 403},         {"not_found", 404},
    {"unknown_bot", 404},            {"missing_bot", 404},
    {"method_not_allowed", 405},     {"body_too_large", 413},
    {"unsupported_media_type", 415}, {"missing_action", 422},
    {"unknown_action", 422},         {"missing_symbol", 422},
    {"invalid_number", 422},         {"unresolved_placeholder", 422},
    {"invalid_field", 422},          {"stale_alert", 422},
    {"bot_mismatch", 422},           {"bot_paused", 422},
    {"rate_limited", 429},
};

}  // namespace

int http_status_for(std::string_view code) {
  for (const auto& [known, status] : statuses) {
    if (known == code) return status;
  }
  return 400;
}

std::string format_error_body(std::string_view code, std::string_view message) {
  std::string body = "{\"error\":";
  append_json_string(body, code);
  body += ",\"message\":";
  append_json_string(body, message);
  body += '}';
  return body;
}

}  // namespace tvbot::webhook
