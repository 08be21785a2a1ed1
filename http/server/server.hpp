#pragma once
// The asynchronous HTTP/1.1 server: transport only. It reads requests, hands each to a
// Handler, and writes the Handler's Response back in request order. It knows nothing
// about webhooks; http/webhook/ supplies the Handler.
//
// This header deliberately includes no Boost: Beast is the slowest thing to compile in
// the project, so it stays inside http/server/*.cpp.
//
// ## The retry contract with TradingView (and every other client)
// A client should retry an alert only after a 5xx or a network failure. So:
//   - a 2xx means the alert is durable (in the event log, fsynced);
//   - a 4xx means "do not retry, it will never be accepted" (bad JSON, bad secret, too large);
//   - a 5xx means the alert could NOT be made durable and a retry is wanted.
// The server itself sends 5xx only where it cannot know the alert is durable:
//   - 503 {"error":"timeout"} when the Handler did not answer within handler_timeout;
//   - 503 {"error":"too_many_connections"} when max_connections is reached;
//   - 500 {"error":"internal_error"} when the Handler threw or answered an impossible
//     status (a bug in the Handler, never expected in production).
// A timed-out request may still become durable later (the Handler may finish after the
// 503), so the Handler must deduplicate retries (the alert's dedupe key does that).
// A Handler must never answer 5xx for a request it did make durable.
#include <array>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "events/result.hpp"

namespace tvbot::http {

using HeaderList = std::vector<std::pair<std::string, std::string>>;

// Case-insensitive lookup of the first header called `name`.
[[nodiscard]] std::optional<std::string_view> find_header(const HeaderList& headers,
                                                          std::string_view name);

// All values of the headers called `name`, in arrival order, joined with ","; this is
// how HTTP combines a repeated list header such as X-Forwarded-For (RFC 9110, 5.3).
// Empty when there is none.
[[nodiscard]] std::string joined_header_values(const HeaderList& headers, std::string_view name);

struct Request {
  std::string method;  // as sent: "GET", "POST", ...
  std::string target;  // origin-form as sent, including any query: "/webhook/bot-1?x=1"
  HeaderList headers;  // in arrival order; repeated names are kept
  std::string body;
  std::string peer_ip;
  std::uint16_t peer_port = 0;
  std::string request_id;  // also sent back as the X-Request-Id response header

  [[nodiscard]] std::optional<std::string_view> header(std::string_view name) const {
    return find_header(headers, name);
  }
};

struct Response {
  unsigned status = 200;
  std::string content_type = "application/json";  // empty: no Content-Type header
  std::string body;
  HeaderList headers;  // extra headers; the server sets Content-Length, Connection, X-Request-Id
};

// Delivers the Response for one request. It may be called from ANY thread, at any later
// time (for example after an fsync), and at most once counts: a second call, a call
// after handler_timeout produced a 503, or a call after the connection or the whole
// server is gone is ignored (and counted in ServerStats::late_responses). Calling it
// inside the Handler itself is fine.
using Responder = std::function<void(Response)>;

// Runs on a server I/O thread, concurrently on several threads when threads > 1, so it
// must be thread-safe. It must not block: hand slow work (fsync, broker calls) to
// another thread and answer through the Responder. It should not throw; if it does,
// the client gets 500 {"error":"internal_error"}.
using Handler = std::function<void(Request, Responder)>;

struct ServerOptions {
  std::string bind_address = "127.0.0.1";
  std::uint16_t port = 0;  // 0: the OS picks one; Server::port() tells which
  // One io_context and one SO_REUSEPORT acceptor per thread: measured fastest on 2 cores
  // (see shared/DEPENDENCIES.md); a single io_context run by many threads is slower.
  unsigned threads = 1;
  std::size_t max_body_bytes = 64 * 1024;   // larger: 413 and close
  std::size_t max_header_bytes = 8 * 1024;  // larger: 431 and close
  // Every read has an expiry, so a client that trickles bytes (slowloris) is cut off.
  std::chrono::milliseconds header_timeout{5000};  // from first byte to the end of headers
  std::chrono::milliseconds body_timeout{10000};   // for the whole body
  std::chrono::milliseconds idle_keep_alive_timeout{30000};  // between requests
  std::chrono::milliseconds handler_timeout{2500};  // then 503 {"error":"timeout"}
  std::chrono::milliseconds write_timeout{10000};   // a client that does not read its answer
  // After the last response of a connection the server half-closes and reads what the
  // client still sends for at most this long, so that the client is not hit by a TCP
  // reset before it has read the response (e.g. after a 413 sent mid-body).
  std::chrono::milliseconds close_linger_timeout{1000};
  std::size_t max_connections = 1024;
  std::size_t max_requests_per_connection = 1000;
};

// The status class of a response: index 1 for 1xx ... 5 for 5xx (index 0 is unused).
inline constexpr std::size_t kStatusClasses = 6;

struct ServerStats {
  std::uint64_t connections_open = 0;
  std::uint64_t connections_total = 0;     // accepted and served (rejected ones excluded)
  std::uint64_t connections_rejected = 0;  // over max_connections: 503 and close
  std::uint64_t requests = 0;              // complete requests handed to the Handler
  std::array<std::uint64_t, kStatusClasses> responses_by_class{};  // [2] = 2xx, ...
  std::uint64_t malformed_requests = 0;    // 400, 413, 431
  std::uint64_t header_timeouts = 0;
  std::uint64_t body_timeouts = 0;
  std::uint64_t write_timeouts = 0;
  std::uint64_t handler_timeouts = 0;      // 503 {"error":"timeout"} sent
  std::uint64_t late_responses = 0;        // Responder calls that were ignored
  bool accepting = false;
  bool draining = false;                   // shutdown() has begun
};

class Server {
 public:
  // Binds, listens and starts the I/O threads. Errors: "invalid_options", "bind_failed".
  [[nodiscard]] static Result<std::unique_ptr<Server>> start(ServerOptions options,
                                                             Handler handler);

  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;
  ~Server();  // shutdown(0 ms) if not already shut down

  [[nodiscard]] std::uint16_t port() const;

  // Closes the listening sockets: new connections are refused; open ones are served.
  // Called from outside the server's threads it returns once the sockets are closed;
  // called from a Handler it only schedules the close.
  void stop_accepting();

  // Graceful: stop accepting, let requests in progress be read, handled and answered
  // (with Connection: close), close idle keep-alive connections, then join the threads.
  // Whatever is still open at the deadline is closed. Returns true when everything
  // finished before the deadline. Must not be called from a Handler.
  bool shutdown(std::chrono::milliseconds deadline);

  [[nodiscard]] ServerStats stats() const;

 private:
  struct Impl;
  explicit Server(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace tvbot::http
