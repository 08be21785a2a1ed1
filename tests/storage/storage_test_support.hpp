#pragma once
// Shared by the storage tests: a temporary directory, event builders, and a bounded wait.
#include <gtest/gtest.h>

#include <chrono>
#include <condition_variable>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <mutex>
#include <string>
#include <system_error>

#include "storage/event_log.hpp"

#include "tests/support/scratch_dir.hpp"

namespace tvbot::storage::testing {

class TempDir : public test_support::ScratchDir {
 public:
  TempDir() : ScratchDir("storage") {}
  std::filesystem::path log_dir() const { return path() / "log"; }
};

inline NewEvent make_event(std::string payload, std::string type = "TestEvent", Timestamp time = 0) {
  return NewEvent{std::move(type), std::move(payload), time};
}

inline std::unique_ptr<EventLog> open_or_fail(const std::filesystem::path& dir,
                                              EventLogOptions options = {}) {
  auto log = EventLog::open(dir, std::move(options));
  if (!log.ok()) ADD_FAILURE() << log.error().code << ": " << log.error().message;
  return log.ok() ? std::move(*log) : nullptr;
}

// A one-shot signal between threads. wait() gives up after a deadline so that a bug shows
// as a failed test rather than a hung one.
class Signal {
 public:
  void notify() {
    std::lock_guard lock(mutex_);
    raised_ = true;
    raised_changed_.notify_all();
  }
  [[nodiscard]] bool wait(std::chrono::seconds deadline = std::chrono::seconds(20)) {
    std::unique_lock lock(mutex_);
    return raised_changed_.wait_for(lock, deadline, [&] { return raised_; });
  }

 private:
  std::mutex mutex_;
  std::condition_variable raised_changed_;
  bool raised_ = false;
};

// Counts up; wait_for_count() returns once the count reaches a value, or fails at a deadline.
class Counter {
 public:
  void increment() {
    std::lock_guard lock(mutex_);
    ++count_;
    changed_.notify_all();
  }
  [[nodiscard]] bool wait_for_count(int target, std::chrono::seconds deadline = std::chrono::seconds(20)) {
    std::unique_lock lock(mutex_);
    return changed_.wait_for(lock, deadline, [&] { return count_ >= target; });
  }

 private:
  std::mutex mutex_;
  std::condition_variable changed_;
  int count_ = 0;
};

}  // namespace tvbot::storage::testing
