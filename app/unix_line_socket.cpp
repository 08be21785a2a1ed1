#include "app/unix_line_socket.hpp"

#include <poll.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace tvbot::app {
namespace {

using Clock = std::chrono::steady_clock;

// Waits for `events` on fd until `deadline`: ok, or "timeout" / "io_error".
Status wait_for(int fd, short events, Clock::time_point deadline) {
  while (true) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
    if (left.count() <= 0) return make_error("timeout", "no answer on the control socket in time");
    pollfd waiting{fd, events, 0};
    const int ready = poll(&waiting, 1, static_cast<int>(left.count()));
    if (ready > 0) return {};
    if (ready < 0 && errno != EINTR) {
      return make_error("io_error", std::string("control socket: ") + std::strerror(errno));
    }
  }
}

}  // namespace

Result<int> connect_unix(const std::filesystem::path& path) {
  sockaddr_un address{};
  const std::string text = path.string();
  if (text.size() >= sizeof(address.sun_path)) {
    return make_error("io_error", "control socket path " + text + " is too long for a unix socket");
  }
  address.sun_family = AF_UNIX;
  std::memcpy(address.sun_path, text.c_str(), text.size() + 1);
  const int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return make_error("io_error", std::string("socket: ") + std::strerror(errno));
  // A unix connect never waits on the network: it succeeds, or fails at once.
  if (connect(fd, reinterpret_cast<const sockaddr*>(&address), sizeof(address)) == 0) return fd;
  const int error = errno;
  close(fd);
  if (error == ENOENT || error == ECONNREFUSED) {
    return make_error("not_running", "no tvbot serve answers at " + text);
  }
  return make_error("io_error", "connecting to " + text + ": " + std::strerror(error));
}

Status write_line(int fd, std::string_view line, std::chrono::milliseconds timeout) {
  std::string data(line);
  data += '\n';
  const auto deadline = Clock::now() + timeout;
  std::size_t sent = 0;
  while (sent < data.size()) {
    if (Status writable = wait_for(fd, POLLOUT, deadline); !writable) return writable;
    const ssize_t n = send(fd, data.data() + sent, data.size() - sent, MSG_NOSIGNAL | MSG_DONTWAIT);
    if (n < 0 && (errno == EAGAIN || errno == EINTR)) continue;
    if (n < 0) return make_error("io_error", std::string("control socket: ") + std::strerror(errno));
    sent += static_cast<std::size_t>(n);
  }
  return {};
}

Result<std::string> read_line(int fd, std::chrono::milliseconds timeout) {
  const auto deadline = Clock::now() + timeout;
  std::string line;
  char buffer[512];
  while (true) {
    if (Status readable = wait_for(fd, POLLIN, deadline); !readable) return readable.error();
    const ssize_t n = recv(fd, buffer, sizeof(buffer), MSG_DONTWAIT);
    if (n < 0 && (errno == EAGAIN || errno == EINTR)) continue;
    if (n < 0) return make_error("io_error", std::string("control socket: ") + std::strerror(errno));
    if (n == 0) return make_error("closed", "the control socket closed before a full line");
    line.append(buffer, static_cast<std::size_t>(n));
    if (const auto end = line.find('\n'); end != std::string::npos) {
      line.resize(end);
      return line;
    }
    if (line.size() > kMaxControlLine) return make_error("too_long", "control line too long");
  }
}

}  // namespace tvbot::app
