// Failures and their codes: a broker decides from the code whether an order may have
// reached the server, so each code is pinned to the situation that produces it.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>

#include "tests/http/client/client_test_helpers.hpp"

namespace tvbot::http::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;
using Clock = std::chrono::steady_clock;

// A loopback port nobody listens on: bound, then released, so connects are refused.
std::uint16_t closed_port() {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t length = sizeof(address);
  EXPECT_EQ(::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof(address)), 0);
  EXPECT_EQ(::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length), 0);
  ::close(fd);
  return ntohs(address.sin_port);
}

TEST(WebClientFailure, Closed_port_is_connect_failed) {
  for (const char* scheme : {"http://", "https://"}) {
    auto client = WebClient::create(
        scheme + std::string("127.0.0.1:") + std::to_string(closed_port()), test_client_options());
    ASSERT_TRUE(client.ok()) << client.error().message;
    auto response = (*client)->request("GET", "/");
    ASSERT_FALSE(response.ok()) << scheme;
    EXPECT_EQ(response.error().code, "connect_failed") << response.error().message;
    EXPECT_EQ((*client)->connections_opened(), 0u);
  }
}

class SilentServer : public ::testing::TestWithParam<ConnectionBehaviour> {};

// Accepted (or only queued by the kernel) and never answered: the request went out, so
// this must be a "may have been received" code, reached after read_timeout.
TEST_P(SilentServer, Request_never_answered_is_read_timeout_within_bound) {
  auto setup = server_options(false);
  setup.behaviour = GetParam();
  TestWebServer server(setup, [](const TestRequest&) { return json_response(200, "{}"); });
  auto options = test_client_options();
  options.read_timeout = 300ms;
  auto client = client_for(server, options);
  ASSERT_NE(client, nullptr);
  const auto started = Clock::now();
  auto response = client->request("POST", "/order", "qty=1", {}, "text/plain");
  const auto elapsed = Clock::now() - started;
  ASSERT_FALSE(response.ok());
  EXPECT_EQ(response.error().code, "read_timeout") << response.error().message;
  EXPECT_GE(elapsed, 300ms);
  EXPECT_LT(elapsed, 3300ms);
}

INSTANTIATE_TEST_SUITE_P(AcceptedOrQueued, SilentServer,
                         ::testing::Values(ConnectionBehaviour::accept_and_silence,
                                           ConnectionBehaviour::never_accept),
                         [](const auto& info) {
                           return info.param == ConnectionBehaviour::never_accept ? "never_accepted"
                                                                                  : "accepted";
                         });

TEST(WebClientFailure, Slow_answer_within_read_timeout_succeeds) {
  TestWebServer server(server_options(true), [](const TestRequest&) {
    auto response = json_response(200, "late");
    response.delay = 300ms;
    return response;
  });
  auto client = client_for(server);
  ASSERT_NE(client, nullptr);
  auto response = client->request("GET", "/");
  ASSERT_TRUE(response.ok()) << response.error().message;
  EXPECT_EQ(response->body, "late");
}

TEST(WebClientFailure, Answer_after_read_timeout_is_read_timeout_and_connection_dropped) {
  std::atomic<int> served{0};
  TestWebServer server(server_options(true), [&served](const TestRequest&) {
    auto response = json_response(200, "{}");
    if (++served == 1) response.delay = 1000ms;
    return response;
  });
  auto options = test_client_options();
  options.read_timeout = 200ms;
  auto client = client_for(server, options);
  ASSERT_NE(client, nullptr);
  auto late = client->request("GET", "/");
  ASSERT_FALSE(late.ok());
  EXPECT_EQ(late.error().code, "read_timeout");
  // The late answer must never be taken for the next request's: a new connection is used.
  auto next = client->request("GET", "/");
  ASSERT_TRUE(next.ok()) << next.error().message;
  EXPECT_EQ(client->connections_opened(), 2u);
}

class TooLarge : public ::testing::TestWithParam<bool> {};

TEST_P(TooLarge, Response_over_max_body_bytes_is_response_too_large) {
  const bool chunked = GetParam();
  TestWebServer server(server_options(true), [chunked](const TestRequest&) {
    TestResponse response;
    response.body = std::string(100 * 1024, 'x');
    response.chunked = chunked;
    return response;
  });
  auto options = test_client_options();
  options.max_body_bytes = 64 * 1024;
  auto client = client_for(server, options);
  ASSERT_NE(client, nullptr);
  auto response = client->request("GET", "/klines");
  ASSERT_FALSE(response.ok());
  EXPECT_EQ(response.error().code, "response_too_large") << response.error().message;

  options.max_body_bytes = 100 * 1024;  // exactly the body: allowed
  auto roomy = client_for(server, options);
  ASSERT_NE(roomy, nullptr);
  auto fits = roomy->request("GET", "/klines");
  ASSERT_TRUE(fits.ok()) << fits.error().message;
  EXPECT_EQ(fits->body.size(), 100u * 1024);
}

INSTANTIATE_TEST_SUITE_P(LengthAndChunked, TooLarge, ::testing::Bool(), [](const auto& info) {
  return info.param ? "chunked" : "content_length";
});

TEST(WebClientFailure, Connection_closed_without_answer_is_receive_failed) {
  TestWebServer server(server_options(true), [](const TestRequest&) {
    TestResponse response;
    response.close_without_answer = true;
    return response;
  });
  auto client = client_for(server);
  ASSERT_NE(client, nullptr);
  auto response = client->request("POST", "/order", "qty=1", {}, "text/plain");
  ASSERT_FALSE(response.ok());
  EXPECT_EQ(response.error().code, "receive_failed") << response.error().message;
  EXPECT_EQ(server.received_requests().size(), 1u);
}

TEST(WebClientFailure, Error_messages_never_contain_target_headers_or_body) {
  TestWebServer server(server_options(true), [](const TestRequest&) {
    TestResponse response;
    response.close_without_answer = true;
    return response;
  });
  auto options = test_client_options();
  auto client = client_for(server, options, "/botSECRET-TOKEN");
  ASSERT_NE(client, nullptr);
  auto response = client->request("POST", "/order?signature=SECRET-SIG", "apiSecret=SECRET-BODY",
                                  {{"X-MBX-APIKEY", "SECRET-KEY"}}, "text/plain");
  ASSERT_FALSE(response.ok());
  EXPECT_THAT(response.error().message, Not(HasSubstr("SECRET")));

  auto refused = client->request("GET", "/x", {}, {{"X-Key", "SECRET-KEY\r\nInjected: 1"}});
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, "invalid_request");
  EXPECT_THAT(refused.error().message, Not(HasSubstr("SECRET")));
}

TEST(WebClientFailure, Malformed_request_is_refused_before_anything_is_sent) {
  TestWebServer server(server_options(false),
                       [](const TestRequest&) { return json_response(200, "{}"); });
  auto client = client_for(server);
  ASSERT_NE(client, nullptr);
  EXPECT_EQ(client->request("GE T", "/").error().code, "invalid_request");
  EXPECT_EQ(client->request("GET", "/a b").error().code, "invalid_request");
  EXPECT_EQ(client->request("GET", "/a\r\nX: y").error().code, "invalid_request");
  EXPECT_EQ(client->request("GET", "/", {}, {{"Bad Name", "v"}}).error().code, "invalid_request");
  EXPECT_EQ(client->connections_opened(), 0u);
  EXPECT_EQ(server.connections_accepted(), 0u);
}

}  // namespace
}  // namespace tvbot::http::testing
