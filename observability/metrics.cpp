#include "observability/metrics.hpp"

namespace tvbot::observability {

Histogram::Histogram(std::vector<std::int64_t> upper_bounds)
    : upper_bounds_(std::move(upper_bounds)),
      buckets_(std::make_unique<std::atomic<std::uint64_t>[]>(upper_bounds_.size() + 1)) {}

void Histogram::observe(std::int64_t value) noexcept {
  // A linear scan: a dozen bounds fit one cache line or two, and a binary search saves
  // nothing at that size. "le" means less than or equal, so a value on a bound counts there.
  std::size_t index = 0;
  while (index < upper_bounds_.size() && value > upper_bounds_[index]) ++index;
  buckets_[index].fetch_add(1, std::memory_order_relaxed);
  sum_.fetch_add(value, std::memory_order_relaxed);
}

HistogramSnapshot Histogram::snapshot() const {
  HistogramSnapshot out;
  out.cumulative.reserve(upper_bounds_.size() + 1);
  std::uint64_t running = 0;
  for (std::size_t i = 0; i <= upper_bounds_.size(); ++i) {
    running += buckets_[i].load(std::memory_order_relaxed);
    out.cumulative.push_back(running);
  }
  // The count is the +Inf bucket, so _count always equals le="+Inf" even while observations
  // race with the scrape; the sum may then be a moment ahead or behind, as in every client.
  out.count = running;
  out.sum = sum_.load(std::memory_order_relaxed);
  return out;
}

}  // namespace tvbot::observability
