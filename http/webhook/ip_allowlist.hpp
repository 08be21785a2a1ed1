#pragma once
// IP addresses, CIDR networks and allowlists (IPv4 and IPv6), without sockets.
// IPv4-mapped IPv6 addresses (::ffff:52.89.214.238, what a dual-stack socket reports for an
// IPv4 peer) are treated as the IPv4 address, so one allowlist entry covers both forms.
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "events/result.hpp"

namespace tvbot::webhook {

// The addresses TradingView sends webhook alerts from, as published in TradingView's help
// center article "How to configure webhook alerts" (section on IP allowlisting). Review when
// TradingView announces a change. The allowlist preset "tradingview" expands to these.
inline constexpr std::array<std::string_view, 4> tradingview_webhook_sources{
    "52.89.214.238", "34.212.75.30", "54.218.53.128", "52.32.178.7"};

class IpAddress {
 public:
  // "52.89.214.238", "2001:db8::1", "::ffff:1.2.3.4" (becomes IPv4), "[2001:db8::1]",
  // "fe80::1%eth0" (the zone is dropped). Dotted quads with leading zeros are refused, as
  // their octal reading by some tools makes them ambiguous.
  static std::optional<IpAddress> parse(std::string_view text);

  bool is_v4() const { return v4_; }
  std::string to_string() const;  // canonical: "1.2.3.4", "2001:db8::1"
  bool operator==(const IpAddress&) const = default;

 private:
  friend class IpNetwork;
  std::array<std::uint8_t, 16> bytes_{};  // IPv4 in the first 4 bytes
  bool v4_ = false;
};

class IpNetwork {
 public:
  // "10.0.0.0/8", "2001:db8::/32", or one address (a /32 or /128). Host bits after the
  // prefix are cleared: "10.1.2.3/8" is 10.0.0.0/8.
  static std::optional<IpNetwork> parse(std::string_view text);

  bool contains(const IpAddress& address) const;

 private:
  IpAddress network_;
  int prefix_bits_ = 0;
};

class IpAllowlist {
 public:
  IpAllowlist() = default;

  // Entries are networks, addresses or the preset "tradingview". Error "invalid_allowlist"
  // names the first bad entry.
  static Result<IpAllowlist> parse(const std::vector<std::string>& entries);

  bool empty() const { return networks_.empty(); }
  bool contains(const IpAddress& address) const;
  // An empty allowlist means "no restriction".
  bool allows(const IpAddress& address) const { return empty() || contains(address); }

 private:
  std::vector<IpNetwork> networks_;
};

}  // namespace tvbot::webhook
