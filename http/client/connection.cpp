// Blocking on the outside, asynchronous inside: Beast's tcp_stream enforces expiries only
// on asynchronous operations, so each step runs on the connection's private io_context
// until it completes or its expiry cancels it.
#include "http/client/connection.hpp"

#include <openssl/ssl.h>
#include <openssl/x509_vfy.h>
#include <sys/socket.h>

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/ssl/stream.hpp>
#include <boost/beast/core/error.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/stream_traits.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/http/write.hpp>
#include <cerrno>
#include <string>

#include "http/client/host_resolver.hpp"
#include "http/server/ascii.hpp"

namespace tvbot::http {
namespace {

namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
namespace net = boost::asio;
namespace ssl = boost::asio::ssl;
using tcp = net::ip::tcp;
using error_code = boost::system::error_code;
using Clock = std::chrono::steady_clock;
using SecureStream = ssl::stream<beast::tcp_stream>;

// Exchange APIs answer with a few hundred bytes of headers; 64 KiB leaves room for
// verbose proxies while still stopping a peer that streams headers forever.
constexpr std::uint32_t kMaxResponseHeaderBytes = 64 * 1024;

template <class Start>
error_code run_to_completion(net::io_context& io, Start start) {
  error_code result;
  start([&result](error_code error, auto&&...) { result = error; });
  io.restart();
  io.run();
  return result;
}

// The expiry cancels the operation with beast::error::timeout; a layer above (the TLS
// stream) may report that cancellation under another code, so the clock decides too.
bool timed_out(const error_code& error, Clock::time_point deadline) {
  return error == beast::error::timeout || Clock::now() >= deadline;
}

std::string millis(std::chrono::milliseconds duration) {
  return std::to_string(duration.count()) + " ms";
}

bool is_ip_literal(const std::string& host) {
  error_code not_an_address;
  (void)net::ip::make_address(host, not_an_address);
  return !not_an_address;
}

std::string tls_failure_reason(SSL* ssl, const error_code& error) {
  const long verify_result = SSL_get_verify_result(ssl);
  if (verify_result != X509_V_OK) {
    return std::string("certificate verification failed: ") +
           X509_verify_cert_error_string(verify_result);
  }
  return "handshake failed: " + error.message();
}

}  // namespace

struct Connection::Impl {
  explicit Impl(const ConnectionSettings& connection_settings) : settings(connection_settings) {}

  const ConnectionSettings& settings;
  net::io_context io{1};
  std::unique_ptr<beast::tcp_stream> plain;
  std::unique_ptr<SecureStream> secure;
  beast::flat_buffer buffer;
  bool reusable = false;
  Clock::time_point idle_since = Clock::now();

  beast::tcp_stream& tcp_layer() { return secure ? beast::get_lowest_layer(*secure) : *plain; }

  std::string peer() const {
    return settings.origin.host + ":" + std::to_string(settings.origin.port);
  }

  Status connect(const std::vector<tcp::endpoint>& endpoints, Clock::time_point deadline) {
    auto& tcp = tcp_layer();
    tcp.expires_at(deadline);
    const auto error =
        run_to_completion(io, [&](auto done) { tcp.async_connect(endpoints, std::move(done)); });
    if (!error) return {};
    if (timed_out(error, deadline)) {
      return make_error("connect_timeout", "connect to " + peer() + ": timed out after " +
                                               millis(settings.options.connect_timeout));
    }
    return make_error("connect_failed", "connect to " + peer() + ": " + error.message());
  }

  Status handshake(Clock::time_point deadline) {
    const auto& host = settings.origin.host;
    SSL* native = secure->native_handle();
    // RFC 6066 allows only host names in SNI, never IP literals.
    const bool ip_literal = is_ip_literal(host);
    if (!ip_literal && SSL_set_tlsext_host_name(native, host.c_str()) != 1) {
      return make_error("tls_failed", "TLS setup for " + peer() + ": cannot set SNI");
    }
    if (settings.options.verify_peer) {
      // OpenSSL's own name check reports a mismatch as a verify result, so the error
      // message can say "hostname mismatch" rather than a bare "certificate verify failed".
      const int set = ip_literal
                          ? X509_VERIFY_PARAM_set1_ip_asc(SSL_get0_param(native), host.c_str())
                          : SSL_set1_host(native, host.c_str());
      if (set != 1) return make_error("tls_failed", "TLS setup for " + peer() + ": bad host");
    }
    tcp_layer().expires_at(deadline);
    const auto error = run_to_completion(
        io, [&](auto done) { secure->async_handshake(ssl::stream_base::client, std::move(done)); });
    if (!error) return {};
    if (timed_out(error, deadline)) {
      return make_error("connect_timeout", "TLS handshake with " + peer() + ": timed out after " +
                                               millis(settings.options.connect_timeout));
    }
    return make_error("tls_failed",
                      "TLS with " + peer() + ": " + tls_failure_reason(native, error));
  }

