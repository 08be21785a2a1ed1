#pragma once
// Key layout of the event log (one RocksDB column family, one byte of prefix per kind).
// Integers are big-endian so that RocksDB's bytewise order is numeric order.
//
//   'M' "log"                      -> meta record: format version, log id
//   'E' global_seq:u64             -> event record (stream, stream seq, global seq, time,
//                                     type, payload, CRC32C); the global sequence index
//   'S' stream 0x00 stream_seq:u64 -> stream index entry: global_seq:u64 + CRC32C
//   'N' stream                     -> latest snapshot of the stream: version, state, CRC32C
//
// Stream names never contain 0x00, so the 0x00 after the name ends it: all of one stream's
// index keys are adjacent and sorted by seq, and stream "a" (S a 00 ..) sorts before
// stream "a/b" (S a 2f ..). Example: global seq 258 is 'E' 00 00 00 00 00 00 01 02;
// event 3 of "bot1/BTCUSDT" is 'S' "bot1/BTCUSDT" 00 00 00 00 00 00 00 00 03.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace tvbot::storage::keys {

inline constexpr char meta_prefix = 'M';
inline constexpr char event_prefix = 'E';
inline constexpr char stream_index_prefix = 'S';
inline constexpr char snapshot_prefix = 'N';
inline constexpr char stream_name_end = '\0';

[[nodiscard]] std::string meta_key();
[[nodiscard]] std::string event_key(std::uint64_t global_seq);
[[nodiscard]] std::string stream_index_key(std::string_view stream, std::uint64_t stream_seq);
// Every index key of `stream` sorts in [stream_index_begin, stream_index_end).
[[nodiscard]] std::string stream_index_begin(std::string_view stream);
[[nodiscard]] std::string stream_index_end(std::string_view stream);
[[nodiscard]] std::string snapshot_key(std::string_view stream);
// The first key past a prefix, for iterator upper bounds.
[[nodiscard]] std::string prefix_end(char prefix);

// nullopt when the key is not an event key of the right length.
[[nodiscard]] std::optional<std::uint64_t> parse_event_key(std::string_view key);

struct StreamIndexKey {
  std::string_view stream;
  std::uint64_t stream_seq = 0;
};
// nullopt when the key is not a well-formed stream index key.
[[nodiscard]] std::optional<StreamIndexKey> parse_stream_index_key(std::string_view key);

// Readable form of a key for error messages: printable bytes as they are, others as \xNN.
[[nodiscard]] std::string describe(std::string_view key);

}  // namespace tvbot::storage::keys
