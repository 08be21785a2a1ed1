// Requests through a real loopback socket to a Handler and back.
#include <mutex>
#include <stdexcept>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "http/server/http_client.hpp"
#include "http/server/server.hpp"
#include "tests/http/server/test_support.hpp"

namespace tvbot::http {
namespace {

using namespace test_support;

TEST(ServerRoundTrip, Get_request_reaches_the_handler_and_its_response_comes_back) {
  auto server = start_server(test_options(), echo_target_handler());
  ASSERT_TRUE(server);
  HttpClient client("127.0.0.1", server->port());

  auto response = client.get("/health?verbose=1");

  ASSERT_TRUE(response.ok()) << response.error().message;
  EXPECT_EQ(response->status, 200u);
  EXPECT_EQ(response->body, R"({"echo":"/health?verbose=1"})");
  EXPECT_EQ(response->header("content-type").value_or(""), "application/json");
}

TEST(ServerRoundTrip, Post_body_headers_and_peer_reach_the_handler_unchanged) {
  std::mutex seen_mutex;
  std::optional<Request> seen;
  auto server = start_server(test_options(), [&](Request request, Responder respond) {
    {
      std::lock_guard lock(seen_mutex);
      seen = request;
    }
    respond(Response{202, "text/plain", "accepted", {{"X-Extra", "yes"}}});
  });
  ASSERT_TRUE(server);
  HttpClient client("127.0.0.1", server->port());

  auto response = client.request("POST", "/webhook/bot-1", R"({"ticker":"BTCUSDT"})",
                                 {{"Content-Type", "application/json"}, {"X-Signature", "abc"}});

  ASSERT_TRUE(response.ok()) << response.error().message;
  EXPECT_EQ(response->status, 202u);
  EXPECT_EQ(response->body, "accepted");
  EXPECT_EQ(response->header("x-extra").value_or(""), "yes");
  EXPECT_EQ(response->header("Content-Type").value_or(""), "text/plain");
  std::lock_guard lock(seen_mutex);
  ASSERT_TRUE(seen);
  EXPECT_EQ(seen->method, "POST");
  EXPECT_EQ(seen->target, "/webhook/bot-1");
  EXPECT_EQ(seen->body, R"({"ticker":"BTCUSDT"})");
  EXPECT_EQ(seen->header("x-signature").value_or(""), "abc");
  EXPECT_EQ(seen->header("CONTENT-TYPE").value_or(""), "application/json");
  EXPECT_EQ(seen->peer_ip, "127.0.0.1");
  EXPECT_NE(seen->peer_port, 0);
}

TEST(ServerRoundTrip, Dual_stack_server_reports_an_ipv4_client_as_plain_ipv4) {
  std::mutex seen_mutex;
  std::string peer_ip;
  auto options = test_options();
  options.bind_address = "::";
  auto started = Server::start(options, [&](Request request, Responder respond) {
    {
      std::lock_guard lock(seen_mutex);
      peer_ip = request.peer_ip;
    }
    respond(Response{});
  });
  if (!started) GTEST_SKIP() << "no IPv6 here: " << started.error().message;
  HttpClient client("127.0.0.1", (*started)->port());

  auto response = client.get("/");

  ASSERT_TRUE(response.ok()) << response.error().message;
  std::lock_guard lock(seen_mutex);
  EXPECT_EQ(peer_ip, "127.0.0.1");
}

TEST(ServerRoundTrip, Handler_may_answer_from_another_thread_after_a_delay) {
  std::vector<std::thread> workers;
  std::mutex workers_mutex;
  auto server = start_server(test_options(), [&](Request request, Responder respond) {
    std::lock_guard lock(workers_mutex);
    workers.emplace_back([request = std::move(request), respond = std::move(respond)] {
      std::this_thread::sleep_for(50ms);  // stands in for an fsync; not synchronization
      respond(Response{202, "application/json", R"({"late":")" + request.target + "\"}", {}});
    });
  });
  ASSERT_TRUE(server);
  HttpClient client("127.0.0.1", server->port());

  auto response = client.post("/webhook/slow", "{}");

