#include "app/config/cidr.hpp"

#include <arpa/inet.h>

#include <charconv>
#include <optional>

namespace tvbot::config {
namespace {

struct Address {
  std::array<std::uint8_t, 16> bytes{};
  bool ipv4 = false;
};

std::optional<Address> parse_address(std::string_view text) {
  // inet_pton wants a terminated string; anything longer than an IPv6 text is not an address.
  if (text.empty() || text.size() >= INET6_ADDRSTRLEN) {
    return std::nullopt;
  }
  const std::string terminated(text);
  Address address;
  if (inet_pton(AF_INET, terminated.c_str(), address.bytes.data()) == 1) {
    address.ipv4 = true;
    return address;
  }
  if (inet_pton(AF_INET6, terminated.c_str(), address.bytes.data()) == 1) {
    return address;
  }
  return std::nullopt;
}

bool is_ipv4_mapped(const Address& address) {
  for (int i = 0; i < 10; ++i) {
    if (address.bytes[i] != 0) {
      return false;
    }
  }
  return address.bytes[10] == 0xff && address.bytes[11] == 0xff;
}

// Compares the first `prefix_length` bits.
bool same_prefix(const std::array<std::uint8_t, 16>& a, const std::array<std::uint8_t, 16>& b,
                 int prefix_length) {
  int bits = prefix_length;
  for (std::size_t i = 0; bits > 0; ++i, bits -= 8) {
    const auto mask = static_cast<std::uint8_t>(bits >= 8 ? 0xff : (0xff << (8 - bits)) & 0xff);
    if ((a[i] & mask) != (b[i] & mask)) {
      return false;
    }
  }
  return true;
}

std::string address_text(const std::array<std::uint8_t, 16>& bytes, bool ipv4) {
  char buffer[INET6_ADDRSTRLEN] = {};
  inet_ntop(ipv4 ? AF_INET : AF_INET6, bytes.data(), buffer, sizeof buffer);
  return buffer;
}

}  // namespace

Result<Cidr> Cidr::parse(std::string_view text) {
  const auto slash = text.find('/');
  const auto address = parse_address(text.substr(0, slash));
  if (!address) {
    return make_error("invalid_cidr", "expected an IP address or network such as \"10.0.0.0/8\"");
  }
  const int max_length = address->ipv4 ? 32 : 128;
  int length = max_length;
  if (slash != std::string_view::npos) {
    const auto digits = text.substr(slash + 1);
    const auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), length);
    if (digits.empty() || error != std::errc{} || end != digits.data() + digits.size() ||
        length < 0 || length > max_length) {
      return make_error("invalid_cidr", "prefix length must be 0.." + std::to_string(max_length));
    }
  }
  Cidr cidr;
  cidr.ipv4_ = address->ipv4;
  cidr.prefix_length_ = length;
  for (int bit = 0; bit < max_length; ++bit) {
    if (bit >= length) {
      cidr.network_[bit / 8] &= static_cast<std::uint8_t>(~(0x80 >> (bit % 8)));
    } else {
      cidr.network_[bit / 8] |=
          static_cast<std::uint8_t>(address->bytes[bit / 8] & (0x80 >> (bit % 8)));
    }
  }
  if (cidr.network_ != address->bytes) {
    return make_error("invalid_cidr",
                      "host bits are set; did you mean \"" + cidr.to_string() + "\"?");
  }
  return cidr;
}

bool Cidr::contains(std::string_view text) const {
  auto address = parse_address(text);
  if (!address) {
    return false;
  }
  if (!address->ipv4 && ipv4_ && is_ipv4_mapped(*address)) {
    std::array<std::uint8_t, 16> v4{};
    for (int i = 0; i < 4; ++i) {
      v4[i] = address->bytes[12 + i];
    }
    address->bytes = v4;
    address->ipv4 = true;
  }
  return address->ipv4 == ipv4_ && same_prefix(address->bytes, network_, prefix_length_);
}

std::string Cidr::to_string() const {
  return address_text(network_, ipv4_) + "/" + std::to_string(prefix_length_);
}

bool is_ip_address(std::string_view text) { return parse_address(text).has_value(); }

bool is_loopback_address(std::string_view text) {
  static const Cidr ipv4_loopback = Cidr::parse("127.0.0.0/8").value();
  static const Cidr ipv6_loopback = Cidr::parse("::1/128").value();
  return ipv4_loopback.contains(text) || ipv6_loopback.contains(text);
}

}  // namespace tvbot::config
