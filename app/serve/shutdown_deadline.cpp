#include "app/serve/shutdown_deadline.hpp"

#include <unistd.h>

#include <spdlog/spdlog.h>

namespace tvbot::app {

ShutdownDeadline::ShutdownDeadline(std::chrono::milliseconds limit) {
  thread_ = std::thread([this, limit] {
    std::unique_lock lock(mutex_);
    if (done_.wait_for(lock, limit, [this] { return disarmed_; })) return;
    spdlog::error("shutdown did not finish within {} ms; exiting now (every acknowledged alert "
                  "is already durable in the event log)",
                  limit.count());
    spdlog::default_logger()->flush();
    // _exit, not exit: other threads are still inside the destructors exit() would run.
    _exit(1);
  });
}

ShutdownDeadline::~ShutdownDeadline() {
  {
    std::lock_guard lock(mutex_);
    disarmed_ = true;
  }
  done_.notify_all();
  thread_.join();
}

}  // namespace tvbot::app
