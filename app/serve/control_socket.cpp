#include "app/serve/control_socket.hpp"

#include <fcntl.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <string>

#include <spdlog/spdlog.h>

#include "app/unix_line_socket.hpp"
#include "storage/event_log.hpp"

namespace tvbot::app {
namespace {

// How often the serving thread looks at stop_: bounds how long shutdown waits for it.
constexpr int kPollMillis = 200;
// A client that connects and sends nothing must not hold the channel.
constexpr std::chrono::milliseconds kRequestTimeout{5000};

bool peer_allowed(int client) {
  ucred peer{};
  socklen_t size = sizeof(peer);
  if (getsockopt(client, SOL_SOCKET, SO_PEERCRED, &peer, &size) != 0) return false;
  // The socket file is 0600 already; this also holds if someone loosens its mode.
  return peer.uid == geteuid() || peer.uid == 0;
}

}  // namespace

Result<std::unique_ptr<ControlSocket>> ControlSocket::start(std::filesystem::path path,
                                                            storage::EventLog& log) {
  sockaddr_un address{};
  const std::string text = path.string();
  if (text.size() >= sizeof(address.sun_path)) {
    return make_error("invalid_argument", "control socket path " + text + " is longer than " +
                                              std::to_string(sizeof(address.sun_path) - 1) +
                                              " bytes (a unix socket limit)");
  }
  address.sun_family = AF_UNIX;
  std::memcpy(address.sun_path, text.c_str(), text.size() + 1);

  const int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return make_error("io_error", std::string("control socket: ") + std::strerror(errno));
  std::error_code ignored_if_absent;
  std::filesystem::remove(path, ignored_if_absent);
  // umask first, so the socket is never reachable by others, not even between bind and chmod.
  const mode_t old_mask = umask(0177);
  const int bound = bind(fd, reinterpret_cast<const sockaddr*>(&address), sizeof(address));
  const int bind_errno = errno;
  umask(old_mask);
  if (bound != 0 || listen(fd, 4) != 0) {
    const int error = bound != 0 ? bind_errno : errno;
    close(fd);
    return make_error("io_error", "control socket " + text + ": " + std::strerror(error));
  }
  return std::unique_ptr<ControlSocket>(new ControlSocket(fd, std::move(path), log));
}

ControlSocket::ControlSocket(int fd, std::filesystem::path path, storage::EventLog& log)
    : fd_(fd), path_(std::move(path)), log_(log) {
  thread_ = std::thread([this] { serve(); });
}

ControlSocket::~ControlSocket() {
  stop_ = true;
  if (thread_.joinable()) thread_.join();
  close(fd_);
  std::error_code ignored_if_absent;
  std::filesystem::remove(path_, ignored_if_absent);
}

void ControlSocket::serve() {
  while (!stop_) {
    pollfd waiting{fd_, POLLIN, 0};
    if (poll(&waiting, 1, kPollMillis) <= 0) continue;
    const int client = accept4(fd_, nullptr, nullptr, SOCK_CLOEXEC);
    if (client < 0) continue;
    serve_one(client);
    close(client);
  }
}

void ControlSocket::serve_one(int client) {
  if (!peer_allowed(client)) {
    (void)write_line(client, "error only the user running tvbot (or root) may use this socket",
                     kRequestTimeout);  // best effort: the peer is refused either way
    return;
  }
  auto request = read_line(client, kRequestTimeout);
  if (!request.ok()) {
    spdlog::warn("control socket: {}", request.error().message);
    return;
  }
  constexpr std::string_view kCheckpoint = "checkpoint ";
  std::string reply;
  if (request->starts_with(kCheckpoint) && request->size() > kCheckpoint.size() &&
      (*request)[kCheckpoint.size()] == '/') {
    const std::filesystem::path to = request->substr(kCheckpoint.size());
    spdlog::info("control socket: checkpoint of the event log to {}", to.string());
    if (Status taken = log_.checkpoint(to); taken.ok()) {
      reply = "ok";
    } else {
      spdlog::error("control socket: checkpoint to {} failed: {}", to.string(), taken.error().message);
      reply = "error " + taken.error().message;
    }
  } else {
    reply = "error unknown request (expected \"checkpoint /absolute/dir\")";
  }
  if (Status sent = write_line(client, reply, kRequestTimeout); !sent.ok()) {
    spdlog::warn("control socket: {}", sent.error().message);
  }
}

}  // namespace tvbot::app
