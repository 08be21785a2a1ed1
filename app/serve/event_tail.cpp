#include "app/serve/event_tail.hpp"

#include <chrono>

#include <spdlog/spdlog.h>

namespace tvbot::app {
namespace {

// How long one wait for new events lasts: it bounds how late the destructor's stop is seen,
// while a new batch wakes the wait at once (EventLog::wait_for_global_seq_beyond).
constexpr std::chrono::milliseconds kWaitSlice{200};

}  // namespace

EventTail::EventTail(const storage::EventStore& store, std::uint64_t after,
                     std::function<void(const Event&)> visit)
    : store_(store), visit_(std::move(visit)), position_(after) {
  thread_ = std::thread([this] { run(); });
}

EventTail::~EventTail() {
  stopping_ = true;
  if (thread_.joinable()) thread_.join();
}

void EventTail::run() {
  while (!stopping_) {
    const std::uint64_t seen = position_.load();
    if (store_.log().wait_for_global_seq_beyond(seen, kWaitSlice) <= seen) continue;
    auto read = store_.read_all(seen + 1, [this](const Event& event) {
      visit_(event);
      position_ = event.global_seq;
      return !stopping_.load();
    });
    if (!read.ok()) {
      // A record that does not decode stays where it is: the tail stops rather than skip
      // it, as every reader of the log does. Metrics then stand still; the error says why.
      spdlog::error("event tail stopped at global seq {}: {}", position_.load() + 1,
                    read.error().message);
      return;
    }
  }
}

}  // namespace tvbot::app
