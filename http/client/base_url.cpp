// parse_base_url: the only place a base URL is taken apart. Error messages never repeat
// the URL itself, because some base URLs carry a credential in their path (Telegram's
// "https://api.telegram.org/bot<token>").
#include <charconv>
#include <string>
#include <string_view>

#include "http/client/web_client.hpp"
#include "http/server/ascii.hpp"

namespace tvbot::http {
namespace {

Error invalid_url(std::string_view why) {
  return make_error("invalid_url", "invalid base URL: " + std::string(why));
}

bool is_host_name_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
         c == '.' || c == '_';
}

bool is_ipv6_literal_char(char c) {
  return (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F') || (c >= '0' && c <= '9') || c == ':' ||
         c == '.';
}

// Path characters allowed unescaped (RFC 3986 pchar plus '/'), and '%' for escapes.
bool is_path_char(char c) {
  if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) return true;
  return std::string_view("-._~!$&'()*+,;=:@/%").find(c) != std::string_view::npos;
}

Result<std::uint16_t> parse_port(std::string_view text) {
  if (text.empty() || text.size() > 5) return invalid_url("bad port");
  unsigned value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc{} || end != text.data() + text.size() || value == 0 || value > 65535) {
    return invalid_url("bad port");
  }
  return static_cast<std::uint16_t>(value);
}

}  // namespace

Result<BaseUrl> parse_base_url(std::string_view url) {
  BaseUrl parsed;
  const auto scheme_end = url.find("://");
  if (scheme_end == std::string_view::npos) return invalid_url("no scheme");
  const auto scheme = url.substr(0, scheme_end);
  if (equals_ignoring_ascii_case(scheme, "https")) {
    parsed.tls = true;
    parsed.port = 443;
  } else if (equals_ignoring_ascii_case(scheme, "http")) {
    parsed.tls = false;
    parsed.port = 80;
  } else {
    return invalid_url("scheme is neither http nor https");
  }
  if (url.find_first_of("?#") != std::string_view::npos) {
    return invalid_url("a base URL has no query or fragment");
  }

  const auto rest = url.substr(scheme_end + 3);
  const auto path_start = rest.find('/');
  const auto authority = rest.substr(0, path_start);
  if (authority.find('@') != std::string_view::npos) {
    return invalid_url("user information in a URL is not supported");
  }

  std::string_view host;
  std::string_view port_text;
  bool has_port = false;
  if (!authority.empty() && authority.front() == '[') {
    const auto close = authority.find(']');
    if (close == std::string_view::npos) return invalid_url("unterminated IPv6 address");
    host = authority.substr(1, close - 1);
    const auto after = authority.substr(close + 1);
    if (!after.empty()) {
      if (after.front() != ':') return invalid_url("unexpected text after IPv6 address");
      port_text = after.substr(1);
      has_port = true;
    }
    for (char c : host) {
      if (!is_ipv6_literal_char(c)) return invalid_url("bad IPv6 address");
    }
  } else {
    const auto colon = authority.find(':');
    host = authority.substr(0, colon);
    if (colon != std::string_view::npos) {
      port_text = authority.substr(colon + 1);
      has_port = true;
    }
    for (char c : host) {
      if (!is_host_name_char(c)) return invalid_url("bad character in host");
    }
  }
  if (host.empty()) return invalid_url("no host");
  if (has_port) {
    auto port = parse_port(port_text);
    if (!port) return port.error();
    parsed.port = *port;
  }
  parsed.host = std::string(host);

  if (path_start != std::string_view::npos) {
    auto path = rest.substr(path_start);
    for (char c : path) {
      if (!is_path_char(c)) return invalid_url("bad character in path");
    }
    while (!path.empty() && path.back() == '/') path.remove_suffix(1);
    parsed.base_path = std::string(path);
  }
  return parsed;
}

}  // namespace tvbot::http
