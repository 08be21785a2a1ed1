#pragma once
// Binary formats of the values stored under the keys in keys.hpp. Every value ends with a
// CRC32C of everything before it (and of its key, where the key carries meaning the value
// does not repeat), so a flipped bit anywhere is caught on read.
//
// Event record, format 1 (all integers big-endian):
//   offset  size  field
//        0     1  format version (1)
//        1     8  stream seq
//        9     8  global seq          (repeats the key, so a record moved to another key shows)
//       17     8  time (int64 ns)
//       25     2  stream name length  (names are at most max_stream_name_bytes)
//       27     2  type length
//       29     4  payload length
//       33     .  stream name, type, payload
//      end-4   4  CRC32C of bytes [0, end-4)
// A future format 2 gets a new version byte; readers keep decoding format 1.
//
// Stream index value: global seq (8) + CRC32C(key + those 8 bytes) (4).
// Snapshot value:     format (1) + version (8) + state length (4) + state + CRC32C(key + all before).
// Meta value:         format (1) + log id length (2) + log id + CRC32C(all before).
//
// Decoders return Error{"corruption", what is wrong}; callers add where it was found.
#include <cstdint>
#include <string>
#include <string_view>

#include "events/result.hpp"
#include "storage/types.hpp"

namespace tvbot::storage {

inline constexpr std::uint8_t record_format_version = 1;

[[nodiscard]] std::size_t event_record_size(std::string_view stream, const NewEvent& event);
// Replaces the contents of `out` with the record.
void encode_event_record(std::string& out, std::string_view stream, std::uint64_t stream_seq,
                         std::uint64_t global_seq, const NewEvent& event);
// Decodes into `out`, reusing its strings' capacity (replay decodes millions in a row).
[[nodiscard]] Status decode_event_record(std::string_view bytes, RecordedEvent& out);

inline constexpr std::size_t stream_index_value_size = 8 + 4;
[[nodiscard]] std::string encode_stream_index_value(std::string_view key, std::uint64_t global_seq);
[[nodiscard]] Result<std::uint64_t> decode_stream_index_value(std::string_view key,
                                                              std::string_view value);

[[nodiscard]] std::string encode_snapshot_record(std::string_view key, std::uint64_t version,
                                                 std::string_view state);
[[nodiscard]] Result<Snapshot> decode_snapshot_record(std::string_view key, std::string_view value);

[[nodiscard]] std::string encode_meta_record(std::string_view log_id);
// Returns the log id.
[[nodiscard]] Result<std::string> decode_meta_record(std::string_view value);

}  // namespace tvbot::storage
