// A Handler that answers late, twice, or never. Run under ASan: a late Responder call
// must never touch a freed session.
#include <gtest/gtest.h>

#include "http/server/http_client.hpp"
#include "http/server/server.hpp"
#include "tests/http/server/test_support.hpp"

namespace tvbot::http {
namespace {

using namespace test_support;

ServerOptions options_with_handler_timeout(std::chrono::milliseconds timeout) {
  auto options = test_options();
  options.handler_timeout = timeout;
  return options;
}

TEST(ServerHandlerTimeout, Handler_that_never_answers_gets_503_timeout) {
  ResponderBox box;
  auto server = start_server(options_with_handler_timeout(200ms), box.handler());
  ASSERT_TRUE(server);
  HttpClient client("127.0.0.1", server->port());

  auto response = client.post("/webhook/bot", "{}");

  ASSERT_TRUE(response.ok()) << response.error().message;
  EXPECT_EQ(response->status, 503u);
  EXPECT_NE(response->body.find(R"("error":"timeout")"), std::string::npos) << response->body;
  EXPECT_EQ(server->stats().handler_timeouts, 1u);
  EXPECT_EQ(server->stats().responses_by_class[5], 1u);
}

TEST(ServerHandlerTimeout, Late_responder_call_after_the_timeout_is_ignored_and_the_connection_serves_on) {
  ResponderBox box;
  auto server = start_server(options_with_handler_timeout(200ms), box.handler());
  ASSERT_TRUE(server);
  HttpClient client("127.0.0.1", server->port());
  auto timed_out = client.get("/slow");
  ASSERT_TRUE(timed_out.ok());
  ASSERT_EQ(timed_out->status, 503u);

  auto late = box.take();
  ASSERT_TRUE(late);
  late->second(Response{200, "text/plain", "too late", {}});
  ASSERT_TRUE(eventually([&] { return server->stats().late_responses == 1; }));
  std::thread answer_next([&] {
    if (box.wait_for(2)) {
      auto next = box.take();
      next->second(Response{200, "text/plain", "on time", {}});
    }
  });
  auto next = client.get("/next");
  answer_next.join();

  ASSERT_TRUE(next.ok()) << next.error().message;
  EXPECT_EQ(next->body, "on time");  // the stale answer did not leak into this exchange
  EXPECT_EQ(client.connections_opened(), 1u);
}

TEST(ServerHandlerTimeout, Second_responder_call_is_ignored) {
  auto server = start_server(test_options(), [](Request, Responder respond) {
    respond(Response{200, "text/plain", "first", {}});
    respond(Response{500, "text/plain", "second", {}});
  });
  ASSERT_TRUE(server);
  HttpClient client("127.0.0.1", server->port());

  auto response = client.get("/");
  auto following = client.get("/");

  ASSERT_TRUE(response.ok() && following.ok());
  EXPECT_EQ(response->body, "first");
  EXPECT_EQ(following->body, "first");
  // Counted just after the answer went out, so the client may see the answer first.
  EXPECT_TRUE(eventually([&] { return server->stats().late_responses == 2; }));
  EXPECT_EQ(server->stats().responses_by_class[5], 0u);
}

TEST(ServerHandlerTimeout, Responder_called_after_the_client_left_is_harmless) {
  ResponderBox box;
  auto server = start_server(test_options(), box.handler());
  ASSERT_TRUE(server);
  {
    auto connection = RawConnection::open(server->port());
    ASSERT_TRUE(connection);
    ASSERT_TRUE(connection->send("GET / HTTP/1.1\r\nHost: t\r\n\r\n"));
    ASSERT_TRUE(box.wait_for(1));
  }  // the client hangs up while the handler still works

  auto pending = box.take();
  ASSERT_TRUE(pending);
  pending->second(Response{});

  HttpClient client("127.0.0.1", server->port());
  std::thread answer([&] {
    if (box.wait_for(2)) box.take()->second(Response{200, "text/plain", "alive", {}});
  });
  auto response = client.get("/");
  answer.join();
  ASSERT_TRUE(response.ok()) << response.error().message;
  EXPECT_EQ(response->body, "alive");
}

TEST(ServerHandlerTimeout, Responder_called_after_the_server_is_destroyed_is_harmless) {
  ResponderBox box;
  auto server = start_server(options_with_handler_timeout(5s), box.handler());
  ASSERT_TRUE(server);
  auto connection = RawConnection::open(server->port());
  ASSERT_TRUE(connection);
  ASSERT_TRUE(connection->send("GET / HTTP/1.1\r\nHost: t\r\n\r\n"));
  ASSERT_TRUE(box.wait_for(1));
  auto pending = box.take();
  ASSERT_TRUE(pending);

  EXPECT_FALSE(server->shutdown(50ms));  // the request is still unanswered at the deadline
  server.reset();
  pending->second(Response{});  // posts into a stopped io_context: never runs, never crashes
  pending.reset();              // the last owner of that io_context frees it here

  EXPECT_TRUE(connection->read_until_closed().closed_by_server);
}

}  // namespace
}  // namespace tvbot::http