  ASSERT_TRUE(response.ok()) << response.error().message;
  EXPECT_EQ(response->status, 202u);
  EXPECT_EQ(response->body, R"({"late":"/webhook/slow"})");
  std::lock_guard lock(workers_mutex);
  for (auto& worker : workers) worker.join();
}

TEST(ServerRoundTrip, Keep_alive_connection_serves_many_requests) {
  auto server = start_server(test_options(), echo_target_handler());
  ASSERT_TRUE(server);
  HttpClient client("127.0.0.1", server->port());

  for (int i = 0; i < 100; ++i) {
    auto response = client.get("/n/" + std::to_string(i));
    ASSERT_TRUE(response.ok()) << response.error().message;
    ASSERT_EQ(response->body, "{\"echo\":\"/n/" + std::to_string(i) + "\"}");
    ASSERT_TRUE(response->keep_alive);
  }

  EXPECT_EQ(client.connections_opened(), 1u);
  EXPECT_EQ(server->stats().connections_total, 1u);
  EXPECT_EQ(server->stats().requests, 100u);
}

TEST(ServerRoundTrip, Http_1_0_request_without_keep_alive_is_answered_and_closed) {
  auto server = start_server(test_options(), echo_target_handler());
  ASSERT_TRUE(server);
  auto connection = RawConnection::open(server->port());
  ASSERT_TRUE(connection);

  ASSERT_TRUE(connection->send("GET /old HTTP/1.0\r\n\r\n"));
  const auto received = connection->read_until_closed();

  EXPECT_TRUE(received.closed_by_server);
  EXPECT_EQ(received.bytes.rfind("HTTP/1.0 200", 0), 0u) << received.bytes;
  EXPECT_EQ(body_of(received.bytes), R"({"echo":"/old"})");
}

TEST(ServerRoundTrip, Http_1_0_request_with_keep_alive_keeps_the_connection) {
  auto server = start_server(test_options(), echo_target_handler());
  ASSERT_TRUE(server);
  ClientOptions options;
  options.http_version = 10;
  HttpClient client("127.0.0.1", server->port(), options);

  for (int i = 0; i < 3; ++i) {
    auto response = client.get("/old");
    ASSERT_TRUE(response.ok()) << response.error().message;
    EXPECT_EQ(response->header("connection").value_or(""), "keep-alive");
  }

  EXPECT_EQ(client.connections_opened(), 1u);
}

TEST(ServerRoundTrip, Request_id_is_generated_when_the_client_sends_none) {
  std::mutex seen_mutex;
  std::string id_seen_by_handler;
  auto server = start_server(test_options(), [&](Request request, Responder respond) {
    std::lock_guard lock(seen_mutex);
    id_seen_by_handler = request.request_id;
    respond(Response{});
  });
  ASSERT_TRUE(server);
  HttpClient client("127.0.0.1", server->port());

  auto first = client.get("/");
  auto second = client.get("/");

  ASSERT_TRUE(first.ok() && second.ok());
  const std::string first_id(first->header("X-Request-Id").value_or(""));
  const std::string second_id(second->header("X-Request-Id").value_or(""));
  EXPECT_EQ(first_id.size(), 16u);
  EXPECT_EQ(first_id.find_first_not_of("0123456789abcdef"), std::string::npos) << first_id;
  EXPECT_NE(first_id, second_id);
  std::lock_guard lock(seen_mutex);
  EXPECT_EQ(second_id, id_seen_by_handler);
}

TEST(ServerRoundTrip, Sane_client_request_id_is_echoed_and_an_unsafe_one_replaced) {
  auto server = start_server(test_options(), echo_target_handler());
  ASSERT_TRUE(server);
  HttpClient client("127.0.0.1", server->port());

  auto sane = client.get("/", {{"X-Request-Id", "tv-2024.01:abc_DEF"}});
  auto unsafe = client.get("/", {{"X-Request-Id", "<script>alert(1)</script>"}});

  ASSERT_TRUE(sane.ok() && unsafe.ok());
  EXPECT_EQ(sane->header("x-request-id").value_or(""), "tv-2024.01:abc_DEF");
  EXPECT_EQ(unsafe->header("x-request-id").value_or("").size(), 16u);
}

TEST(ServerRoundTrip, Pipelined_requests_are_answered_in_request_order) {
  ResponderBox box;
  auto server = start_server(test_options(), box.handler());
  ASSERT_TRUE(server);
  auto connection = RawConnection::open(server->port());
  ASSERT_TRUE(connection);

  ASSERT_TRUE(connection->send("GET /first HTTP/1.1\r\nHost: t\r\n\r\n"
                               "GET /second HTTP/1.1\r\nHost: t\r\n\r\n"));
  ASSERT_TRUE(box.wait_for(1));
  auto first = box.take();
  ASSERT_TRUE(first);
  first->second(Response{200, "text/plain", first->first.target, {}});
  ASSERT_TRUE(box.wait_for(2));  // the second is read only after the first is answered
  auto second = box.take();
  ASSERT_TRUE(second);
  second->second(Response{200, "text/plain", second->first.target, {}});

  EXPECT_EQ(body_of(connection->read_response()), "/first");
  EXPECT_EQ(body_of(connection->read_response()), "/second");
}

TEST(ServerRoundTrip, Expect_100_continue_gets_an_interim_answer_before_the_body_is_sent) {
  auto server = start_server(test_options(), [](Request request, Responder respond) {
    respond(Response{200, "text/plain", request.body, {}});
  });
  ASSERT_TRUE(server);
  auto connection = RawConnection::open(server->port());
  ASSERT_TRUE(connection);

  ASSERT_TRUE(connection->send("POST /w HTTP/1.1\r\nHost: t\r\nContent-Length: 5\r\n"
                               "Expect: 100-continue\r\n\r\n"));
  const std::string interim = connection->read_response();
  ASSERT_TRUE(connection->send("hello"));
  const std::string final_response = connection->read_response();

  EXPECT_EQ(status_of(interim), 100u);
  EXPECT_EQ(status_of(final_response), 200u);
  EXPECT_EQ(body_of(final_response), "hello");
}

TEST(ServerRoundTrip, Connection_is_closed_after_max_requests_per_connection) {
  auto options = test_options();
  options.max_requests_per_connection = 3;
  auto server = start_server(options, echo_target_handler());
  ASSERT_TRUE(server);
  HttpClient client("127.0.0.1", server->port());

  std::vector<bool> kept_alive;
  for (int i = 0; i < 4; ++i) {
    auto response = client.get("/");
    ASSERT_TRUE(response.ok()) << response.error().message;
    kept_alive.push_back(response->keep_alive);
  }

  EXPECT_EQ(kept_alive, (std::vector<bool>{true, true, false, true}));
  EXPECT_EQ(client.connections_opened(), 2u);
}

TEST(ServerRoundTrip, Head_request_gets_the_length_but_no_body) {
  auto server = start_server(test_options(), echo_target_handler());
  ASSERT_TRUE(server);
  HttpClient client("127.0.0.1", server->port());

  auto head = client.request("HEAD", "/abc");
  auto get = client.get("/after-head");  // would fail to parse if HEAD had leaked a body

  ASSERT_TRUE(head.ok()) << head.error().message;
  EXPECT_EQ(head->header("content-length").value_or(""), "15");
  EXPECT_TRUE(head->body.empty());
  ASSERT_TRUE(get.ok()) << get.error().message;
  EXPECT_EQ(get->body, R"({"echo":"/after-head"})");
  EXPECT_EQ(client.connections_opened(), 1u);
}

TEST(ServerRoundTrip, Throwing_handler_gets_500_and_the_server_keeps_serving) {
  auto server = start_server(test_options(), [](Request request, Responder respond) {
    if (request.target == "/throw") throw std::runtime_error("handler bug");
    respond(Response{});
  });
  ASSERT_TRUE(server);
  HttpClient client("127.0.0.1", server->port());

  auto failed = client.get("/throw");
  auto fine = client.get("/fine");

  ASSERT_TRUE(failed.ok() && fine.ok());
  EXPECT_EQ(failed->status, 500u);
  EXPECT_NE(failed->body.find(R"("error":"internal_error")"), std::string::npos);
  EXPECT_EQ(fine->status, 200u);
}

}  // namespace
}  // namespace tvbot::http
