// Keep-alive reuse, replacement of connections the server closed, and the pool bound.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <atomic>
#include <thread>
#include <vector>

#include "tests/http/client/client_test_helpers.hpp"

namespace tvbot::http::testing {
namespace {

class Reuse : public ::testing::TestWithParam<bool> {
 protected:
  bool tls() const { return GetParam(); }
};

TEST_P(Reuse, Sequential_requests_share_one_connection) {
  TestWebServer server(server_options(tls()), [](const TestRequest& request) {
    return json_response(200, request.target);
  });
  auto client = client_for(server);
  ASSERT_NE(client, nullptr);
  for (int i = 0; i < 20; ++i) {
    const std::string target = "/n/" + std::to_string(i);
    auto response = client->request(i % 2 == 0 ? "GET" : "POST", target, "body", {}, "text/plain");
    ASSERT_TRUE(response.ok()) << i << ": " << response.error().message;
    EXPECT_EQ(response->body, target);
  }
  EXPECT_EQ(client->connections_opened(), 1u);
  EXPECT_EQ(server.connections_accepted(), 1u);
}

TEST_P(Reuse, Connection_the_server_closed_while_idle_is_replaced) {
  std::atomic<int> served{0};
  TestWebServer server(server_options(tls()), [&served](const TestRequest&) {
    auto response = json_response(200, std::to_string(++served));
    // The first connection ends the way an idle timer ends it: no Connection: close.
    response.close_after_answer = served == 1;
    return response;
  });
  auto client = client_for(server);
  ASSERT_NE(client, nullptr);
  auto first = client->request("GET", "/");
  ASSERT_TRUE(first.ok()) << first.error().message;
  ASSERT_TRUE(server.wait_for_closed_connections(1, 5s));

  auto second = client->request("POST", "/order", "qty=1", {}, "text/plain");
  ASSERT_TRUE(second.ok()) << second.error().code << ": " << second.error().message;
  EXPECT_EQ(second->body, "2");
  EXPECT_EQ(client->connections_opened(), 2u);
  // The order went out exactly once, on the fresh connection.
  EXPECT_EQ(server.received_requests().size(), 2u);
}

TEST_P(Reuse, Connection_close_response_is_not_reused) {
  TestWebServer server(server_options(tls()), [](const TestRequest&) {
    auto response = json_response(200, "{}");
    response.headers.emplace_back("Connection", "close");
    response.close_after_answer = true;
    return response;
  });
  auto client = client_for(server);
  ASSERT_NE(client, nullptr);
  for (int i = 0; i < 3; ++i) {
    auto response = client->request("GET", "/");
    ASSERT_TRUE(response.ok()) << response.error().message;
  }
  EXPECT_EQ(client->connections_opened(), 3u);
}

TEST_P(Reuse, Connection_idle_longer_than_max_idle_is_not_reused) {
  TestWebServer server(server_options(tls()),
                       [](const TestRequest&) { return json_response(200, "{}"); });
  auto options = test_client_options();
  options.max_idle = 0ms;  // any idle time at all is too long
  auto client = client_for(server, options);
  ASSERT_NE(client, nullptr);
  for (int i = 0; i < 3; ++i) {
    auto response = client->request("GET", "/");
    ASSERT_TRUE(response.ok()) << response.error().message;
  }
  EXPECT_EQ(client->connections_opened(), 3u);
  EXPECT_EQ(server.connections_accepted(), 3u);
}

TEST_P(Reuse, Concurrent_requests_all_succeed_within_max_connections) {
  constexpr int kThreads = 8;
  constexpr int kRequestsPerThread = 50;
  TestWebServer server(server_options(tls()),
                       [](const TestRequest& request) { return json_response(200, request.body); });
  auto options = test_client_options();
  options.max_connections = 4;  // fewer than threads: callers also wait for a free one
  auto client = client_for(server, options);
  ASSERT_NE(client, nullptr);

  std::atomic<int> succeeded{0};
  std::atomic<int> wrong_body{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kRequestsPerThread; ++i) {
        const std::string body = std::to_string(t) + "/" + std::to_string(i);
        auto response = client->request("POST", "/echo", body, {}, "text/plain");
        if (!response.ok()) {
          ADD_FAILURE() << response.error().code << ": " << response.error().message;
          continue;
        }
        ++succeeded;
        if (response->body != body) ++wrong_body;
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(succeeded.load(), kThreads * kRequestsPerThread);
  EXPECT_EQ(wrong_body.load(), 0);
  EXPECT_GE(client->connections_opened(), 1u);
  EXPECT_LE(client->connections_opened(), options.max_connections);
  EXPECT_EQ(server.connections_accepted(), client->connections_opened());
}

INSTANTIATE_TEST_SUITE_P(PlainAndTls, Reuse, ::testing::Bool(),
                         [](const auto& info) { return info.param ? "tls" : "plain"; });

TEST(ReusePool, Caller_waiting_longer_than_connect_timeout_for_a_slot_gets_connect_timeout) {
  TestWebServer server(server_options(false), [](const TestRequest& request) {
    auto response = json_response(200, "{}");
    if (request.target == "/slow") response.delay = 1500ms;
    return response;
  });
  auto options = test_client_options();
  options.max_connections = 1;
  options.connect_timeout = 200ms;
  auto client = client_for(server, options);
  ASSERT_NE(client, nullptr);

  std::thread slow([&] {
    auto response = client->request("GET", "/slow");
    EXPECT_TRUE(response.ok()) << response.error().message;
  });
  // Wait until the slow request holds the only connection.
  const auto deadline = std::chrono::steady_clock::now() + 5s;
  while (server.received_requests().empty() && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(1ms);
  }
  ASSERT_EQ(server.received_requests().size(), 1u);
  auto waiting = client->request("GET", "/fast");
  slow.join();
  ASSERT_FALSE(waiting.ok());
  EXPECT_EQ(waiting.error().code, "connect_timeout");
  EXPECT_EQ(server.received_requests().size(), 1u);
  EXPECT_EQ(client->connections_opened(), 1u);
}

}  // namespace
}  // namespace tvbot::http::testing
