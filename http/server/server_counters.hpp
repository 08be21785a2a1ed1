#pragma once
// Counters shared by all I/O threads. Relaxed atomics: each is an independent tally,
// read only for ServerStats, so no ordering between them is promised.
#include <array>
#include <atomic>
#include <cstdint>

#include "http/server/server.hpp"

namespace tvbot::http {

struct ServerCounters {
  using Counter = std::atomic<std::uint64_t>;

  Counter connections_open{0};
  Counter connections_total{0};
  Counter connections_rejected{0};
  Counter requests{0};
  std::array<Counter, kStatusClasses> responses_by_class{};
  Counter malformed_requests{0};
  Counter header_timeouts{0};
  Counter body_timeouts{0};
  Counter write_timeouts{0};
  Counter handler_timeouts{0};
  Counter late_responses{0};

  static void bump(Counter& counter) { counter.fetch_add(1, std::memory_order_relaxed); }

  void count_response(unsigned status) {
    const unsigned status_class = status / 100;
    if (status_class > 0 && status_class < kStatusClasses) bump(responses_by_class[status_class]);
  }

  [[nodiscard]] ServerStats snapshot() const {
    auto read = [](const Counter& counter) { return counter.load(std::memory_order_relaxed); };
    ServerStats stats;
    stats.connections_open = read(connections_open);
    stats.connections_total = read(connections_total);
    stats.connections_rejected = read(connections_rejected);
    stats.requests = read(requests);
    for (std::size_t i = 0; i < kStatusClasses; ++i) {
      stats.responses_by_class[i] = read(responses_by_class[i]);
    }
    stats.malformed_requests = read(malformed_requests);
    stats.header_timeouts = read(header_timeouts);
    stats.body_timeouts = read(body_timeouts);
    stats.write_timeouts = read(write_timeouts);
    stats.handler_timeouts = read(handler_timeouts);
    stats.late_responses = read(late_responses);
    return stats;
  }
};

}  // namespace tvbot::http
