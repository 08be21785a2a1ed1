#include "app/serve/systemd_notify.hpp"

#include <systemd/sd-daemon.h>

#include <cstdint>
#include <cstdlib>

#include <spdlog/spdlog.h>

namespace tvbot::app {
namespace {

// sd_notify's result: > 0 sent, 0 no NOTIFY_SOCKET, < 0 -errno. A failed notification must
// not stop trading, but an operator needs to see why systemd thinks tvbot is not ready.
void notify(const char* state) {
  if (const int sent = sd_notify(0, state); sent < 0) {
    spdlog::warn("systemd notify \"{}\" failed: error {}", state, -sent);
  }
}

}  // namespace

SystemdNotifier::SystemdNotifier() {
  const char* socket = std::getenv("NOTIFY_SOCKET");
  enabled_ = socket != nullptr && *socket != '\0';
  std::uint64_t usec = 0;
  // > 0 only when WATCHDOG_USEC is set and WATCHDOG_PID (if set) is this process.
  if (enabled_ && sd_watchdog_enabled(0, &usec) > 0 && usec > 0) {
    // Half the timeout, as sd_watchdog_enabled(3) advises: one late ping is not fatal.
    interval_ = std::chrono::microseconds(usec / 2);
  }
}

SystemdNotifier::~SystemdNotifier() {
  {
    std::lock_guard lock(mutex_);
    stop_ = true;
  }
  wake_.notify_all();
  if (pinger_.joinable()) pinger_.join();
}

void SystemdNotifier::ready(const std::string& status) {
  if (!enabled_) return;
  const std::string message = "READY=1\nSTATUS=" + status;
  notify(message.c_str());
  if (interval_.count() > 0 && !pinger_.joinable()) {
    pinger_ = std::thread([this] { ping_loop(); });
  }
}

void SystemdNotifier::stopping() {
  if (enabled_) notify("STOPPING=1\nSTATUS=draining in-flight alerts");
}

void SystemdNotifier::ping_loop() {
  std::unique_lock lock(mutex_);
  do {
    notify("WATCHDOG=1");
  } while (!wake_.wait_for(lock, interval_, [this] { return stop_; }));
}

}  // namespace tvbot::app
