#pragma once
// Token buckets per key (a bot id, a client address) with bounded memory and no clock of
// its own: callers pass the time, so tests are exact.
//
// Each bucket is kept as one number, the "theoretical arrival time" of the generic cell rate
// algorithm, which behaves exactly like a bucket of `burst` tokens refilled at one token per
// interval = period / tokens. Worked example, 1 token per second, burst 2:
//   t=0 s allowed, t=0 s allowed, t=0 s refused (retry after 1 s), t=1 s allowed, t=1 s refused.
// A bucket whose arrival time has passed is full, i.e. the same as no bucket, so idle buckets
// are dropped without changing any answer. When max_keys buckets are in use the least
// recently used one is dropped (its key gets a full bucket again: the price of bounded memory).
#include <cstddef>
#include <cstdint>
#include <list>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>

#include "events/event_types.hpp"

namespace tvbot::webhook {

struct RateLimit {
  std::uint32_t tokens = 0;             // per period; 0 means no limit
  Timestamp period = 1'000'000'000;     // nanoseconds
  std::uint32_t burst = 1;              // requests allowed at once from a full bucket (0 acts as 1)
};

struct RateDecision {
  bool allowed = true;
  std::int64_t retry_after_seconds = 0;  // when refused: whole seconds, at least 1 (Retry-After)
};

class RateLimiter {
 public:
  explicit RateLimiter(std::size_t max_keys);

  // Takes one token from key's bucket if there is one. Thread-safe.
  [[nodiscard]] RateDecision acquire(std::string_view key, const RateLimit& limit, Timestamp now);

  // Buckets currently held (not full).
  [[nodiscard]] std::size_t size() const;

 private:
  struct Bucket {
    std::string key;
    Timestamp arrival = 0;  // the bucket is full again at this time
  };
  using Buckets = std::list<Bucket>;  // most recently used first

  void drop_idle_tail(Timestamp now);

  const std::size_t max_keys_;
  mutable std::mutex mutex_;
  Buckets buckets_;
  std::unordered_map<std::string, Buckets::iterator> index_;
};

}  // namespace tvbot::webhook
