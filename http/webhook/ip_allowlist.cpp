#include "http/webhook/ip_allowlist.hpp"

#include <arpa/inet.h>

#include <algorithm>
#include <charconv>

namespace tvbot::webhook {
namespace {

// Longer than any textual IPv6 address with a zone; longer input is not an address.
constexpr std::size_t max_address_text = 64;
constexpr std::array<std::uint8_t, 12> v4_mapped_prefix{0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};

}  // namespace

std::optional<IpAddress> IpAddress::parse(std::string_view text) {
  if (text.size() >= 2 && text.front() == '[' && text.back() == ']') text = text.substr(1, text.size() - 2);
  if (const std::size_t zone = text.find('%'); zone != std::string_view::npos && text.find(':') != std::string_view::npos) {
    text = text.substr(0, zone);
  }
  if (text.empty() || text.size() >= max_address_text) return std::nullopt;
  std::array<char, max_address_text> terminated{};
  std::copy(text.begin(), text.end(), terminated.begin());

  IpAddress address;
  if (text.find(':') == std::string_view::npos) {
    // glibc's inet_pton takes exactly four decimal parts and refuses leading zeros.
    if (inet_pton(AF_INET, terminated.data(), address.bytes_.data()) != 1) return std::nullopt;
    address.v4_ = true;
    return address;
  }
  if (inet_pton(AF_INET6, terminated.data(), address.bytes_.data()) != 1) return std::nullopt;
  if (std::equal(v4_mapped_prefix.begin(), v4_mapped_prefix.end(), address.bytes_.begin())) {
    std::copy(address.bytes_.begin() + 12, address.bytes_.end(), address.bytes_.begin());
    std::fill(address.bytes_.begin() + 4, address.bytes_.end(), std::uint8_t{0});
    address.v4_ = true;
  }
  return address;
}

std::string IpAddress::to_string() const {
  std::array<char, INET6_ADDRSTRLEN> text{};
  if (inet_ntop(v4_ ? AF_INET : AF_INET6, bytes_.data(), text.data(), text.size()) == nullptr) return {};
  return std::string(text.data());
}

std::optional<IpNetwork> IpNetwork::parse(std::string_view text) {
  const std::size_t slash = text.find('/');
  const std::string_view address_text = text.substr(0, slash);
  std::optional<IpAddress> address = IpAddress::parse(address_text);
  if (!address) return std::nullopt;
  const int max_bits = address->is_v4() ? 32 : 128;
  int prefix = max_bits;
  if (slash != std::string_view::npos) {
    const std::string_view digits = text.substr(slash + 1);
    const auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), prefix);
    if (error != std::errc() || end != digits.data() + digits.size() || digits.empty()) return std::nullopt;
    // "::ffff:10.0.0.0/104" was written against 128 bits but now names an IPv4 network.
    if (address->is_v4() && address_text.find(':') != std::string_view::npos) prefix -= 96;
    if (prefix < 0 || prefix > max_bits) return std::nullopt;
  }
  IpNetwork network;
  network.prefix_bits_ = prefix;
  network.network_ = *address;
  for (int bit = prefix; bit < max_bits; ++bit) {
    network.network_.bytes_[static_cast<std::size_t>(bit / 8)] &= static_cast<std::uint8_t>(~(0x80u >> (bit % 8)));
  }
  return network;
}

bool IpNetwork::contains(const IpAddress& address) const {
  if (address.v4_ != network_.v4_) return false;
  const auto full_bytes = static_cast<std::size_t>(prefix_bits_ / 8);
  if (!std::equal(network_.bytes_.begin(), network_.bytes_.begin() + static_cast<std::ptrdiff_t>(full_bytes),
                  address.bytes_.begin())) {
    return false;
  }
  const int rest = prefix_bits_ % 8;
  if (rest == 0) return true;
  const auto mask = static_cast<std::uint8_t>(0xFFu << (8 - rest));
  return (address.bytes_[full_bytes] & mask) == network_.bytes_[full_bytes];
}

Result<IpAllowlist> IpAllowlist::parse(const std::vector<std::string>& entries) {
  IpAllowlist allowlist;
  for (const std::string& entry : entries) {
    if (entry == "tradingview") {
      for (std::string_view source : tradingview_webhook_sources) {
        allowlist.networks_.push_back(*IpNetwork::parse(source));
      }
      continue;
    }
    std::optional<IpNetwork> network = IpNetwork::parse(entry);
    if (!network) {
      return make_error("invalid_allowlist", "'" + entry + "' is not an IP address, a network like "
                                                           "10.0.0.0/8 or the preset 'tradingview'");
    }
    allowlist.networks_.push_back(*network);
  }
  return allowlist;
}

bool IpAllowlist::contains(const IpAddress& address) const {
  return std::any_of(networks_.begin(), networks_.end(),
                     [&](const IpNetwork& network) { return network.contains(address); });
}

}  // namespace tvbot::webhook
