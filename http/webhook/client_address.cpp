#include "http/webhook/client_address.hpp"

#include <algorithm>
#include <optional>

#include "http/webhook/json_number.hpp"

namespace tvbot::webhook {
namespace {

std::optional<IpAddress> parse_forwarded_entry(std::string_view entry) {
  entry = trim_json_whitespace(entry);
  if (!entry.empty() && entry.front() == '[') {
    const std::size_t close = entry.find(']');
    if (close == std::string_view::npos) return std::nullopt;
    return IpAddress::parse(entry.substr(1, close - 1));  // "[v6]" or "[v6]:port"
  }
  // One ':' is an IPv4 address with a port; more are an IPv6 address.
  if (std::count(entry.begin(), entry.end(), ':') == 1) entry = entry.substr(0, entry.find(':'));
  return IpAddress::parse(entry);
}

}  // namespace

Result<IpAddress> resolve_client_address(std::string_view peer, std::string_view forwarded_for,
                                         const IpAllowlist& trusted_proxies) {
  std::optional<IpAddress> client = IpAddress::parse(peer);
  if (!client) return make_error("invalid_peer_address", "the peer address is not an IP address");
  if (!trusted_proxies.contains(*client)) return *client;

  std::string_view rest = forwarded_for;
  while (!trim_json_whitespace(rest).empty()) {
    const std::size_t comma = rest.rfind(',');
    const std::string_view entry = comma == std::string_view::npos ? rest : rest.substr(comma + 1);
    rest = comma == std::string_view::npos ? std::string_view{} : rest.substr(0, comma);
    if (trim_json_whitespace(entry).empty()) continue;
    std::optional<IpAddress> hop = parse_forwarded_entry(entry);
    if (!hop) return make_error("invalid_forwarded_for", "X-Forwarded-For holds an entry that is not an IP address");
    client = hop;
    if (!trusted_proxies.contains(*client)) return *client;
  }
  return *client;
}

}  // namespace tvbot::webhook
