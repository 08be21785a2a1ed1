#pragma once
// One TCP (or TLS over TCP) connection to a WebClient's origin, used by one thread at a
// time. Its sockets live on a private io_context that the using thread runs for each
// step, so every step has its own expiry while the API stays blocking. No Boost in this
// header: Beast is instantiated in connection.cpp only.
#include <chrono>
#include <memory>
#include <string>
#include <string_view>

#include "events/result.hpp"
#include "http/client/web_client.hpp"

namespace boost::asio::ssl {
class context;
}

namespace tvbot::http {

// What every connection of one WebClient shares; it outlives them all.
struct ConnectionSettings {
  BaseUrl origin;
  WebClientOptions options;
  boost::asio::ssl::context* tls = nullptr;  // null for plain http
  std::string host_header;                   // "host" or "host:port"
};

struct OutgoingRequest {
  std::string_view method;
  std::string target;  // the base path already prepended
  std::string body;
  HeaderList headers;
  std::string_view content_type;
};

class Connection {
 public:
  // Resolves, connects and (for https) completes the TLS handshake by `deadline`.
  // Errors: "connect_failed", "connect_timeout", "tls_failed".
  [[nodiscard]] static Result<std::unique_ptr<Connection>> open(
      const ConnectionSettings& settings, std::chrono::steady_clock::time_point deadline);
  ~Connection();
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  // Writes the request and reads its response. After an error the connection is unusable.
  // Errors: "send_failed", "write_timeout", "read_timeout", "receive_failed",
  // "response_too_large".
  [[nodiscard]] Result<WebResponse> exchange(OutgoingRequest request);

  // True when the last response allows another request on this connection.
  [[nodiscard]] bool reusable() const;
  // When the last exchange (or the connect) finished.
  [[nodiscard]] std::chrono::steady_clock::time_point idle_since() const;
  // A non-blocking peek at an idle connection: false when the server closed it or sent
  // something unasked (a 408, a TLS close_notify), so it must not carry a request.
  [[nodiscard]] bool idle_and_open() const;

 private:
  struct Impl;
  explicit Connection(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace tvbot::http
