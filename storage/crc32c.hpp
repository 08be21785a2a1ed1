#pragma once
// CRC32C (Castagnoli), the checksum every stored record carries.
//
// Castagnoli rather than the zlib CRC32 because x86 has an instruction for it (SSE4.2
// `crc32`) that checksums 8 bytes per step, so verifying every record on every read costs
// little next to the read itself. crc32c() picks that path at run time when the CPU has
// it and falls back to a table-driven portable version otherwise; both give identical
// results (tests check both against the standard check value crc32c("123456789") =
// 0xE3069283).
#include <cstdint>
#include <string_view>

namespace tvbot::storage {

// `previous` extends a running checksum, so crc32c(b, crc32c(a)) == crc32c(a + b).
[[nodiscard]] std::uint32_t crc32c(std::string_view bytes, std::uint32_t previous = 0);

// The two implementations, exposed so both can be tested on any machine that has SSE4.2.
[[nodiscard]] std::uint32_t crc32c_portable(std::string_view bytes, std::uint32_t previous = 0);
[[nodiscard]] bool cpu_has_crc32c_instruction();
// Only call when cpu_has_crc32c_instruction() is true (it is an illegal instruction otherwise).
[[nodiscard]] std::uint32_t crc32c_hardware(std::string_view bytes, std::uint32_t previous = 0);

}  // namespace tvbot::storage
