#include "storage/keys.hpp"

#include "storage/byte_order.hpp"

namespace tvbot::storage::keys {

std::string meta_key() { return std::string{meta_prefix} + "log"; }

std::string event_key(std::uint64_t global_seq) {
  std::string key{event_prefix};
  append_u64_be(key, global_seq);
  return key;
}

std::string stream_index_begin(std::string_view stream) {
  std::string key{stream_index_prefix};
  key.append(stream);
  key.push_back(stream_name_end);
  return key;
}

std::string stream_index_end(std::string_view stream) {
  std::string key{stream_index_prefix};
  key.append(stream);
  key.push_back(stream_name_end + 1);
  return key;
}

std::string stream_index_key(std::string_view stream, std::uint64_t stream_seq) {
  std::string key = stream_index_begin(stream);
  append_u64_be(key, stream_seq);
  return key;
}

std::string snapshot_key(std::string_view stream) {
  std::string key{snapshot_prefix};
  key.append(stream);
  return key;
}

std::string prefix_end(char prefix) { return std::string(1, static_cast<char>(prefix + 1)); }

std::optional<std::uint64_t> parse_event_key(std::string_view key) {
  if (key.size() != 1 + 8 || key[0] != event_prefix) return std::nullopt;
  return read_u64_be(key.data() + 1);
}

std::optional<StreamIndexKey> parse_stream_index_key(std::string_view key) {
  // 'S' + at least one name byte + 0x00 + 8 seq bytes
  constexpr std::size_t suffix_size = 1 + 8;
  if (key.size() < 1 + 1 + suffix_size || key[0] != stream_index_prefix) return std::nullopt;
  const std::size_t name_end = key.size() - suffix_size;
  if (key[name_end] != stream_name_end) return std::nullopt;
  const std::string_view stream = key.substr(1, name_end - 1);
  if (stream.find(stream_name_end) != std::string_view::npos) return std::nullopt;
  return StreamIndexKey{stream, read_u64_be(key.data() + name_end + 1)};
}

std::string describe(std::string_view key) {
  static constexpr char hex_digits[] = "0123456789abcdef";
  std::string text;
  for (const char c : key) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte >= 0x20 && byte < 0x7f && byte != '\\') {
      text.push_back(c);
    } else {
      text += "\\x";
      text.push_back(hex_digits[byte >> 4]);
      text.push_back(hex_digits[byte & 0xf]);
    }
  }
  return text;
}

}  // namespace tvbot::storage::keys
