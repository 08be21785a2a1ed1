// Request/response round trips through a real loopback server, over plain TCP and TLS.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>

#include "tests/http/client/client_test_helpers.hpp"

namespace tvbot::http::testing {
namespace {

using ::testing::Contains;
using ::testing::Pair;

class RoundTrip : public ::testing::TestWithParam<bool> {
 protected:
  bool tls() const { return GetParam(); }
};

TEST_P(RoundTrip, Get_returns_status_headers_and_body) {
  TestWebServer server(server_options(tls()), [](const TestRequest&) {
    auto response = json_response(200, R"({"ok":true})");
    response.headers.emplace_back("X-Mbx-Used-Weight", "7");
    return response;
  });
  auto client = client_for(server);
  ASSERT_NE(client, nullptr);
  auto response = client->request("GET", "/api/v3/time?x=1");
  ASSERT_TRUE(response.ok()) << response.error().code << ": " << response.error().message;
  EXPECT_EQ(response->status, 200u);
  EXPECT_EQ(response->body, R"({"ok":true})");
  EXPECT_EQ(response->header("content-type"), "application/json");
  EXPECT_EQ(response->header("x-mbx-used-weight"), "7");
  const auto requests = server.received_requests();
  ASSERT_EQ(requests.size(), 1u);
  EXPECT_EQ(requests[0].method, "GET");
  EXPECT_EQ(requests[0].target, "/api/v3/time?x=1");
  EXPECT_EQ(requests[0].body, "");
}

TEST_P(RoundTrip, Post_sends_body_content_type_host_and_user_agent) {
  TestWebServer server(server_options(tls()), [](const TestRequest& request) {
    return json_response(201, "echo:" + request.body);
  });
  auto options = test_client_options();
  options.user_agent = "tvbot-test/1";
  auto client = client_for(server, options);
  ASSERT_NE(client, nullptr);
  auto response = client->request("POST", "/sendMessage", R"({"text":"hi"})", {},
                                  "application/json; charset=utf-8");
  ASSERT_TRUE(response.ok()) << response.error().message;
  EXPECT_EQ(response->status, 201u);
  EXPECT_EQ(response->body, R"(echo:{"text":"hi"})");
  const auto request = server.received_requests().at(0);
  EXPECT_EQ(request.method, "POST");
  EXPECT_EQ(request.header("Content-Type"), "application/json; charset=utf-8");
  EXPECT_EQ(request.header("Content-Length"), "13");
  EXPECT_EQ(request.header("Host"), "127.0.0.1:" + std::to_string(server.port()));
  EXPECT_EQ(request.header("User-Agent"), "tvbot-test/1");
}

TEST_P(RoundTrip, Custom_headers_reach_the_server_and_may_repeat) {
  TestWebServer server(server_options(tls()),
                       [](const TestRequest&) { return json_response(200, "{}"); });
  auto client = client_for(server);
  ASSERT_NE(client, nullptr);
  auto response =
      client->request("DELETE", "/api/v3/order", {},
                      {{"X-MBX-APIKEY", "key-123"}, {"X-Trace", "a"}, {"X-Trace", "b"}});
  ASSERT_TRUE(response.ok()) << response.error().message;
  const auto request = server.received_requests().at(0);
  EXPECT_EQ(request.method, "DELETE");
  EXPECT_EQ(request.header("x-mbx-apikey"), "key-123");
  EXPECT_THAT(request.headers, Contains(Pair("X-Trace", "a")));
  EXPECT_THAT(request.headers, Contains(Pair("X-Trace", "b")));
  EXPECT_FALSE(request.header("Content-Type").has_value());
}

TEST_P(RoundTrip, Base_path_is_prefixed_to_every_target) {
  TestWebServer server(server_options(tls()),
                       [](const TestRequest&) { return json_response(200, "{}"); });
  auto client = client_for(server, test_client_options(), "/bot42:token/");
  ASSERT_NE(client, nullptr);
  ASSERT_TRUE(client->request("GET", "/getMe").ok());
  ASSERT_TRUE(client->request("GET", "getUpdates?offset=3").ok());
  const auto requests = server.received_requests();
  ASSERT_EQ(requests.size(), 2u);
  EXPECT_EQ(requests[0].target, "/bot42:token/getMe");
  EXPECT_EQ(requests[1].target, "/bot42:token/getUpdates?offset=3");
}

TEST_P(RoundTrip, Client_and_server_error_statuses_are_results_not_errors) {
  TestWebServer server(server_options(tls()), [](const TestRequest& request) {
    if (request.target == "/missing") return json_response(404, R"({"code":-1121})");
    return json_response(503, R"({"msg":"busy"})");
  });
  auto client = client_for(server);
  ASSERT_NE(client, nullptr);
  auto not_found = client->request("GET", "/missing");
  ASSERT_TRUE(not_found.ok()) << not_found.error().message;
  EXPECT_EQ(not_found->status, 404u);
  EXPECT_EQ(not_found->body, R"({"code":-1121})");
  auto unavailable = client->request("POST", "/order", "x=1", {}, "text/plain");
  ASSERT_TRUE(unavailable.ok()) << unavailable.error().message;
  EXPECT_EQ(unavailable->status, 503u);
  EXPECT_EQ(unavailable->body, R"({"msg":"busy"})");
}

TEST_P(RoundTrip, Large_bodies_travel_intact_both_ways) {
  std::string large_request(1024 * 1024, '\0');
  for (std::size_t i = 0; i < large_request.size(); ++i)
    large_request[i] = static_cast<char>('a' + i % 26);
  TestWebServer server(server_options(tls()), [](const TestRequest& request) {
    TestResponse response;
    response.content_type = "application/octet-stream";
    response.body = request.body + request.body + request.body + request.body;
    return response;
  });
  auto client = client_for(server);
  ASSERT_NE(client, nullptr);
  auto response = client->request("POST", "/upload", large_request, {}, "application/octet-stream");
  ASSERT_TRUE(response.ok()) << response.error().message;
  ASSERT_EQ(response->body.size(), 4 * large_request.size());
  EXPECT_EQ(response->body.substr(3 * large_request.size()), large_request);
  EXPECT_EQ(server.received_requests().at(0).body, large_request);
}

TEST_P(RoundTrip, Chunked_response_is_reassembled) {
  std::string body;
  for (int i = 0; i < 5000; ++i) body += std::to_string(i) + ",";
  TestWebServer server(server_options(tls()), [&body](const TestRequest&) {
    TestResponse response;
    response.chunked = true;
    response.body = body;
    return response;
  });
  auto client = client_for(server);
  ASSERT_NE(client, nullptr);
  auto first = client->request("GET", "/stream");
  ASSERT_TRUE(first.ok()) << first.error().message;
  EXPECT_EQ(first->header("Transfer-Encoding"), "chunked");
  EXPECT_EQ(first->body, body);
  // The chunked framing ended cleanly, so the connection carries the next request too.
  auto second = client->request("GET", "/stream");
  ASSERT_TRUE(second.ok()) << second.error().message;
  EXPECT_EQ(second->body, body);
  EXPECT_EQ(client->connections_opened(), 1u);
}

INSTANTIATE_TEST_SUITE_P(PlainAndTls, RoundTrip, ::testing::Bool(),
                         [](const auto& info) { return info.param ? "tls" : "plain"; });

TEST(RoundTripByName, Localhost_resolves_and_its_name_verifies) {
  TestWebServer server(server_options(true),
                       [](const TestRequest&) { return json_response(200, "named"); });
  auto options = test_client_options();
  options.ca_file = server.ca_file();
  auto client = WebClient::create(server.base_url("localhost"), options);
  ASSERT_TRUE(client.ok()) << client.error().message;
  auto response = (*client)->request("GET", "/");
  ASSERT_TRUE(response.ok()) << response.error().code << ": " << response.error().message;
  EXPECT_EQ(response->body, "named");
  EXPECT_EQ(server.received_requests().at(0).header("Host"),
            "localhost:" + std::to_string(server.port()));
}

}  // namespace
}  // namespace tvbot::http::testing
