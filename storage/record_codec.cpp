#include "storage/record_codec.hpp"

#include <cstdio>

#include "storage/byte_order.hpp"
#include "storage/crc32c.hpp"

namespace tvbot::storage {
namespace {

constexpr std::size_t event_header_size = 1 + 8 + 8 + 8 + 2 + 2 + 4;
constexpr std::size_t crc_size = 4;

Error corruption(std::string what) { return make_error("corruption", std::move(what)); }

std::string hex32(std::uint32_t value) {
  char text[11];
  std::snprintf(text, sizeof text, "0x%08x", value);
  return text;
}

// Checks the trailing CRC32C of `value`, computed over `key` (may be empty) and the rest.
Status check_crc(std::string_view key, std::string_view value) {
  const std::string_view covered = value.substr(0, value.size() - crc_size);
  const std::uint32_t stored = read_u32_be(value.data() + covered.size());
  const std::uint32_t computed = crc32c(covered, crc32c(key));
  if (stored != computed) {
    return corruption("crc mismatch (stored " + hex32(stored) + ", computed " + hex32(computed) + ")");
  }
  return {};
}

void append_crc(std::string& out, std::string_view key) {
  append_u32_be(out, crc32c(out, crc32c(key)));
}

Status check_format(std::uint8_t format) {
  if (format != record_format_version) {
    return corruption("unknown record format " + std::to_string(format));
  }
  return {};
}

}  // namespace

std::size_t event_record_size(std::string_view stream, const NewEvent& event) {
  return event_header_size + stream.size() + event.type.size() + event.payload.size() + crc_size;
}

void encode_event_record(std::string& out, std::string_view stream, std::uint64_t stream_seq,
                         std::uint64_t global_seq, const NewEvent& event) {
  // Lengths were checked against the max_* limits before the append was queued.
  out.clear();
  out.reserve(event_record_size(stream, event));
  out.push_back(static_cast<char>(record_format_version));
  append_u64_be(out, stream_seq);
  append_u64_be(out, global_seq);
  append_u64_be(out, static_cast<std::uint64_t>(event.time));
  append_u16_be(out, static_cast<std::uint16_t>(stream.size()));
  append_u16_be(out, static_cast<std::uint16_t>(event.type.size()));
  append_u32_be(out, static_cast<std::uint32_t>(event.payload.size()));
  out.append(stream);
  out.append(event.type);
  out.append(event.payload);
  append_crc(out, {});
}

Status decode_event_record(std::string_view bytes, RecordedEvent& out) {
  if (bytes.size() < event_header_size + crc_size) {
    return corruption("record of " + std::to_string(bytes.size()) + " bytes is shorter than a header");
  }
  // Format first: a future format may lay out the rest differently.
  if (Status format = check_format(static_cast<std::uint8_t>(bytes[0])); !format) return format;
  const std::size_t stream_size = read_u16_be(bytes.data() + 25);
  const std::size_t type_size = read_u16_be(bytes.data() + 27);
  const std::size_t payload_size = read_u32_be(bytes.data() + 29);
  const std::size_t expected_size = event_header_size + stream_size + type_size + payload_size + crc_size;
  if (bytes.size() != expected_size) {
    return corruption("record is " + std::to_string(bytes.size()) + " bytes but its lengths say " +
                      std::to_string(expected_size));
  }
  if (Status crc = check_crc({}, bytes); !crc) return crc;
  out.stream_seq = read_u64_be(bytes.data() + 1);
  out.global_seq = read_u64_be(bytes.data() + 9);
  out.time = static_cast<Timestamp>(read_u64_be(bytes.data() + 17));
  const char* body = bytes.data() + event_header_size;
  out.stream.assign(body, stream_size);
  out.type.assign(body + stream_size, type_size);
  out.payload.assign(body + stream_size + type_size, payload_size);
  return {};
}

std::string encode_stream_index_value(std::string_view key, std::uint64_t global_seq) {
  std::string value;
  value.reserve(stream_index_value_size);
  append_u64_be(value, global_seq);
  append_crc(value, key);
  return value;
}

Result<std::uint64_t> decode_stream_index_value(std::string_view key, std::string_view value) {
  if (value.size() != stream_index_value_size) {
    return corruption("index entry is " + std::to_string(value.size()) + " bytes, not " +
                      std::to_string(stream_index_value_size));
  }
  if (Status crc = check_crc(key, value); !crc) return crc.error();
  return read_u64_be(value.data());
}

std::string encode_snapshot_record(std::string_view key, std::uint64_t version,
                                   std::string_view state) {
  // Callers refuse states over 4 GiB - 1 before this; the length field is 32 bits.
  std::string value;
  value.reserve(1 + 8 + 4 + state.size() + crc_size);
  value.push_back(static_cast<char>(record_format_version));
  append_u64_be(value, version);
  append_u32_be(value, static_cast<std::uint32_t>(state.size()));
  value.append(state);
  append_crc(value, key);
  return value;
}

Result<Snapshot> decode_snapshot_record(std::string_view key, std::string_view value) {
  constexpr std::size_t header_size = 1 + 8 + 4;
  if (value.size() < header_size + crc_size) {
    return corruption("snapshot of " + std::to_string(value.size()) + " bytes is shorter than a header");
  }
  if (Status format = check_format(static_cast<std::uint8_t>(value[0])); !format) return format.error();
  const std::size_t state_size = read_u32_be(value.data() + 9);
  if (value.size() != header_size + state_size + crc_size) {
    return corruption("snapshot is " + std::to_string(value.size()) + " bytes but its length says " +
                      std::to_string(header_size + state_size + crc_size));
  }
  if (Status crc = check_crc(key, value); !crc) return crc.error();
  return Snapshot{read_u64_be(value.data() + 1), std::string(value.substr(header_size, state_size))};
}

std::string encode_meta_record(std::string_view log_id) {
  std::string value;
  value.push_back(static_cast<char>(record_format_version));
  append_u16_be(value, static_cast<std::uint16_t>(log_id.size()));
  value.append(log_id);
  append_crc(value, {});
  return value;
}

Result<std::string> decode_meta_record(std::string_view value) {
  constexpr std::size_t header_size = 1 + 2;
  if (value.size() < header_size + crc_size) return corruption("meta record is too short");
  if (Status format = check_format(static_cast<std::uint8_t>(value[0])); !format) return format.error();
  const std::size_t id_size = read_u16_be(value.data() + 1);
  if (value.size() != header_size + id_size + crc_size) {
    return corruption("meta record length does not match its log id length");
  }
  if (Status crc = check_crc({}, value); !crc) return crc.error();
  return std::string(value.substr(header_size, id_size));
}

}  // namespace tvbot::storage
