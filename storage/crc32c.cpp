#include "storage/crc32c.hpp"

#include <boost/crc.hpp>
#include <cstring>

#if defined(__x86_64__)
#include <nmmintrin.h>
#endif

namespace tvbot::storage {
namespace {

// The portable path is Boost.CRC (header-only, table-driven, long tested) rather than a
// hand-written table: it only runs on CPUs without SSE4.2, where its speed hardly
// matters, so correctness is what counts. Parameters are CRC-32C's: polynomial 0x1EDC6F41,
// all-ones initial value and final xor, reflected input and output.
using BoostCrc32c = boost::crc_optimal<32, 0x1EDC6F41, 0xFFFFFFFF, 0xFFFFFFFF, true, true>;

std::uint32_t reverse_bits(std::uint32_t value) {
  std::uint32_t reversed = 0;
  for (int bit = 0; bit < 32; ++bit, value >>= 1) reversed = (reversed << 1) | (value & 1u);
  return reversed;
}

}  // namespace

std::uint32_t crc32c_portable(std::string_view bytes, std::uint32_t previous) {
  // Resuming from a finished checksum: undo the final xor, and bit-reverse because Boost
  // takes the initial remainder in unreflected (MSB-first) form while CRC-32C's register
  // is reflected. Without the reversal only previous == 0 works (0xFFFFFFFF is symmetric).
  BoostCrc32c crc(reverse_bits(previous ^ 0xFFFFFFFFu));
  crc.process_bytes(bytes.data(), bytes.size());
  return crc.checksum();
}

#if defined(__x86_64__)

bool cpu_has_crc32c_instruction() { return __builtin_cpu_supports("sse4.2"); }

__attribute__((target("sse4.2"))) std::uint32_t crc32c_hardware(std::string_view bytes,
                                                                  std::uint32_t previous) {
  std::uint64_t state = previous ^ 0xFFFFFFFFu;
  const char* next = bytes.data();
  std::size_t left = bytes.size();
  while (left >= 8) {
    std::uint64_t word;
    std::memcpy(&word, next, 8);  // records are not 8-byte aligned; memcpy is the legal load
    state = _mm_crc32_u64(state, word);
    next += 8;
    left -= 8;
  }
  auto state32 = static_cast<std::uint32_t>(state);
  while (left > 0) {
    state32 = _mm_crc32_u8(state32, static_cast<unsigned char>(*next));
    ++next;
    --left;
  }
  return state32 ^ 0xFFFFFFFFu;
}

#else

bool cpu_has_crc32c_instruction() { return false; }

std::uint32_t crc32c_hardware(std::string_view bytes, std::uint32_t previous) {
  return crc32c_portable(bytes, previous);
}

#endif

std::uint32_t crc32c(std::string_view bytes, std::uint32_t previous) {
  static const bool use_hardware = cpu_has_crc32c_instruction();
  return use_hardware ? crc32c_hardware(bytes, previous) : crc32c_portable(bytes, previous);
}

}  // namespace tvbot::storage
