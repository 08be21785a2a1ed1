#pragma once
// Helpers for the server tests: a raw socket for bytes a well-behaved client never
// sends, a box that keeps Responders for the test to answer later, bounded waits.
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "http/server/server.hpp"

namespace tvbot::http::test_support {

using namespace std::chrono_literals;

// Every wait in these tests is bounded by this unless it says otherwise.
inline constexpr std::chrono::milliseconds kTestTimeout = 5s;

// For conditions only visible in ServerStats: re-checks every millisecond until true or
// `timeout`. Returns the final value.
[[nodiscard]] bool eventually(const std::function<bool()>& condition,
                              std::chrono::milliseconds timeout = kTestTimeout);

// Options for tests: loopback, OS-assigned port, short timeouts.
[[nodiscard]] ServerOptions test_options();

// Starts a server or fails the test (via ADD_FAILURE) and returns null.
[[nodiscard]] std::unique_ptr<Server> start_server(ServerOptions options, Handler handler);

// A handler that answers 200 with "{\"echo\":<target>}" at once.
[[nodiscard]] Handler echo_target_handler();

class RawConnection {
 public:
  [[nodiscard]] static std::optional<RawConnection> open(std::uint16_t port);
  RawConnection(RawConnection&& other) noexcept;
  RawConnection& operator=(RawConnection&&) = delete;
  RawConnection(const RawConnection&) = delete;
  ~RawConnection();

  [[nodiscard]] bool send(std::string_view bytes);

  struct Received {
    std::string bytes;
    bool closed_by_server = false;  // false: the timeout passed first
  };
  // Everything the server sends until it closes the connection or `timeout` passes.
  [[nodiscard]] Received read_until_closed(std::chrono::milliseconds timeout = kTestTimeout);
  // One response: headers plus Content-Length bytes of body; empty on close or timeout.
  [[nodiscard]] std::string read_response(std::chrono::milliseconds timeout = kTestTimeout);

 private:
  explicit RawConnection(int fd) : fd_(fd) {}
  // Appends what arrives within `timeout`; false on close, error or timeout.
  bool receive_some(std::chrono::steady_clock::time_point deadline);

  int fd_ = -1;
  std::string pending_;  // received beyond the last response returned
  bool closed_ = false;
};

// Status code of a raw response ("HTTP/1.1 413 Payload Too Large" -> 413), 0 if none.
[[nodiscard]] unsigned status_of(std::string_view raw_response);
// Case-insensitive header value from a raw response, empty if missing.
[[nodiscard]] std::string header_of(std::string_view raw_response, std::string_view name);
// Body of a raw response (everything after the blank line).
[[nodiscard]] std::string body_of(std::string_view raw_response);

// Keeps the requests and Responders a Handler received, for the test to answer later.
class ResponderBox {
 public:
  [[nodiscard]] Handler handler();
  [[nodiscard]] bool wait_for(std::size_t count, std::chrono::milliseconds timeout = kTestTimeout);
  // The oldest one not yet taken, if any.
  [[nodiscard]] std::optional<std::pair<Request, Responder>> take();

 private:
  std::mutex mutex_;
  std::condition_variable arrived_;
  std::deque<std::pair<Request, Responder>> waiting_;
  std::size_t received_ = 0;
};

}  // namespace tvbot::http::test_support
