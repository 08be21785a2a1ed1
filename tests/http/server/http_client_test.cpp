// The blocking test client: its timeout, its errors, its connection reuse.
#include <gtest/gtest.h>

#include "http/server/http_client.hpp"
#include "http/server/server.hpp"
#include "tests/http/server/test_support.hpp"

namespace tvbot::http {
namespace {

using namespace test_support;

TEST(HttpClient, Request_times_out_when_the_server_does_not_answer_in_time) {
  ResponderBox box;
  auto options = test_options();
  options.handler_timeout = 10s;
  auto server = start_server(options, box.handler());
  ASSERT_TRUE(server);
  ClientOptions client_options;
  client_options.timeout = 200ms;
  HttpClient client("127.0.0.1", server->port(), client_options);
  const auto started = std::chrono::steady_clock::now();

  auto response = client.get("/never");

  ASSERT_FALSE(response.ok());
  EXPECT_EQ(response.error().code, "timeout");
  EXPECT_LT(std::chrono::steady_clock::now() - started, 2s);
  EXPECT_FALSE(client.connected());
}

TEST(HttpClient, Connecting_where_nothing_listens_gives_connect_failed) {
  auto server = start_server(test_options(), echo_target_handler());
  ASSERT_TRUE(server);
  const auto port = server->port();
  server.reset();  // the port is closed now
  HttpClient client("127.0.0.1", port);

  auto response = client.get("/");

  ASSERT_FALSE(response.ok());
  EXPECT_EQ(response.error().code, "connect_failed");
}

TEST(HttpClient, Next_request_after_a_connection_close_answer_opens_a_new_connection) {
  auto server = start_server(test_options(), echo_target_handler());
  ASSERT_TRUE(server);
  HttpClient client("127.0.0.1", server->port());

  auto closing = client.get("/", {{"Connection", "close"}});
  ASSERT_TRUE(closing.ok()) << closing.error().message;
  EXPECT_FALSE(client.connected());
  auto next = client.get("/again");

  ASSERT_TRUE(next.ok()) << next.error().message;
  EXPECT_EQ(next->body, R"({"echo":"/again"})");
  EXPECT_EQ(client.connections_opened(), 2u);
}

}  // namespace
}  // namespace tvbot::http
