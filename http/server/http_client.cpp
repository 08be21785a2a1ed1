// Blocking on the outside, asynchronous inside: Beast's tcp_stream enforces timeouts
// only on asynchronous operations, so each step runs on a private io_context until done.
#include "http/server/http_client.hpp"

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core/error.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/http/write.hpp>

namespace tvbot::http {
namespace {

namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
namespace net = boost::asio;
using tcp = net::ip::tcp;
using error_code = boost::system::error_code;

Error client_error(std::string code, std::string_view step, const error_code& error) {
  if (error == beast::error::timeout) code = "timeout";
  return make_error(std::move(code), std::string(step) + ": " + error.message());
}

}  // namespace

struct HttpClient::Impl {
  std::string host;
  std::uint16_t port;
  ClientOptions options;
  net::io_context io{1};
  beast::tcp_stream stream{io};
  beast::flat_buffer buffer;
  bool is_connected = false;
  std::size_t connections_opened = 0;

  // Runs one asynchronous operation to completion on the private io_context.
  template <class Start>
  error_code run(Start start) {
    error_code result;
    start([&result](error_code error, auto&&...) { result = error; });
    io.restart();
    io.run();
    return result;
  }

  void close() {
    error_code ignored;
    stream.socket().shutdown(tcp::socket::shutdown_both, ignored);
    stream.close();
    buffer.clear();
    is_connected = false;
  }

  Status connect(std::chrono::steady_clock::time_point deadline) {
    error_code error;
    tcp::resolver resolver(io);
    const auto endpoints = resolver.resolve(host, std::to_string(port), error);
    if (error) return client_error("connect_failed", "resolve " + host, error);
    stream.expires_at(deadline);
    error = run([&](auto done) { stream.async_connect(endpoints, done); });
    if (error) return client_error("connect_failed", "connect to " + host, error);
    is_connected = true;
    ++connections_opened;
    return {};
  }

  Result<ClientResponse> exchange(bhttp::request<bhttp::string_body>& request) {
    const auto deadline = std::chrono::steady_clock::now() + options.timeout;
    if (!is_connected) {
      if (auto status = connect(deadline); !status) return status.error();
    }
    stream.expires_at(deadline);
    error_code error = run([&](auto done) { bhttp::async_write(stream, request, done); });
    if (error) {
      close();
      return client_error("send_failed", "send", error);
    }
    // Interim 1xx answers (e.g. 100 Continue) precede the real one.
    for (;;) {
      bhttp::response_parser<bhttp::string_body> parser;
      parser.body_limit(options.max_body_bytes);
      parser.skip(request.method() == bhttp::verb::head);
      error = run([&](auto done) { bhttp::async_read(stream, buffer, parser, done); });
      if (error) {
        close();
        return client_error("receive_failed", "receive", error);
      }
      auto message = parser.release();
      if (message.result_int() / 100 == 1) continue;
      ClientResponse response;
      response.status = message.result_int();
      for (const auto& field : message) {
        response.headers.emplace_back(std::string(field.name_string()), std::string(field.value()));
      }
      response.body = std::move(message.body());
      response.keep_alive = message.keep_alive();
      if (!response.keep_alive) close();
      return response;
    }
  }
};

HttpClient::HttpClient(std::string host, std::uint16_t port, ClientOptions options)
    : impl_(std::make_unique<Impl>()) {
  impl_->host = std::move(host);
  impl_->port = port;
  impl_->options = options;
}

HttpClient::~HttpClient() = default;
HttpClient::HttpClient(HttpClient&&) noexcept = default;
HttpClient& HttpClient::operator=(HttpClient&&) noexcept = default;

Result<ClientResponse> HttpClient::request(std::string_view method, std::string_view target,
                                           std::string body, HeaderList headers) {
  bhttp::request<bhttp::string_body> message;
  message.method_string(beast::string_view(method.data(), method.size()));
  message.target(beast::string_view(target.data(), target.size()));
  message.version(impl_->options.http_version);
  message.set(bhttp::field::host, impl_->host + ":" + std::to_string(impl_->port));
  for (const auto& [name, value] : headers) message.insert(name, value);
  if (!find_header(headers, "Connection")) message.keep_alive(impl_->options.keep_alive);
  message.body() = std::move(body);
  message.prepare_payload();
  return impl_->exchange(message);
}

Result<ClientResponse> HttpClient::get(std::string_view target, HeaderList headers) {
  return request("GET", target, {}, std::move(headers));
}

Result<ClientResponse> HttpClient::post(std::string_view target, std::string body,
                                        std::string_view content_type) {
  return request("POST", target, std::move(body), {{"Content-Type", std::string(content_type)}});
}

bool HttpClient::connected() const { return impl_->is_connected; }
std::size_t HttpClient::connections_opened() const { return impl_->connections_opened; }
void HttpClient::disconnect() { impl_->close(); }

}  // namespace tvbot::http
