#pragma once
// The three kinds of metric. Updating one is a relaxed atomic add (no lock, no allocation),
// so they are safe and cheap on the hot path from any thread. Values are integers, never
// binary floats; a family's decimal scale says how the exposition writes them (a latency
// observed in microseconds at scale 6 is exported in seconds).
#include <atomic>
#include <cstdint>
#include <memory>
#include <vector>

namespace tvbot::observability {

class Counter {
 public:
  void inc(std::uint64_t n = 1) noexcept { value_.fetch_add(n, std::memory_order_relaxed); }
  [[nodiscard]] std::uint64_t value() const noexcept {
    return value_.load(std::memory_order_relaxed);
  }

 private:
  std::atomic<std::uint64_t> value_{0};
};

class Gauge {
 public:
  void set(std::int64_t value) noexcept { value_.store(value, std::memory_order_relaxed); }
  void add(std::int64_t delta) noexcept { value_.fetch_add(delta, std::memory_order_relaxed); }
  [[nodiscard]] std::int64_t value() const noexcept {
    return value_.load(std::memory_order_relaxed);
  }

 private:
  std::atomic<std::int64_t> value_{0};
};

struct HistogramSnapshot {
  std::vector<std::uint64_t> cumulative;  // one per upper bound, then +Inf (= count)
  std::int64_t sum = 0;
  std::uint64_t count = 0;
};

// Buckets are kept per bucket (not cumulative) so that observe() touches one counter; the
// exposition adds them up. Example, bounds {100, 500}: observe(50), observe(300), observe(900)
// -> per bucket {1, 1, 1} -> le="100" 1, le="500" 2, le="+Inf" 3, sum 1250, count 3.
class Histogram {
 public:
  // `upper_bounds` strictly increasing (checked by the registry).
  explicit Histogram(std::vector<std::int64_t> upper_bounds);

  void observe(std::int64_t value) noexcept;
  [[nodiscard]] HistogramSnapshot snapshot() const;
  [[nodiscard]] const std::vector<std::int64_t>& upper_bounds() const { return upper_bounds_; }

 private:
  std::vector<std::int64_t> upper_bounds_;
  std::unique_ptr<std::atomic<std::uint64_t>[]> buckets_;  // upper_bounds_.size() + 1
  std::atomic<std::int64_t> sum_{0};
};

}  // namespace tvbot::observability
