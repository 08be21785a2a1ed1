#include "tests/http/server/test_support.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <thread>

#include <gtest/gtest.h>

namespace tvbot::http::test_support {

bool eventually(const std::function<bool()>& condition, std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (!condition()) {
    if (std::chrono::steady_clock::now() >= deadline) return condition();
    std::this_thread::sleep_for(1ms);
  }
  return true;
}

ServerOptions test_options() {
  ServerOptions options;
  options.bind_address = "127.0.0.1";
  options.port = 0;
  options.threads = 1;
  options.header_timeout = 2s;
  options.body_timeout = 2s;
  options.idle_keep_alive_timeout = 2s;
  options.handler_timeout = 2s;
  options.write_timeout = 2s;
  options.close_linger_timeout = 500ms;
  return options;
}

std::unique_ptr<Server> start_server(ServerOptions options, Handler handler) {
  auto started = Server::start(std::move(options), std::move(handler));
  if (!started) {
    ADD_FAILURE() << "server did not start: " << started.error().code << ": " << started.error().message;
    return nullptr;
  }
  return std::move(started).value();
}

Handler echo_target_handler() {
  return [](Request request, Responder respond) {
    respond(Response{200, "application/json", "{\"echo\":\"" + request.target + "\"}", {}});
  };
}

std::optional<RawConnection> RawConnection::open(std::uint16_t port) {
  const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return std::nullopt;
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(port);
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(fd, reinterpret_cast<const sockaddr*>(&address), sizeof address) != 0) {
    ::close(fd);
    return std::nullopt;
  }
  return RawConnection(fd);
}

RawConnection::RawConnection(RawConnection&& other) noexcept
    : fd_(std::exchange(other.fd_, -1)), pending_(std::move(other.pending_)), closed_(other.closed_) {}

RawConnection::~RawConnection() {
  if (fd_ >= 0) ::close(fd_);
}

bool RawConnection::send(std::string_view bytes) {
  while (!bytes.empty()) {
    const ssize_t sent = ::send(fd_, bytes.data(), bytes.size(), MSG_NOSIGNAL);
    if (sent < 0 && errno == EINTR) continue;
    if (sent <= 0) return false;
    bytes.remove_prefix(static_cast<std::size_t>(sent));
  }
  return true;
}

bool RawConnection::receive_some(std::chrono::steady_clock::time_point deadline) {
  if (closed_) return false;
  const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
  if (left.count() <= 0) return false;
  pollfd waiting{fd_, POLLIN, 0};
  const int ready = ::poll(&waiting, 1, static_cast<int>(left.count()));
  if (ready <= 0) return false;
  char chunk[4096];
  const ssize_t received = ::recv(fd_, chunk, sizeof chunk, 0);
  if (received <= 0) {  // 0: orderly close; < 0: reset, which also means closed
    closed_ = true;
    return false;
  }
  pending_.append(chunk, static_cast<std::size_t>(received));
  return true;
}

RawConnection::Received RawConnection::read_until_closed(std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (receive_some(deadline)) {
  }
  return Received{std::exchange(pending_, {}), closed_};
}

std::string RawConnection::read_response(std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  for (;;) {
    const auto header_end = pending_.find("\r\n\r\n");
    if (header_end != std::string::npos) {
      const std::string length = header_of(pending_.substr(0, header_end + 4), "Content-Length");
      const std::size_t total = header_end + 4 + (length.empty() ? 0 : std::stoul(length));
      if (pending_.size() >= total) {
        std::string response = pending_.substr(0, total);
        pending_.erase(0, total);
        return response;
      }
    }
    if (!receive_some(deadline)) return {};
  }
}

unsigned status_of(std::string_view raw_response) {
  // "HTTP/1.1 200 OK": the code sits between the first and the second space.
  const auto space = raw_response.find(' ');
  if (space == std::string_view::npos || raw_response.size() < space + 4) return 0;
  unsigned status = 0;
  for (char digit : raw_response.substr(space + 1, 3)) {
    if (digit < '0' || digit > '9') return 0;
    status = status * 10 + static_cast<unsigned>(digit - '0');
  }
  return status;
}

std::string header_of(std::string_view raw_response, std::string_view name) {
  const auto header_end = raw_response.find("\r\n\r\n");
  std::string_view headers = raw_response.substr(0, header_end);
  std::size_t line_start = headers.find("\r\n");
  while (line_start != std::string_view::npos) {
    line_start += 2;
    const auto line_end = headers.find("\r\n", line_start);
    const std::string_view line = headers.substr(line_start, line_end - line_start);
    const auto colon = line.find(':');
    if (colon != std::string_view::npos && colon == name.size() &&
        ::strncasecmp(line.data(), name.data(), name.size()) == 0) {
      std::string_view value = line.substr(colon + 1);
      while (!value.empty() && value.front() == ' ') value.remove_prefix(1);
      return std::string(value);
    }
    line_start = line_end;
  }
  return {};
}

std::string body_of(std::string_view raw_response) {
  const auto header_end = raw_response.find("\r\n\r\n");
  return header_end == std::string_view::npos ? std::string{} : std::string(raw_response.substr(header_end + 4));
}

Handler ResponderBox::handler() {
  return [this](Request request, Responder respond) {
    std::lock_guard lock(mutex_);
    waiting_.emplace_back(std::move(request), std::move(respond));
    ++received_;
    arrived_.notify_all();
  };
}

bool ResponderBox::wait_for(std::size_t count, std::chrono::milliseconds timeout) {
  std::unique_lock lock(mutex_);
  return arrived_.wait_for(lock, timeout, [&] { return received_ >= count; });
}

std::optional<std::pair<Request, Responder>> ResponderBox::take() {
  std::lock_guard lock(mutex_);
  if (waiting_.empty()) return std::nullopt;
  std::optional<std::pair<Request, Responder>> oldest = std::move(waiting_.front());
  waiting_.pop_front();
  return oldest;
}

}  // namespace tvbot::http::test_support
