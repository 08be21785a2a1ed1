// Many clients at once, one and two I/O threads.
#include <future>
#include <mutex>
#include <set>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "http/server/http_client.hpp"
#include "http/server/server.hpp"
#include "tests/http/server/test_support.hpp"

namespace tvbot::http {
namespace {

using namespace test_support;

constexpr int kClients = 50;
constexpr int kRequestsPerClient = 20;

// Each client sends its own numbered requests over one keep-alive connection and
// checks that every answer is the one for its own request. Returns the failures.
int run_clients(std::uint16_t port) {
  std::vector<std::future<int>> clients;
  for (int c = 0; c < kClients; ++c) {
    clients.push_back(std::async(std::launch::async, [port, c] {
      HttpClient client("127.0.0.1", port);
      int failures = 0;
      for (int r = 0; r < kRequestsPerClient; ++r) {
        const std::string target = "/c" + std::to_string(c) + "/r" + std::to_string(r);
        auto response = client.post(target, "body-" + target);
        const bool correct = response.ok() && response->status == 200 &&
                             response->body == target + "|body-" + target;
        failures += correct ? 0 : 1;
      }
      return failures + (client.connections_opened() == 1 ? 0 : 1);
    }));
  }
  int failures = 0;
  for (auto& client : clients) failures += client.get();
  return failures;
}

Handler target_and_body_handler() {
  return [](Request request, Responder respond) {
    respond(Response{200, "text/plain", request.target + "|" + request.body, {}});
  };
}

TEST(ServerConcurrency, Fifty_clients_times_twenty_requests_are_all_answered_correctly) {
  auto server = start_server(test_options(), target_and_body_handler());
  ASSERT_TRUE(server);

  EXPECT_EQ(run_clients(server->port()), 0);

  const auto stats = server->stats();
  EXPECT_EQ(stats.requests, static_cast<std::uint64_t>(kClients * kRequestsPerClient));
  EXPECT_EQ(stats.responses_by_class[2], static_cast<std::uint64_t>(kClients * kRequestsPerClient));
  EXPECT_EQ(stats.connections_total, static_cast<std::uint64_t>(kClients));
}

TEST(ServerConcurrency, Two_threads_with_reuseport_serve_on_one_port_and_share_the_load) {
  std::mutex threads_mutex;
  std::set<std::thread::id> serving_threads;
  auto options = test_options();
  options.threads = 2;
  auto server = start_server(options, [&](Request request, Responder respond) {
    {
      std::lock_guard lock(threads_mutex);
      serving_threads.insert(std::this_thread::get_id());
    }
    respond(Response{200, "text/plain", request.target + "|" + request.body, {}});
  });
  ASSERT_TRUE(server);

  EXPECT_EQ(run_clients(server->port()), 0);

  // The kernel hashes each connection to one of the two acceptors; with 50 connections
  // all landing on one has probability 2^-49.
  std::lock_guard lock(threads_mutex);
  EXPECT_EQ(serving_threads.size(), 2u);
}

TEST(ServerConcurrency, Answers_from_worker_threads_reach_the_right_connections) {
  ResponderBox box;
  auto options = test_options();
  options.threads = 2;
  auto server = start_server(options, box.handler());
  ASSERT_TRUE(server);
  constexpr int kPending = 20;
  std::vector<std::future<Result<ClientResponse>>> clients;
  for (int c = 0; c < kPending; ++c) {
    clients.push_back(std::async(std::launch::async, [port = server->port(), c] {
      HttpClient client("127.0.0.1", port);
      return client.get("/" + std::to_string(c));
    }));
  }
  ASSERT_TRUE(box.wait_for(kPending));

  // All answered at once, from as many threads, in no particular order.
  std::vector<std::thread> workers;
  while (auto pending = box.take()) {
    workers.emplace_back([pending = std::move(*pending)] {
      pending.second(Response{200, "text/plain", pending.first.target, {}});
    });
  }
  for (auto& worker : workers) worker.join();

  for (int c = 0; c < kPending; ++c) {
    auto response = clients[c].get();
    ASSERT_TRUE(response.ok()) << response.error().message;
    EXPECT_EQ(response->body, "/" + std::to_string(c));
  }
}

}  // namespace
}  // namespace tvbot::http
