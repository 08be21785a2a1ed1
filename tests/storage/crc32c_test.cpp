#include "storage/crc32c.hpp"

#include <gtest/gtest.h>

#include <random>
#include <string>

namespace tvbot::storage {
namespace {

// The check value every CRC-32C implementation publishes (RFC 3720, B.4).
constexpr std::uint32_t check_value = 0xE3069283;

std::string random_bytes(std::size_t size, std::uint32_t seed) {
  std::mt19937 generator(seed);
  std::string bytes(size, '\0');
  for (char& byte : bytes) byte = static_cast<char>(generator());
  return bytes;
}

TEST(Crc32c, Portable_version_gives_the_standard_check_value) {
  EXPECT_EQ(crc32c_portable("123456789"), check_value);
}

TEST(Crc32c, Hardware_version_gives_the_standard_check_value) {
  if (!cpu_has_crc32c_instruction()) GTEST_SKIP() << "this CPU has no SSE4.2";
  EXPECT_EQ(crc32c_hardware("123456789"), check_value);
}

TEST(Crc32c, Dispatching_version_gives_the_standard_check_value) {
  EXPECT_EQ(crc32c("123456789"), check_value);
}

TEST(Crc32c, Empty_input_checksums_to_zero) {
  EXPECT_EQ(crc32c_portable(""), 0u);
  EXPECT_EQ(crc32c(""), 0u);
}

TEST(Crc32c, Hardware_and_portable_agree_on_every_length_and_alignment) {
  if (!cpu_has_crc32c_instruction()) GTEST_SKIP() << "this CPU has no SSE4.2";
  const std::string bytes = random_bytes(300, 7);
  // Offsets 0..7 put the 8-byte steps on every alignment; lengths cross the 8-byte tail.
  for (std::size_t offset = 0; offset < 8; ++offset) {
    for (std::size_t length = 0; length + offset <= 200; ++length) {
      const std::string_view slice(bytes.data() + offset, length);
      ASSERT_EQ(crc32c_hardware(slice), crc32c_portable(slice)) << "offset " << offset << " length " << length;
    }
  }
}

TEST(Crc32c, Extending_a_checksum_equals_checksumming_the_concatenation) {
  const std::string bytes = random_bytes(100, 11);
  for (std::size_t split = 0; split <= bytes.size(); split += 13) {
    const std::string_view head = std::string_view(bytes).substr(0, split);
    const std::string_view tail = std::string_view(bytes).substr(split);
    EXPECT_EQ(crc32c_portable(tail, crc32c_portable(head)), crc32c_portable(bytes));
    EXPECT_EQ(crc32c(tail, crc32c(head)), crc32c(bytes));
  }
}

TEST(Crc32c, A_single_flipped_bit_changes_the_checksum) {
  std::string bytes = random_bytes(64, 3);
  const std::uint32_t original = crc32c(bytes);
  for (std::size_t bit = 0; bit < bytes.size() * 8; ++bit) {
    bytes[bit / 8] = static_cast<char>(bytes[bit / 8] ^ (1 << (bit % 8)));
    EXPECT_NE(crc32c(bytes), original) << "bit " << bit;
    bytes[bit / 8] = static_cast<char>(bytes[bit / 8] ^ (1 << (bit % 8)));
  }
}

}  // namespace
}  // namespace tvbot::storage
