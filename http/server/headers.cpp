#include "http/server/ascii.hpp"
#include "http/server/server.hpp"

namespace tvbot::http {

std::optional<std::string_view> find_header(const HeaderList& headers, std::string_view name) {
  for (const auto& [key, value] : headers) {
    if (equals_ignoring_ascii_case(key, name)) return std::string_view{value};
  }
  return std::nullopt;
}

std::string joined_header_values(const HeaderList& headers, std::string_view name) {
  std::string joined;
  for (const auto& [key, value] : headers) {
    if (!equals_ignoring_ascii_case(key, name)) continue;
    if (!joined.empty()) joined += ',';
    joined += value;
  }
  return joined;
}

}  // namespace tvbot::http
