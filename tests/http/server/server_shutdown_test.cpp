// Graceful shutdown: answer what is in flight, refuse what is new, close what is idle.
#include <future>

#include <gtest/gtest.h>

#include "http/server/http_client.hpp"
#include "http/server/server.hpp"
#include "tests/http/server/test_support.hpp"

namespace tvbot::http {
namespace {

using namespace test_support;

TEST(ServerShutdown, In_flight_request_is_answered_and_new_connections_are_refused) {
  ResponderBox box;
  auto server = start_server(test_options(), box.handler());
  ASSERT_TRUE(server);
  const auto port = server->port();
  auto in_flight = std::async(std::launch::async, [port] {
    HttpClient client("127.0.0.1", port);
    return client.post("/webhook/bot", "{}");
  });
  ASSERT_TRUE(box.wait_for(1));

  auto shutting_down = std::async(std::launch::async, [&] { return server->shutdown(kTestTimeout); });
  ASSERT_TRUE(eventually([&] { return server->stats().draining && !server->stats().accepting; }));
  EXPECT_FALSE(RawConnection::open(port).has_value());  // the listening socket is gone
  box.take()->second(Response{202, "application/json", R"({"event_id":1})", {}});

  auto answered = in_flight.get();
  ASSERT_TRUE(answered.ok()) << answered.error().message;
  EXPECT_EQ(answered->status, 202u);
  EXPECT_EQ(answered->body, R"({"event_id":1})");
  EXPECT_FALSE(answered->keep_alive);  // a draining server closes after the answer
  EXPECT_TRUE(shutting_down.get());
  EXPECT_EQ(server->stats().connections_open, 0u);
}

TEST(ServerShutdown, Idle_keep_alive_connections_are_closed_without_waiting_for_their_timeout) {
  auto options = test_options();
  options.idle_keep_alive_timeout = 60s;
  auto server = start_server(options, echo_target_handler());
  ASSERT_TRUE(server);
  auto connection = RawConnection::open(server->port());
  ASSERT_TRUE(connection);
  ASSERT_TRUE(connection->send("GET / HTTP/1.1\r\nHost: t\r\n\r\n"));
  ASSERT_EQ(status_of(connection->read_response()), 200u);
  const auto started = std::chrono::steady_clock::now();

  EXPECT_TRUE(server->shutdown(kTestTimeout));

  EXPECT_LT(std::chrono::steady_clock::now() - started, 2s);
  EXPECT_TRUE(connection->read_until_closed().closed_by_server);
}

TEST(ServerShutdown, New_connection_that_has_sent_nothing_is_closed_without_waiting_for_its_timeout) {
  auto options = test_options();
  options.header_timeout = 60s;
  auto server = start_server(options, echo_target_handler());
  ASSERT_TRUE(server);
  auto connection = RawConnection::open(server->port());
  ASSERT_TRUE(connection);
  ASSERT_TRUE(eventually([&] { return server->stats().connections_open == 1; }));
  const auto started = std::chrono::steady_clock::now();

  EXPECT_TRUE(server->shutdown(kTestTimeout));

  EXPECT_LT(std::chrono::steady_clock::now() - started, 2s);
  EXPECT_TRUE(connection->read_until_closed().closed_by_server);
}

TEST(ServerShutdown, Request_still_being_read_is_served_to_the_end) {
  auto server = start_server(test_options(), [](Request request, Responder respond) {
    respond(Response{200, "text/plain", request.body, {}});
  });
  ASSERT_TRUE(server);
  auto connection = RawConnection::open(server->port());
  ASSERT_TRUE(connection);
  ASSERT_TRUE(connection->send("POST / HTTP/1.1\r\nHost: t\r\nContent-Length: 10\r\n\r\nhalf "));
  ASSERT_TRUE(eventually([&] { return server->stats().connections_open == 1; }));

  auto shutting_down = std::async(std::launch::async, [&] { return server->shutdown(kTestTimeout); });
  ASSERT_TRUE(eventually([&] { return server->stats().draining; }));
  ASSERT_TRUE(connection->send("done!"));
  const std::string response = connection->read_response();

  EXPECT_EQ(status_of(response), 200u);
  EXPECT_EQ(body_of(response), "half done!");
  EXPECT_EQ(header_of(response, "Connection"), "close");
  EXPECT_TRUE(shutting_down.get());
}

TEST(ServerShutdown, Returns_false_when_a_request_is_still_unanswered_at_the_deadline) {
  ResponderBox box;
  auto options = test_options();
  options.handler_timeout = 10s;
  auto server = start_server(options, box.handler());
  ASSERT_TRUE(server);
  auto connection = RawConnection::open(server->port());
  ASSERT_TRUE(connection);
  ASSERT_TRUE(connection->send("GET / HTTP/1.1\r\nHost: t\r\n\r\n"));
  ASSERT_TRUE(box.wait_for(1));
  const auto started = std::chrono::steady_clock::now();

  EXPECT_FALSE(server->shutdown(200ms));

  EXPECT_LT(std::chrono::steady_clock::now() - started, 2s);
  EXPECT_TRUE(connection->read_until_closed().closed_by_server);  // closed, not left hanging
  EXPECT_FALSE(server->shutdown(kTestTimeout));  // a second call reports the first result
}

TEST(ServerShutdown, Stop_accepting_refuses_new_connections_while_open_ones_are_served) {
  auto server = start_server(test_options(), echo_target_handler());
  ASSERT_TRUE(server);
  HttpClient client("127.0.0.1", server->port());
  ASSERT_TRUE(client.get("/before").ok());

  server->stop_accepting();
  auto after = client.get("/after");

  EXPECT_FALSE(RawConnection::open(server->port()).has_value());
  ASSERT_TRUE(after.ok()) << after.error().message;
  EXPECT_EQ(after->body, R"({"echo":"/after"})");
  EXPECT_EQ(client.connections_opened(), 1u);
}

}  // namespace
}  // namespace tvbot::http
