// Addresses, CIDR networks (IPv4 and IPv6), allowlists and X-Forwarded-For.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "http/webhook/client_address.hpp"
#include "http/webhook/ip_allowlist.hpp"

namespace tvbot::webhook {
namespace {

IpAddress ip(std::string_view text) {
  std::optional<IpAddress> address = IpAddress::parse(text);
  EXPECT_TRUE(address.has_value()) << text;
  return address.value_or(IpAddress{});
}

IpAllowlist allowlist(std::vector<std::string> entries) {
  Result<IpAllowlist> parsed = IpAllowlist::parse(entries);
  EXPECT_TRUE(parsed) << (parsed ? "" : parsed.error().message);
  return parsed ? *parsed : IpAllowlist{};
}

std::string client(std::string_view peer, std::string_view forwarded_for, const IpAllowlist& trusted) {
  Result<IpAddress> address = resolve_client_address(peer, forwarded_for, trusted);
  return address ? address->to_string() : address.error().code;
}

TEST(IpAddress, Parses_v4_v6_bracketed_zoned_and_v4_mapped_forms) {
  EXPECT_EQ(ip("52.89.214.238").to_string(), "52.89.214.238");
  EXPECT_EQ(ip("2001:DB8:0:0::1").to_string(), "2001:db8::1");
  EXPECT_EQ(ip("[2001:db8::1]").to_string(), "2001:db8::1");
  EXPECT_EQ(ip("fe80::1%eth0").to_string(), "fe80::1");
  EXPECT_TRUE(ip("::ffff:52.89.214.238").is_v4());
  EXPECT_EQ(ip("::ffff:52.89.214.238"), ip("52.89.214.238"));
}

TEST(IpAddress, Refuses_what_is_not_a_plain_address) {
  for (std::string_view bad : {"", "1.2.3", "1.2.3.4.5", "256.1.1.1", "01.2.3.4", "1.2.3.4 ", "localhost",
                               "2001:db8:::1", "1.2.3.4/8"}) {
    EXPECT_FALSE(IpAddress::parse(bad).has_value()) << bad;
  }
}

TEST(IpNetwork, Ipv4_cidr_contains_exactly_its_range) {
  const IpNetwork network = *IpNetwork::parse("10.1.0.0/16");
  EXPECT_TRUE(network.contains(ip("10.1.0.0")));
  EXPECT_TRUE(network.contains(ip("10.1.255.255")));
  EXPECT_FALSE(network.contains(ip("10.2.0.0")));
  EXPECT_FALSE(network.contains(ip("10.0.255.255")));
  // A prefix that is not a multiple of 8: 192.168.1.64/27 is .64 to .95.
  const IpNetwork odd = *IpNetwork::parse("192.168.1.64/27");
  EXPECT_FALSE(odd.contains(ip("192.168.1.63")));
  EXPECT_TRUE(odd.contains(ip("192.168.1.64")));
  EXPECT_TRUE(odd.contains(ip("192.168.1.95")));
  EXPECT_FALSE(odd.contains(ip("192.168.1.96")));
}

TEST(IpNetwork, Ipv6_cidr_contains_exactly_its_range_and_never_ipv4) {
  const IpNetwork network = *IpNetwork::parse("2001:db8:abcd::/45");  // 45 bits: third group 0xabc8..0xabcf
  EXPECT_TRUE(network.contains(ip("2001:db8:abc8::1")));
  EXPECT_TRUE(network.contains(ip("2001:db8:abcf:ffff::")));
  EXPECT_FALSE(network.contains(ip("2001:db8:abd0::")));
  EXPECT_FALSE(network.contains(ip("2001:db8:abc7:ffff::")));
  EXPECT_FALSE(IpNetwork::parse("::/0")->contains(ip("1.2.3.4")));
  EXPECT_TRUE(IpNetwork::parse("::/0")->contains(ip("::1")));
}

TEST(IpNetwork, Host_bits_are_cleared_and_bad_prefixes_refused) {
  EXPECT_TRUE(IpNetwork::parse("10.1.2.3/8")->contains(ip("10.200.0.1")));
  EXPECT_TRUE(IpNetwork::parse("0.0.0.0/0")->contains(ip("203.0.113.9")));
  EXPECT_TRUE(IpNetwork::parse("::ffff:10.0.0.0/104")->contains(ip("10.9.9.9")));
  for (std::string_view bad : {"10.0.0.0/33", "10.0.0.0/", "10.0.0.0/-1", "10.0.0.0/8x", "::/129"}) {
    EXPECT_FALSE(IpNetwork::parse(bad).has_value()) << bad;
  }
}

TEST(IpAllowlist, Tradingview_preset_allows_exactly_the_published_sources) {
  const IpAllowlist list = allowlist({"tradingview"});
  for (std::string_view source : tradingview_webhook_sources) EXPECT_TRUE(list.allows(ip(source))) << source;
  EXPECT_TRUE(list.allows(ip("::ffff:34.212.75.30")));
  EXPECT_FALSE(list.allows(ip("52.89.214.239")));
  EXPECT_FALSE(list.allows(ip("2001:db8::1")));
}

TEST(IpAllowlist, Empty_list_allows_all_and_a_bad_entry_is_named) {
  EXPECT_TRUE(IpAllowlist{}.allows(ip("203.0.113.9")));
  EXPECT_FALSE(IpAllowlist{}.contains(ip("203.0.113.9")));
  Result<IpAllowlist> bad = IpAllowlist::parse({"10.0.0.0/8", "tradingveiw"});
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().code, "invalid_allowlist");
  EXPECT_NE(bad.error().message.find("'tradingveiw'"), std::string::npos);
}

TEST(ClientAddress, Forwarded_for_from_an_untrusted_peer_is_ignored) {
  EXPECT_EQ(client("203.0.113.9", "52.89.214.238", IpAllowlist{}), "203.0.113.9");
  EXPECT_EQ(client("203.0.113.9", "52.89.214.238", allowlist({"10.0.0.0/8"})), "203.0.113.9");
}

TEST(ClientAddress, Behind_trusted_proxies_the_right_most_untrusted_entry_is_the_client) {
  const IpAllowlist trusted = allowlist({"10.0.0.0/8", "fd00::/8"});
  // The client claimed 6.6.6.6; our proxies appended the real peer and themselves.
  EXPECT_EQ(client("10.0.0.2", "6.6.6.6, 52.89.214.238, 10.0.0.7", trusted), "52.89.214.238");
  EXPECT_EQ(client("fd00::2", "52.89.214.238:43122", trusted), "52.89.214.238");
  EXPECT_EQ(client("10.0.0.2", "[2001:db8::7]:443,fd00::9", trusted), "2001:db8::7");
  EXPECT_EQ(client("10.0.0.2", "", trusted), "10.0.0.2");           // no header: the proxy itself
  EXPECT_EQ(client("10.0.0.2", "10.0.0.9, 10.0.0.8", trusted), "10.0.0.9");  // all trusted: left-most
}

TEST(ClientAddress, Garbage_where_an_address_must_be_read_is_refused) {
  const IpAllowlist trusted = allowlist({"10.0.0.0/8"});
  EXPECT_EQ(client("10.0.0.2", "52.89.214.238, not-an-ip", trusted), "invalid_forwarded_for");
  // Garbage left of the client is never read, so it does not matter.
  EXPECT_EQ(client("10.0.0.2", "not-an-ip, 52.89.214.238", trusted), "52.89.214.238");
  EXPECT_EQ(client("nonsense", "", trusted), "invalid_peer_address");
}

}  // namespace
}  // namespace tvbot::webhook
