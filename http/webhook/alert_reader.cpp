#include "http/webhook/alert_reader.hpp"

#include <string>

#include "http/webhook/json_number.hpp"

namespace tvbot::webhook {
namespace {

bool equals_ignoring_case(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    auto lower = [](char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; };
    if (lower(a[i]) != lower(b[i])) return false;
  }
  return true;
}

}  // namespace

std::optional<MediaType> classify_content_type(std::string_view content_type) {
  const std::string_view media_type =
      trim_json_whitespace(content_type.substr(0, content_type.find(';')));
  if (media_type.empty() || equals_ignoring_case(media_type, "text/plain")) return MediaType::text;
  if (equals_ignoring_case(media_type, "application/json")) return MediaType::json;
  return std::nullopt;
}

Result<AlertFields> read_alert_fields(std::string_view body, std::string_view content_type,
                                      const AlertLimits& limits) {
  const std::optional<MediaType> media_type = classify_content_type(content_type);
  if (!media_type) {
    return make_error("unsupported_media_type",
                      "content type must be application/json or text/plain");
  }
  const std::string_view trimmed = trim_json_whitespace(body);
  // A text/plain body that opens like JSON was meant as JSON: reading it as the text form
  // would only report a confusing "unknown action '{'".
  if (*media_type == MediaType::json || (!trimmed.empty() && trimmed.front() == '{')) {
    return read_json_alert_fields(body, limits);
  }
  return read_text_alert_fields(body, limits);
}

}  // namespace tvbot::webhook
