#pragma once
// Follows the event log from a global seq on, on a thread of its own, and hands each new
// event to a visitor in global order. Metrics and the audit log lines come from here, so
// they count what is durable, once each, without a hook in the actors' hot path.
#include <atomic>
#include <cstdint>
#include <functional>
#include <thread>

#include "storage/event_store.hpp"

namespace tvbot::app {

class EventTail {
 public:
  // Visits events with global seq > `after`. The store must outlive the tail. `visit` runs on
  // the tail's thread only.
  EventTail(const storage::EventStore& store, std::uint64_t after,
            std::function<void(const Event&)> visit);
  ~EventTail();  // stops and joins; events not yet visited are left
  EventTail(const EventTail&) = delete;
  EventTail& operator=(const EventTail&) = delete;

  // The global seq of the last event visited.
  [[nodiscard]] std::uint64_t position() const { return position_.load(); }

 private:
  void run();

  const storage::EventStore& store_;
  std::function<void(const Event&)> visit_;
  std::atomic<std::uint64_t> position_;
  std::atomic<bool> stopping_{false};
  std::thread thread_;
};

}  // namespace tvbot::app
