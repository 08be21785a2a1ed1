#pragma once
// Shared by the notifier's socket tests: log capture (to prove the bot token never reaches
// a log line), a port nothing listens on, and a listener that never answers.
#include <netinet/in.h>
#include <spdlog/sinks/ostream_sink.h>
#include <spdlog/spdlog.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <memory>
#include <mutex>
#include <sstream>
#include <stdexcept>
#include <string>

#include "tests/support/scratch_dir.hpp"

namespace tvbot::notify::test {

// Everything logged through spdlog's default logger from now on, as text.
class LogCapture {
 public:
  LogCapture() : sink_(std::make_shared<spdlog::sinks::ostream_sink_mt>(stream_)) {
    spdlog::default_logger()->sinks().push_back(sink_);
    spdlog::set_level(spdlog::level::info);
  }
  ~LogCapture() {
    auto& sinks = spdlog::default_logger()->sinks();
    std::erase(sinks, sink_);
  }
  [[nodiscard]] std::string text() {
    sink_->flush();
    return stream_.str();
  }

 private:
  std::ostringstream stream_;
  std::shared_ptr<spdlog::sinks::ostream_sink_mt> sink_;
};

// A TCP socket on 127.0.0.1 that listens but never accepts: connects complete in the
// kernel, requests are never read, so a client waits for its read timeout.
class SilentListener {
 public:
  SilentListener() {
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t length = sizeof address;
    if (fd_ < 0 || ::bind(fd_, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 ||
        ::listen(fd_, 16) != 0 ||
        ::getsockname(fd_, reinterpret_cast<sockaddr*>(&address), &length) != 0) {
      throw std::runtime_error("SilentListener: cannot listen");
    }
    port_ = ntohs(address.sin_port);
  }
  ~SilentListener() { ::close(fd_); }
  [[nodiscard]] std::uint16_t port() const { return port_; }

 private:
  int fd_ = -1;
  std::uint16_t port_ = 0;
};

class TempDir : public test_support::ScratchDir {
 public:
  TempDir() : ScratchDir("notify") {}
};

// A loopback port with nothing listening: connects are refused at once.
inline std::uint16_t refused_port() {
  SilentListener probe;  // bound then closed: the port is free again and nobody listens
  return probe.port();
}

}  // namespace tvbot::notify::test
