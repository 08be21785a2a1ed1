#pragma once
// Big-endian integers for keys and records. Big-endian because RocksDB compares keys
// bytewise: 256 encodes as 00..01 00 and sorts after 255 (00..00 ff), so iteration order
// is numeric order. Records use the same order so one helper serves both.
#include <cstdint>
#include <string>
#include <string_view>

namespace tvbot::storage {

// Each writes into a small array and appends once: byte-wise push_back showed up in
// profiles of bulk appends (it re-checks capacity per byte, badly so in Debug builds).
inline void append_u16_be(std::string& out, std::uint16_t value) {
  const char bytes[2] = {static_cast<char>(value >> 8), static_cast<char>(value)};
  out.append(bytes, sizeof bytes);
}

inline void append_u32_be(std::string& out, std::uint32_t value) {
  char bytes[4];
  for (int i = 0; i < 4; ++i) bytes[i] = static_cast<char>(value >> (24 - 8 * i));
  out.append(bytes, sizeof bytes);
}

inline void append_u64_be(std::string& out, std::uint64_t value) {
  char bytes[8];
  for (int i = 0; i < 8; ++i) bytes[i] = static_cast<char>(value >> (56 - 8 * i));
  out.append(bytes, sizeof bytes);
}

// The read_* functions expect the caller to have checked that enough bytes remain.
inline std::uint16_t read_u16_be(const char* bytes) {
  const auto* b = reinterpret_cast<const unsigned char*>(bytes);
  return static_cast<std::uint16_t>((b[0] << 8) | b[1]);
}

inline std::uint32_t read_u32_be(const char* bytes) {
  const auto* b = reinterpret_cast<const unsigned char*>(bytes);
  return (std::uint32_t{b[0]} << 24) | (std::uint32_t{b[1]} << 16) | (std::uint32_t{b[2]} << 8) |
         std::uint32_t{b[3]};
}

inline std::uint64_t read_u64_be(const char* bytes) {
  return (std::uint64_t{read_u32_be(bytes)} << 32) | read_u32_be(bytes + 4);
}

}  // namespace tvbot::storage
