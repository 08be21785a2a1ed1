#pragma once
// A tiny deterministic PRNG. std::mt19937_64 would be deterministic too, but the standard
// distributions are not (their algorithms differ between standard libraries), and a paper
// run must replay bit for bit from its seed everywhere.
#include <cstdint>

namespace tvbot {

// SplitMix64 (Steele, Lea, Flood 2014): passes BigCrush, one 64-bit state, any seed is good.
class SeededRandom {
 public:
  explicit SeededRandom(std::uint64_t seed) : state_(seed) {}

  std::uint64_t next() {
    std::uint64_t z = (state_ += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
  }

  // Uniform in [low, high] (low <= high, span below 2^63). Draws that fall in the short
  // last bucket are redrawn, so no value is more likely than another: with span 3 and
  // 2^64 draws, 2^64 mod 3 = 1 value would otherwise be favoured.
  std::int64_t uniform(std::int64_t low, std::int64_t high) {
    const auto span = static_cast<std::uint64_t>(high - low) + 1;
    const std::uint64_t limit = UINT64_MAX - UINT64_MAX % span;
    std::uint64_t draw = next();
    while (draw >= limit) draw = next();
    return low + static_cast<std::int64_t>(draw % span);
  }

 private:
  std::uint64_t state_;
};

}  // namespace tvbot
