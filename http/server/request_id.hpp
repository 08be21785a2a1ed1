#pragma once
// Request ids tie a client's request to our logs. A client-supplied X-Request-Id is kept
// when it is harmless to log; otherwise the server makes one.
#include <atomic>
#include <cstdint>
#include <string>
#include <string_view>

namespace tvbot::http {

// At most 64 characters from [A-Za-z0-9._:-]: enough for UUIDs and the ids of common
// proxies, and nothing that could forge a log line or smuggle markup.
[[nodiscard]] bool is_acceptable_request_id(std::string_view candidate);

// 16 lowercase hex characters: id(n) = mix(seed + n * golden), where mix is the
// SplitMix64 finalizer, a bijection on 64-bit integers, and the odd golden-ratio step
// visits every 64-bit value before repeating. So one generator never repeats an id
// within 2^64 requests, and the random seed keeps ids of different servers (or of one
// server after a restart) from colliding in shared logs.
class RequestIdGenerator {
 public:
  explicit RequestIdGenerator(std::uint64_t seed) : seed_(seed) {}

  [[nodiscard]] std::string next();

 private:
  std::uint64_t seed_;
  std::atomic<std::uint64_t> counter_{1};
};

// Seed for a RequestIdGenerator, from std::random_device.
[[nodiscard]] std::uint64_t random_request_id_seed();

// Format of generated ids, exposed for tests.
[[nodiscard]] std::string format_request_id(std::uint64_t seed, std::uint64_t counter);

}  // namespace tvbot::http
