#pragma once
// Shared by the WebClient tests: generous timeouts, because success paths must not fail on
// a loaded 2-core machine under sanitizers (4 MiB over TLS under ASan took over 2 s);
// failure tests set their own short bound for the phase they test.
#include <gtest/gtest.h>

#include <chrono>
#include <memory>

#include "http/client/web_client.hpp"
#include "tests/support/test_web_server.hpp"

namespace tvbot::http::testing {

using namespace std::chrono_literals;
using test_support::ConnectionBehaviour;
using test_support::TestRequest;
using test_support::TestResponse;
using test_support::TestWebServer;

inline WebClientOptions test_client_options() {
  WebClientOptions options;
  options.connect_timeout = 10s;
  options.write_timeout = 10s;
  options.read_timeout = 10s;
  return options;
}

inline TestWebServer::Options server_options(bool tls) {
  TestWebServer::Options options;
  options.tls = tls;
  return options;
}

// Trusts the server's certificate; fails the test and returns null if creation fails.
inline std::unique_ptr<WebClient> client_for(const TestWebServer& server,
                                             WebClientOptions options = test_client_options(),
                                             const std::string& path = "") {
  options.ca_file = server.ca_file();
  auto client = WebClient::create(server.base_url() + path, options);
  if (!client) {
    ADD_FAILURE() << client.error().code << ": " << client.error().message;
    return nullptr;
  }
  return std::move(*client);
}

inline TestResponse json_response(unsigned status, std::string body) {
  TestResponse response;
  response.status = status;
  response.body = std::move(body);
  return response;
}

}  // namespace tvbot::http::testing
