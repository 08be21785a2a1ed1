#pragma once
// What the log accepts as names. Checked before anything is queued, so the encoders can
// rely on the lengths fitting their 16-bit fields.
#include <cstddef>
#include <string>
#include <string_view>

#include "events/result.hpp"

namespace tvbot::storage {

// Stream names are "bot/instrument"; 512 bytes is far beyond any real one and keeps index
// keys short. Types are event type names such as "PositionIncreased". Log ids are node names.
inline constexpr std::size_t max_stream_name_bytes = 512;
inline constexpr std::size_t max_type_bytes = 128;
inline constexpr std::size_t max_log_id_bytes = 128;

// A stream name is 1..max_stream_name_bytes bytes without 0x00 (0x00 ends the name in
// index keys, see keys.hpp).
[[nodiscard]] inline Status check_stream_name(std::string_view stream) {
  if (stream.empty() || stream.size() > max_stream_name_bytes) {
    return make_error("invalid_argument", "a stream name is 1 to " +
                                              std::to_string(max_stream_name_bytes) + " bytes, got " +
                                              std::to_string(stream.size()));
  }
  if (stream.find('\0') != std::string_view::npos) {
    return make_error("invalid_argument", "a stream name cannot contain a 0x00 byte");
  }
  return {};
}

}  // namespace tvbot::storage
