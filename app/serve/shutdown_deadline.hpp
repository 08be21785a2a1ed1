#pragma once
// A bound on the whole SIGTERM drain. Every alert answered 202 was fsynced before its
// answer, so ending the process at the deadline loses nothing acknowledged; what it cuts
// is work not yet acknowledged (an alert still being appended gets no 202, and its sender
// re-sends it). Exiting ourselves, with a log line and status 1, beats being SIGKILLed by
// systemd's TimeoutStopSec without a word.
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>

namespace tvbot::app {

class ShutdownDeadline {
 public:
  // Starts the clock: unless destroyed within `limit`, the process exits with status 1.
  explicit ShutdownDeadline(std::chrono::milliseconds limit);
  ~ShutdownDeadline();  // disarms
  ShutdownDeadline(const ShutdownDeadline&) = delete;
  ShutdownDeadline& operator=(const ShutdownDeadline&) = delete;

 private:
  std::mutex mutex_;
  std::condition_variable done_;
  bool disarmed_ = false;
  std::thread thread_;
};

}  // namespace tvbot::app
