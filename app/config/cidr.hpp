#pragma once
// An IPv4 or IPv6 network ("10.0.0.0/8", "2001:db8::/32"; a bare address is a /32 or /128),
// used for trusted proxies and per-bot IP allowlists.
#include <array>
#include <cstdint>
#include <string>
#include <string_view>

#include "events/result.hpp"

namespace tvbot::config {

class Cidr {
 public:
  // Host bits must be zero ("10.0.0.1/8" is refused with the network it probably meant),
  // so a typo cannot silently widen or narrow a list.
  [[nodiscard]] static Result<Cidr> parse(std::string_view text);

  // False for text that is not an IP address. An IPv4-mapped IPv6 address (::ffff:1.2.3.4),
  // as a dual-stack socket reports IPv4 peers, is matched against IPv4 networks.
  [[nodiscard]] bool contains(std::string_view address) const;
  [[nodiscard]] std::string to_string() const;
  [[nodiscard]] bool is_ipv4() const { return ipv4_; }
  [[nodiscard]] int prefix_length() const { return prefix_length_; }

  bool operator==(const Cidr&) const = default;

 private:
  std::array<std::uint8_t, 16> network_{};
  int prefix_length_ = 0;
  bool ipv4_ = false;
};

[[nodiscard]] bool is_ip_address(std::string_view text);
[[nodiscard]] bool is_loopback_address(std::string_view text);

}  // namespace tvbot::config
