// Starting a server: options that cannot work are refused as values, not exceptions.
#include <gtest/gtest.h>

#include "http/server/http_client.hpp"
#include "http/server/server.hpp"
#include "tests/http/server/test_support.hpp"

namespace tvbot::http {
namespace {

using namespace test_support;

TEST(ServerOptionsCheck, Zero_threads_is_refused_as_invalid_options) {
  auto options = test_options();
  options.threads = 0;

  auto started = Server::start(options, echo_target_handler());

  ASSERT_FALSE(started.ok());
  EXPECT_EQ(started.error().code, "invalid_options");
}

TEST(ServerOptionsCheck, Non_positive_timeout_is_refused_as_invalid_options) {
  auto options = test_options();
  options.handler_timeout = 0ms;

  auto started = Server::start(options, echo_target_handler());

  ASSERT_FALSE(started.ok());
  EXPECT_EQ(started.error().code, "invalid_options");
}

TEST(ServerOptionsCheck, Bind_address_that_is_not_an_ip_is_refused) {
  auto options = test_options();
  options.bind_address = "not an address";

  auto started = Server::start(options, echo_target_handler());

  ASSERT_FALSE(started.ok());
  EXPECT_EQ(started.error().code, "invalid_options");
}

TEST(ServerOptionsCheck, Missing_handler_is_refused) {
  auto started = Server::start(test_options(), Handler{});

  ASSERT_FALSE(started.ok());
  EXPECT_EQ(started.error().code, "invalid_options");
}

TEST(ServerOptionsCheck, Port_already_taken_by_a_single_thread_server_gives_bind_failed) {
  auto first = start_server(test_options(), echo_target_handler());
  ASSERT_TRUE(first);
  auto options = test_options();
  options.port = first->port();

  auto second = Server::start(options, echo_target_handler());

  ASSERT_FALSE(second.ok());
  EXPECT_EQ(second.error().code, "bind_failed");
  EXPECT_NE(second.error().message.find(std::to_string(first->port())), std::string::npos);
}

TEST(ServerOptionsCheck, Fixed_port_is_used_as_given) {
  auto probe = start_server(test_options(), echo_target_handler());
  ASSERT_TRUE(probe);
  const auto port = probe->port();
  ASSERT_TRUE(probe->shutdown(kTestTimeout));
  probe.reset();
  auto options = test_options();
  options.port = port;  // just released; SO_REUSEADDR lets us bind it again at once

  auto server = start_server(options, echo_target_handler());

  ASSERT_TRUE(server);
  EXPECT_EQ(server->port(), port);
  HttpClient client("127.0.0.1", port);
  auto response = client.get("/");
  ASSERT_TRUE(response.ok()) << response.error().message;
  EXPECT_EQ(response->status, 200u);
}

}  // namespace
}  // namespace tvbot::http
