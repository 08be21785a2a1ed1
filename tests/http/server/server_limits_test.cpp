// Limits and expiries: what a hostile or broken client gets.
#include <gtest/gtest.h>

#include "http/server/http_client.hpp"
#include "http/server/server.hpp"
#include "tests/http/server/test_support.hpp"

namespace tvbot::http {
namespace {

using namespace test_support;

TEST(ServerLimits, Body_over_the_limit_is_answered_413_json_and_closed) {
  auto options = test_options();
  options.max_body_bytes = 1024;
  auto server = start_server(options, echo_target_handler());
  ASSERT_TRUE(server);
  HttpClient client("127.0.0.1", server->port());

  auto response = client.post("/webhook/bot", std::string(4096, 'x'));

  ASSERT_TRUE(response.ok()) << response.error().message;
  EXPECT_EQ(response->status, 413u);
  EXPECT_EQ(response->header("content-type").value_or(""), "application/json");
  EXPECT_NE(response->body.find(R"("error":"body_too_large")"), std::string::npos) << response->body;
  EXPECT_NE(response->body.find(R"("message":")"), std::string::npos);
  EXPECT_FALSE(response->keep_alive);
  EXPECT_EQ(server->stats().requests, 0u);  // the handler never saw it
}

TEST(ServerLimits, Chunked_body_growing_over_the_limit_is_answered_413) {
  auto options = test_options();
  options.max_body_bytes = 16;
  auto server = start_server(options, echo_target_handler());
  ASSERT_TRUE(server);
  auto connection = RawConnection::open(server->port());
  ASSERT_TRUE(connection);

  ASSERT_TRUE(connection->send("POST /w HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n"
                               "10\r\n0123456789abcdef\r\n10\r\n0123456789abcdef\r\n0\r\n\r\n"));
  const auto received = connection->read_until_closed();

  EXPECT_EQ(status_of(received.bytes), 413u) << received.bytes;
  EXPECT_TRUE(received.closed_by_server);
}

TEST(ServerLimits, Headers_over_the_limit_are_answered_431_and_closed) {
  auto options = test_options();
  options.max_header_bytes = 1024;
  auto server = start_server(options, echo_target_handler());
  ASSERT_TRUE(server);
  HttpClient client("127.0.0.1", server->port());

  auto response = client.get("/", {{"X-Padding", std::string(2048, 'p')}});

  ASSERT_TRUE(response.ok()) << response.error().message;
  EXPECT_EQ(response->status, 431u);
  EXPECT_NE(response->body.find(R"("error":"headers_too_large")"), std::string::npos);
  EXPECT_FALSE(response->keep_alive);
}

TEST(ServerLimits, Malformed_request_is_answered_400_json_and_closed) {
  auto server = start_server(test_options(), echo_target_handler());
  ASSERT_TRUE(server);
  auto connection = RawConnection::open(server->port());
  ASSERT_TRUE(connection);

  ASSERT_TRUE(connection->send("GARBAGE\x01 / HTTP/9\r\n\r\n"));
  const auto received = connection->read_until_closed();

  EXPECT_EQ(status_of(received.bytes), 400u) << received.bytes;
  EXPECT_NE(body_of(received.bytes).find(R"("error":"malformed_request")"), std::string::npos);
  EXPECT_EQ(header_of(received.bytes, "X-Request-Id").size(), 16u);
  EXPECT_TRUE(received.closed_by_server);
  EXPECT_EQ(server->stats().malformed_requests, 1u);
}

TEST(ServerLimits, Conflicting_content_lengths_are_answered_400) {
  auto server = start_server(test_options(), echo_target_handler());
  ASSERT_TRUE(server);
  auto connection = RawConnection::open(server->port());
  ASSERT_TRUE(connection);

  ASSERT_TRUE(connection->send("POST / HTTP/1.1\r\nHost: t\r\nContent-Length: 3\r\n"
                               "Content-Length: 4\r\n\r\nabcd"));
  const auto received = connection->read_until_closed();

  EXPECT_EQ(status_of(received.bytes), 400u) << received.bytes;
}

TEST(ServerLimits, Slow_client_with_half_the_headers_is_closed_after_the_header_timeout) {
  auto options = test_options();
  options.header_timeout = 300ms;
  auto server = start_server(options, echo_target_handler());
  ASSERT_TRUE(server);
  auto connection = RawConnection::open(server->port());
  ASSERT_TRUE(connection);
  const auto started = std::chrono::steady_clock::now();

  ASSERT_TRUE(connection->send("POST /webhook/bot HTTP/1.1\r\nHost: t\r\nContent-"));
  const auto received = connection->read_until_closed();

  EXPECT_TRUE(received.closed_by_server);
  EXPECT_TRUE(received.bytes.empty()) << received.bytes;
  EXPECT_GE(std::chrono::steady_clock::now() - started, 300ms);
  EXPECT_TRUE(eventually([&] { return server->stats().header_timeouts == 1; }));
}

TEST(ServerLimits, Client_trickling_header_bytes_is_still_cut_off_at_the_header_timeout) {
  auto options = test_options();
  options.header_timeout = 300ms;
  auto server = start_server(options, echo_target_handler());
  ASSERT_TRUE(server);
  auto connection = RawConnection::open(server->port());
  ASSERT_TRUE(connection);
  const auto started = std::chrono::steady_clock::now();

  // One byte every 50 ms: each read makes progress, but the whole header must be done
  // within header_timeout, so the server closes well before 40 bytes are through.
  bool closed = false;
  for (int i = 0; i < 40 && !closed; ++i) {
    closed = !connection->send("X") || connection->read_until_closed(50ms).closed_by_server;
  }

  EXPECT_TRUE(closed);
  EXPECT_LT(std::chrono::steady_clock::now() - started, 1900ms);
}

TEST(ServerLimits, Slow_body_is_closed_after_the_body_timeout) {
  auto options = test_options();
  options.body_timeout = 300ms;
  auto server = start_server(options, echo_target_handler());
  ASSERT_TRUE(server);
  auto connection = RawConnection::open(server->port());
  ASSERT_TRUE(connection);

  ASSERT_TRUE(connection->send("POST /w HTTP/1.1\r\nHost: t\r\nContent-Length: 100\r\n\r\nonly part"));
  const auto received = connection->read_until_closed();

  EXPECT_TRUE(received.closed_by_server);
  EXPECT_TRUE(eventually([&] { return server->stats().body_timeouts == 1; }));
}

TEST(ServerLimits, Idle_keep_alive_connection_is_closed_after_the_idle_timeout) {
  auto options = test_options();
  options.idle_keep_alive_timeout = 300ms;
  auto server = start_server(options, echo_target_handler());
  ASSERT_TRUE(server);
  auto connection = RawConnection::open(server->port());
  ASSERT_TRUE(connection);

  ASSERT_TRUE(connection->send("GET / HTTP/1.1\r\nHost: t\r\n\r\n"));
  EXPECT_EQ(status_of(connection->read_response()), 200u);
  const auto received = connection->read_until_closed();

  EXPECT_TRUE(received.closed_by_server);
  EXPECT_TRUE(eventually([&] { return server->stats().connections_open == 0; }));
}

TEST(ServerLimits, Connections_over_the_cap_get_503_too_many_connections) {
  auto options = test_options();
  options.max_connections = 2;
  auto server = start_server(options, echo_target_handler());
  ASSERT_TRUE(server);
  HttpClient first("127.0.0.1", server->port());
  HttpClient second("127.0.0.1", server->port());
  HttpClient third("127.0.0.1", server->port());
  // A full answer on each proves the server has accepted and counted both connections.
  ASSERT_TRUE(first.get("/").ok());
  ASSERT_TRUE(second.get("/").ok());

  auto rejected = third.get("/");

  ASSERT_TRUE(rejected.ok()) << rejected.error().message;
  EXPECT_EQ(rejected->status, 503u);
  EXPECT_NE(rejected->body.find(R"("error":"too_many_connections")"), std::string::npos);
  EXPECT_FALSE(rejected->keep_alive);
  EXPECT_EQ(server->stats().connections_rejected, 1u);
  EXPECT_EQ(server->stats().connections_open, 2u);
}

TEST(ServerLimits, A_freed_connection_slot_is_given_to_the_next_client) {
  auto options = test_options();
  options.max_connections = 1;
  auto server = start_server(options, echo_target_handler());
  ASSERT_TRUE(server);
  HttpClient first("127.0.0.1", server->port());
  ASSERT_TRUE(first.get("/").ok());

  first.disconnect();
  ASSERT_TRUE(eventually([&] { return server->stats().connections_open == 0; }));
  HttpClient second("127.0.0.1", server->port());
  auto response = second.get("/");

  ASSERT_TRUE(response.ok()) << response.error().message;
  EXPECT_EQ(response->status, 200u);
}

}  // namespace
}  // namespace tvbot::http
