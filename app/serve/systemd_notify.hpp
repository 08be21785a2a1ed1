#pragma once
// systemd's notify protocol (Type=notify, WatchdogSec=) through Debian's libsystemd:
// READY=1 once the server listens, WATCHDOG=1 from a thread at half of WATCHDOG_USEC,
// STOPPING=1 when shutdown begins. Every call is a no-op when NOTIFY_SOCKET is unset (a
// start from a shell, a container, a test), so serve needs no mode switch for it.
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <string>
#include <thread>

namespace tvbot::app {

class SystemdNotifier {
 public:
  // Reads NOTIFY_SOCKET / WATCHDOG_USEC / WATCHDOG_PID once; starts no thread yet.
  SystemdNotifier();
  ~SystemdNotifier();  // stops the watchdog thread
  SystemdNotifier(const SystemdNotifier&) = delete;
  SystemdNotifier& operator=(const SystemdNotifier&) = delete;

  // READY=1 with a STATUS line, then starts the watchdog pings if systemd asked for them.
  // Pinging only after READY means a start that hangs is caught by TimeoutStartSec, and a
  // process that hangs later by WatchdogSec.
  void ready(const std::string& status);
  // STOPPING=1; the watchdog keeps pinging through the drain, which has its own deadline.
  void stopping();

  [[nodiscard]] bool enabled() const { return enabled_; }
  // Zero when systemd asked for no watchdog.
  [[nodiscard]] std::chrono::microseconds watchdog_interval() const { return interval_; }

 private:
  void ping_loop();

  bool enabled_ = false;
  std::chrono::microseconds interval_{0};
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stop_ = false;
  std::thread pinger_;
};

}  // namespace tvbot::app
