// Certificate verification: what is refused, with which error, and that nothing was sent.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <chrono>

#include "tests/http/client/client_test_helpers.hpp"

namespace tvbot::http::testing {
namespace {

using test_support::CertificateKind;
using ::testing::HasSubstr;

TestWebServer::Options tls_server(CertificateKind certificate) {
  auto options = server_options(true);
  options.certificate = certificate;
  return options;
}

TestResponse answer_ok(const TestRequest&) { return json_response(200, "{}"); }

TEST(WebClientTls, Self_signed_certificate_without_ca_file_is_tls_failed) {
  TestWebServer server(tls_server(CertificateKind::valid), answer_ok);
  auto client = WebClient::create(server.base_url(), test_client_options());
  ASSERT_TRUE(client.ok()) << client.error().message;
  auto response = (*client)->request("GET", "/");
  ASSERT_FALSE(response.ok());
  EXPECT_EQ(response.error().code, "tls_failed");
  EXPECT_THAT(response.error().message, HasSubstr("certificate verification failed"));
  EXPECT_THAT(response.error().message, HasSubstr("self-signed"));
  EXPECT_TRUE(server.received_requests().empty());
}

TEST(WebClientTls, Certificate_for_another_host_is_tls_failed) {
  TestWebServer server(tls_server(CertificateKind::wrong_host), answer_ok);
  auto client = client_for(server);
  ASSERT_NE(client, nullptr);
  auto response = client->request("GET", "/");
  ASSERT_FALSE(response.ok());
  EXPECT_EQ(response.error().code, "tls_failed");
  EXPECT_THAT(response.error().message, HasSubstr("IP address mismatch"));
  EXPECT_TRUE(server.received_requests().empty());
}

TEST(WebClientTls, Certificate_for_another_host_name_is_tls_failed) {
  TestWebServer server(tls_server(CertificateKind::wrong_host), answer_ok);
  auto options = test_client_options();
  options.ca_file = server.ca_file();
  auto client = WebClient::create(server.base_url("localhost"), options);
  ASSERT_TRUE(client.ok()) << client.error().message;
  auto response = (*client)->request("GET", "/");
  ASSERT_FALSE(response.ok());
  EXPECT_EQ(response.error().code, "tls_failed");
  EXPECT_THAT(response.error().message, HasSubstr("hostname mismatch"));
}

TEST(WebClientTls, Expired_certificate_is_tls_failed) {
  TestWebServer server(tls_server(CertificateKind::expired), answer_ok);
  auto client = client_for(server);
  ASSERT_NE(client, nullptr);
  auto response = client->request("GET", "/");
  ASSERT_FALSE(response.ok());
  EXPECT_EQ(response.error().code, "tls_failed");
  EXPECT_THAT(response.error().message, HasSubstr("expired"));
  EXPECT_TRUE(server.received_requests().empty());
}

TEST(WebClientTls, Disabled_verification_accepts_an_untrusted_expired_certificate) {
  TestWebServer server(tls_server(CertificateKind::expired), answer_ok);
  auto options = test_client_options();
  options.verify_peer = false;
  auto client = WebClient::create(server.base_url(), options);
  ASSERT_TRUE(client.ok()) << client.error().message;
  auto response = (*client)->request("GET", "/");
  ASSERT_TRUE(response.ok()) << response.error().message;
  EXPECT_EQ(response->status, 200u);
}

TEST(WebClientTls, Unreadable_or_non_pem_ca_file_fails_creation_with_tls_setup_failed) {
  auto options = test_client_options();
  options.ca_file = "/nonexistent/ca.pem";
  auto missing = WebClient::create("https://127.0.0.1:1", options);
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().code, "tls_setup_failed");

  test_support::TemporaryFile not_pem("this is not a certificate\n");
  options.ca_file = not_pem.path();
  auto garbage = WebClient::create("https://127.0.0.1:1", options);
  ASSERT_FALSE(garbage.ok());
  EXPECT_EQ(garbage.error().code, "tls_setup_failed");
}

// A peer that accepts TCP but never answers the ClientHello: the handshake is part of
// connecting, so this is "connect_timeout" (not sent), after connect_timeout.
TEST(WebClientTls, Handshake_that_never_completes_is_connect_timeout) {
  auto server_setup = tls_server(CertificateKind::valid);
  server_setup.behaviour = ConnectionBehaviour::accept_and_silence;
  TestWebServer server(server_setup, answer_ok);
  auto options = test_client_options();
  options.connect_timeout = 300ms;
  auto client = client_for(server, options);
  ASSERT_NE(client, nullptr);
  const auto started = std::chrono::steady_clock::now();
  auto response = client->request("POST", "/order", "qty=1");
  const auto elapsed = std::chrono::steady_clock::now() - started;
  ASSERT_FALSE(response.ok());
  EXPECT_EQ(response.error().code, "connect_timeout");
  EXPECT_THAT(response.error().message, HasSubstr("TLS handshake"));
  EXPECT_GE(elapsed, 300ms);
  EXPECT_LT(elapsed, 3300ms);
}

TEST(WebClientTls, Plain_http_server_behind_an_https_url_is_tls_failed) {
  TestWebServer server(server_options(false), answer_ok);
  auto client = WebClient::create("https://127.0.0.1:" + std::to_string(server.port()),
                                  test_client_options());
  ASSERT_TRUE(client.ok()) << client.error().message;
  auto response = (*client)->request("GET", "/");
  ASSERT_FALSE(response.ok());
  EXPECT_EQ(response.error().code, "tls_failed");
  EXPECT_TRUE(server.received_requests().empty());
}

}  // namespace
}  // namespace tvbot::http::testing
