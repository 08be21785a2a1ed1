#include "http/webhook/rate_limiter.hpp"

#include <algorithm>
#include <limits>

namespace tvbot::webhook {
namespace {

constexpr Timestamp nanos_per_second = 1'000'000'000;
// Idle buckets dropped per call: enough to keep pace with arrivals, small enough that no
// single request pays for a large sweep.
constexpr int idle_drops_per_call = 2;

Timestamp saturating_product(Timestamp a, std::uint32_t b) {
  constexpr Timestamp cap = std::numeric_limits<Timestamp>::max() / 4;
  if (b != 0 && a > cap / b) return cap;
  return a * b;
}

}  // namespace

RateLimiter::RateLimiter(std::size_t max_keys) : max_keys_(std::max<std::size_t>(max_keys, 1)) {}

RateDecision RateLimiter::acquire(std::string_view key, const RateLimit& limit, Timestamp now) {
  if (limit.tokens == 0) return {};
  const Timestamp interval = std::max<Timestamp>(limit.period / limit.tokens, 1);
  const Timestamp tolerance = saturating_product(interval, std::max<std::uint32_t>(limit.burst, 1) - 1);

  const std::lock_guard lock(mutex_);
  drop_idle_tail(now);
  std::string owned_key(key);
  auto found = index_.find(owned_key);
  const Timestamp arrival = found == index_.end() ? now : std::max(found->second->arrival, now);
  if (arrival - now > tolerance) {
    const Timestamp wait = arrival - now - tolerance;
    return {false, std::max<std::int64_t>((wait + nanos_per_second - 1) / nanos_per_second, 1)};
  }
  if (found == index_.end()) {
    if (index_.size() >= max_keys_) {
      index_.erase(buckets_.back().key);
      buckets_.pop_back();
    }
    buckets_.push_front(Bucket{owned_key, arrival + interval});
    index_.emplace(std::move(owned_key), buckets_.begin());
  } else {
    found->second->arrival = arrival + interval;
    buckets_.splice(buckets_.begin(), buckets_, found->second);
  }
  return {};
}

std::size_t RateLimiter::size() const {
  const std::lock_guard lock(mutex_);
  return index_.size();
}

void RateLimiter::drop_idle_tail(Timestamp now) {
  for (int i = 0; i < idle_drops_per_call && !buckets_.empty() && buckets_.back().arrival <= now; ++i) {
    index_.erase(buckets_.back().key);
    buckets_.pop_back();
  }
}

}  // namespace tvbot::webhook
