#pragma once
// A tiny blocking HTTP/1.1 client over plain TCP, for tests and benchmarks: one request
// at a time, each bounded by a timeout, reusing the connection while the server keeps
// it alive. Not thread-safe: one client per thread. TLS comes later.
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "events/result.hpp"
#include "http/server/server.hpp"

namespace tvbot::http {

struct ClientOptions {
  std::chrono::milliseconds timeout{5000};  // for the whole exchange: connect, write, read
  unsigned http_version = 11;               // 10 or 11
  bool keep_alive = true;                   // false: every request says Connection: close
  std::size_t max_body_bytes = 64 * 1024 * 1024;
};

struct ClientResponse {
  unsigned status = 0;
  HeaderList headers;
  std::string body;
  bool keep_alive = false;  // whether the server left the connection open

  [[nodiscard]] std::optional<std::string_view> header(std::string_view name) const {
    return find_header(headers, name);
  }
};

class HttpClient {
 public:
  // Connects lazily, on the first request. `host` is an IP address or a host name.
  HttpClient(std::string host, std::uint16_t port, ClientOptions options = {});
  ~HttpClient();
  HttpClient(HttpClient&&) noexcept;
  HttpClient& operator=(HttpClient&&) noexcept;

  // A Connection header in `headers` overrides ClientOptions::keep_alive.
  // Errors: "connect_failed", "timeout", "send_failed", "receive_failed". After an error
  // the connection is closed; the next request opens a new one. A request is never
  // retried by the client: whether to resend is the caller's decision.
  [[nodiscard]] Result<ClientResponse> request(std::string_view method, std::string_view target,
                                               std::string body = {}, HeaderList headers = {});
  [[nodiscard]] Result<ClientResponse> get(std::string_view target, HeaderList headers = {});
  [[nodiscard]] Result<ClientResponse> post(std::string_view target, std::string body,
                                            std::string_view content_type = "application/json");

  [[nodiscard]] bool connected() const;
  // How many TCP connections this client has opened: 1 after many requests means reuse.
  [[nodiscard]] std::size_t connections_opened() const;
  void disconnect();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace tvbot::http
