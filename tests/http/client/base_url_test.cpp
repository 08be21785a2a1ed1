#include <gtest/gtest.h>

#include "http/client/web_client.hpp"

namespace tvbot::http {
namespace {

TEST(ParseBaseUrl, Https_without_port_defaults_to_443_and_empty_path) {
  auto url = parse_base_url("https://api.binance.com");
  ASSERT_TRUE(url.ok()) << url.error().message;
  EXPECT_TRUE(url->tls);
  EXPECT_EQ(url->host, "api.binance.com");
  EXPECT_EQ(url->port, 443);
  EXPECT_EQ(url->base_path, "");
}

TEST(ParseBaseUrl, Http_with_port_and_path_keeps_path_without_trailing_slash) {
  auto url = parse_base_url("http://127.0.0.1:18080/api/v3/");
  ASSERT_TRUE(url.ok()) << url.error().message;
  EXPECT_FALSE(url->tls);
  EXPECT_EQ(url->host, "127.0.0.1");
  EXPECT_EQ(url->port, 18080);
  EXPECT_EQ(url->base_path, "/api/v3");
}

TEST(ParseBaseUrl, Plain_http_defaults_to_port_80_and_root_path_becomes_empty) {
  auto url = parse_base_url("HTTP://localhost/");
  ASSERT_TRUE(url.ok()) << url.error().message;
  EXPECT_FALSE(url->tls);
  EXPECT_EQ(url->port, 80);
  EXPECT_EQ(url->base_path, "");
}

TEST(ParseBaseUrl, Bracketed_ipv6_literal_loses_its_brackets) {
  auto url = parse_base_url("https://[::1]:8443");
  ASSERT_TRUE(url.ok()) << url.error().message;
  EXPECT_EQ(url->host, "::1");
  EXPECT_EQ(url->port, 8443);
}

TEST(ParseBaseUrl, Path_with_a_token_is_kept_verbatim) {
  auto url = parse_base_url("https://api.telegram.org/bot123:AAH-secret_x");
  ASSERT_TRUE(url.ok()) << url.error().message;
  EXPECT_EQ(url->base_path, "/bot123:AAH-secret_x");
}

TEST(ParseBaseUrl, Invalid_urls_are_rejected_without_echoing_them) {
  const char* invalid[] = {
      "",
      "api.binance.com",    // no scheme
      "ftp://example.com",  // unsupported scheme
      "https://",           // no host
      "https://:443",       // no host
      "https://host:0",     // port out of range
      "https://host:65536",
      "https://host:",  // empty port
      "https://host:12ab",
      "https://host/path?query=1",    // query
      "https://host/path#fragment",   // fragment
      "https://user:pw-secret@host",  // user information
      "https://ho st",                // space in host
      "https://host/pa th",           // space in path
      "https://[::1",                 // unterminated IPv6
      "https://[::1]x",
  };
  for (const char* text : invalid) {
    auto url = parse_base_url(text);
    ASSERT_FALSE(url.ok()) << "accepted: " << text;
    EXPECT_EQ(url.error().code, "invalid_url") << text;
    EXPECT_EQ(url.error().message.find("secret"), std::string::npos) << url.error().message;
  }
}

TEST(WebClientCreate, Invalid_url_fails_creation_with_invalid_url) {
  auto client = WebClient::create("gopher://example.com");
  ASSERT_FALSE(client.ok());
  EXPECT_EQ(client.error().code, "invalid_url");
}

}  // namespace
}  // namespace tvbot::http