  bhttp::request<bhttp::string_body> build(OutgoingRequest request) const {
    bhttp::request<bhttp::string_body> message;
    message.method_string(beast::string_view(request.method.data(), request.method.size()));
    message.target(request.target);
    message.version(11);
    message.set(bhttp::field::host, settings.host_header);
    message.set(bhttp::field::user_agent, settings.options.user_agent);
    if (!request.content_type.empty()) {
      message.set(bhttp::field::content_type,
                  beast::string_view(request.content_type.data(), request.content_type.size()));
    }
    for (auto& [name, value] : request.headers) {
      // The caller may override Host and User-Agent; every other name may repeat.
      if (equals_ignoring_ascii_case(name, "Host") ||
          equals_ignoring_ascii_case(name, "User-Agent")) {
        message.set(name, value);
      } else {
        message.insert(name, value);
      }
    }
    message.body() = std::move(request.body);
    message.keep_alive(true);
    message.prepare_payload();
    return message;
  }

  template <class Stream>
  Result<WebResponse> exchange_over(Stream& stream, OutgoingRequest request) {
    reusable = false;  // until a complete response says otherwise
    const bool head = request.method == "HEAD";
    auto message = build(std::move(request));
    auto& tcp = tcp_layer();

    const auto write_deadline = Clock::now() + settings.options.write_timeout;
    tcp.expires_at(write_deadline);
    auto error = run_to_completion(
        io, [&](auto done) { bhttp::async_write(stream, message, std::move(done)); });
    if (error) {
      if (timed_out(error, write_deadline)) {
        return make_error("write_timeout", "send to " + peer() + ": timed out after " +
                                               millis(settings.options.write_timeout));
      }
      return make_error("send_failed", "send to " + peer() + ": " + error.message());
    }

    const auto read_deadline = Clock::now() + settings.options.read_timeout;
    tcp.expires_at(read_deadline);
    for (;;) {
      bhttp::response_parser<bhttp::string_body> parser;
      parser.header_limit(kMaxResponseHeaderBytes);
      parser.body_limit(settings.options.max_body_bytes);
      parser.skip(head);
      // Header first: Beast 1.74 drops its own Content-Length check against body_limit
      // when body bytes arrive in the same read as the header, so it is checked here.
      error = run_to_completion(io, [&](auto done) {
        bhttp::async_read_header(stream, buffer, parser, std::move(done));
      });
      if (!error && !parser.is_done() && parser.content_length() &&
          *parser.content_length() > settings.options.max_body_bytes) {
        error = bhttp::error::body_limit;
      }
      if (!error && !parser.is_done()) {
        error = run_to_completion(
            io, [&](auto done) { bhttp::async_read(stream, buffer, parser, std::move(done)); });
      }
      if (error == bhttp::error::body_limit || error == bhttp::error::header_limit) {
        return make_error("response_too_large",
                          "response from " + peer() + ": body over " +
                              std::to_string(settings.options.max_body_bytes) +
                              " bytes or headers over " + std::to_string(kMaxResponseHeaderBytes));
      }
      if (error) {
        if (timed_out(error, read_deadline)) {
          return make_error("read_timeout", "response from " + peer() + ": timed out after " +
                                                millis(settings.options.read_timeout));
        }
        return make_error("receive_failed", "response from " + peer() + ": " + error.message());
      }
      auto received = parser.release();
      // Interim answers (100 Continue, 103 Early Hints) precede the real one.
      if (received.result_int() / 100 == 1) continue;
      tcp.expires_never();
      WebResponse response;
      response.status = received.result_int();
      for (const auto& field : received) {
        response.headers.emplace_back(std::string(field.name_string()), std::string(field.value()));
      }
      response.body = std::move(received.body());
      // Bytes after the response that nobody asked for mean the stream is out of step.
      reusable = received.keep_alive() && buffer.size() == 0;
      idle_since = Clock::now();
      return response;
    }
  }
};

Connection::Connection(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Connection::~Connection() = default;

Result<std::unique_ptr<Connection>> Connection::open(const ConnectionSettings& settings,
                                                     Clock::time_point deadline) {
  auto endpoints = resolve_host(settings.origin.host, settings.origin.port, deadline);
  if (!endpoints) return endpoints.error();
  auto impl = std::make_unique<Impl>(settings);
  if (settings.tls) {
    impl->secure = std::make_unique<SecureStream>(impl->io, *settings.tls);
  } else {
    impl->plain = std::make_unique<beast::tcp_stream>(impl->io);
  }
  if (auto connected = impl->connect(*endpoints, deadline); !connected) return connected.error();
  if (impl->secure) {
    if (auto secured = impl->handshake(deadline); !secured) return secured.error();
  }
  impl->tcp_layer().expires_never();
  impl->reusable = true;
  impl->idle_since = Clock::now();
  return std::unique_ptr<Connection>(new Connection(std::move(impl)));
}

Result<WebResponse> Connection::exchange(OutgoingRequest request) {
  if (impl_->secure) return impl_->exchange_over(*impl_->secure, std::move(request));
  return impl_->exchange_over(*impl_->plain, std::move(request));
}

bool Connection::reusable() const { return impl_->reusable; }
Clock::time_point Connection::idle_since() const { return impl_->idle_since; }

bool Connection::idle_and_open() const {
  char byte = 0;
  const auto received =
      ::recv(impl_->tcp_layer().socket().native_handle(), &byte, 1, MSG_PEEK | MSG_DONTWAIT);
  if (received >= 0) return false;  // 0: closed by the server; >0: unasked bytes
  return errno == EAGAIN || errno == EWOULDBLOCK;
}

}  // namespace tvbot::http
