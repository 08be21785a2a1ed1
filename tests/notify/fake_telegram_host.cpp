#include "tests/notify/fake_telegram_host.hpp"

#include <stdexcept>

#include "http/server/http_client.hpp"

namespace tvbot::notify::test {

PlainFakeTelegramHost::PlainFakeTelegramHost(FakeTelegram& fake) {
  http::ServerOptions options;
  options.bind_address = "127.0.0.1";
  auto started =
      http::Server::start(options, [&fake](http::Request request, http::Responder respond) {
        const FakeReply reply = fake.handle(request.method, request.target,
                                            request.header("Content-Type"), request.body);
        http::Response response;
        response.status = reply.status;
        response.body = reply.body;
        if (!reply.retry_after_header.empty()) {
          response.headers.emplace_back("Retry-After", reply.retry_after_header);
        }
        respond(std::move(response));
      });
  if (!started.ok()) throw std::runtime_error(started.error().message);
  server_ = std::move(started).value();
}

PlainFakeTelegramHost::~PlainFakeTelegramHost() { shut_down(); }

void PlainFakeTelegramHost::shut_down() {
  if (server_) (void)server_->shutdown(std::chrono::milliseconds(500));
}

Transport plain_http_transport(std::uint16_t port, std::chrono::milliseconds timeout) {
  http::ClientOptions options;
  options.timeout = timeout;
  auto client = std::make_shared<http::HttpClient>("127.0.0.1", port, options);
  return [client](std::string_view target, std::string body) -> Result<TransportResponse> {
    auto response = client->post(target, std::move(body), "application/json");
    if (!response.ok()) return response.error();
    TransportResponse out{response->status, std::move(response->body), {}};
    if (auto retry = response->header("Retry-After")) out.retry_after_header = std::string(*retry);
    return out;
  };
}

}  // namespace tvbot::notify::test
