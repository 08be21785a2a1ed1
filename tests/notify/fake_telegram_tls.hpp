#pragma once
// The FakeTelegram behind the shared loopback test server (tests/support/), plain or TLS
// with a certificate made at run time.
#include <memory>

#include "tests/notify/fake_telegram.hpp"
#include "tests/support/test_web_server.hpp"

namespace tvbot::notify::test {

inline std::unique_ptr<test_support::TestWebServer> host_on_test_server(
    FakeTelegram& fake, bool tls,
    test_support::ConnectionBehaviour behaviour = test_support::ConnectionBehaviour::answer) {
  test_support::TestWebServer::Options options;
  options.tls = tls;
  options.behaviour = behaviour;
  return std::make_unique<test_support::TestWebServer>(
      options, [&fake](const test_support::TestRequest& request) {
        const FakeReply reply = fake.handle(request.method, request.target,
                                            request.header("Content-Type"), request.body);
        test_support::TestResponse response;
        response.status = reply.status;
        response.body = reply.body;
        response.delay = reply.delay;
        response.close_without_answer = reply.close_without_answer;
        if (!reply.retry_after_header.empty()) {
          response.headers.emplace_back("Retry-After", reply.retry_after_header);
        }
        return response;
      });
}

}  // namespace tvbot::notify::test
