#include "http/server/request_id.hpp"

#include <array>
#include <random>

namespace tvbot::http {
namespace {

constexpr std::size_t kMaxClientRequestIdLength = 64;
// 2^64 / golden ratio, odd: stepping by it walks all 2^64 values before repeating.
constexpr std::uint64_t kGoldenStep = 0x9e3779b97f4a7c15ULL;

bool is_request_id_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
         c == '-' || c == '_' || c == '.' || c == ':';
}

// SplitMix64's finalizer (Steele, Lea, Flood 2014): invertible, so distinct inputs give
// distinct outputs.
std::uint64_t mix(std::uint64_t z) {
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

}  // namespace

bool is_acceptable_request_id(std::string_view candidate) {
  if (candidate.empty() || candidate.size() > kMaxClientRequestIdLength) return false;
  for (char c : candidate) {
    if (!is_request_id_char(c)) return false;
  }
  return true;
}

std::string format_request_id(std::uint64_t seed, std::uint64_t counter) {
  static constexpr std::array<char, 16> kHex = {'0', '1', '2', '3', '4', '5', '6', '7',
                                                '8', '9', 'a', 'b', 'c', 'd', 'e', 'f'};
  std::uint64_t value = mix(seed + counter * kGoldenStep);
  std::string id(16, '0');
  for (std::size_t i = id.size(); i-- > 0;) {
    id[i] = kHex[value & 0xf];
    value >>= 4;
  }
  return id;
}

std::string RequestIdGenerator::next() {
  return format_request_id(seed_, counter_.fetch_add(1, std::memory_order_relaxed));
}

std::uint64_t random_request_id_seed() {
  std::random_device device;
  return (static_cast<std::uint64_t>(device()) << 32) ^ device();
}

}  // namespace tvbot::http
