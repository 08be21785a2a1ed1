#include "events/json_writer.hpp"

#include <cstddef>

namespace tvbot {
namespace {

// Length of the well-formed UTF-8 sequence starting at text[i], 0 if it is not one.
// Follows RFC 3629's table: no overlong forms, no surrogates (ED A0..BF), nothing above
// U+10FFFF (F4 90.. and F5..FF).
std::size_t utf8_sequence_length(std::string_view text, std::size_t i) {
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[i + k]); };
  const auto continuation_in = [&](std::size_t k, unsigned char low, unsigned char high) {
    return i + k < text.size() && byte(k) >= low && byte(k) <= high;
  };
  const unsigned char lead = byte(0);
  if (lead >= 0xC2 && lead <= 0xDF) return continuation_in(1, 0x80, 0xBF) ? 2 : 0;
  if (lead >= 0xE0 && lead <= 0xEF) {
    const unsigned char low = lead == 0xE0 ? 0xA0 : 0x80;
    const unsigned char high = lead == 0xED ? 0x9F : 0xBF;
    return continuation_in(1, low, high) && continuation_in(2, 0x80, 0xBF) ? 3 : 0;
  }
  if (lead >= 0xF0 && lead <= 0xF4) {
    const unsigned char low = lead == 0xF0 ? 0x90 : 0x80;
    const unsigned char high = lead == 0xF4 ? 0x8F : 0xBF;
    return continuation_in(1, low, high) && continuation_in(2, 0x80, 0xBF) &&
                   continuation_in(3, 0x80, 0xBF)
               ? 4
               : 0;
  }
  return 0;
}

constexpr std::string_view replacement_character = "\xEF\xBF\xBD";  // U+FFFD in UTF-8

}  // namespace

void append_json_string(std::string& out, std::string_view text) {
  out.reserve(out.size() + text.size() + 2);
  out += '"';
  // Bytes that need no escaping are copied in runs, not one by one.
  std::size_t run_start = 0;
  std::size_t i = 0;
  const auto flush_run = [&] { out.append(text.data() + run_start, i - run_start); };
  while (i < text.size()) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c >= 0x20 && c < 0x80 && c != '"' && c != '\\') {
      ++i;
      continue;
    }
    if (c >= 0x80) {
      if (const std::size_t length = utf8_sequence_length(text, i); length != 0) {
        i += length;
        continue;
      }
    }
    flush_run();
    if (c == '"' || c == '\\') {
      out += '\\';
      out += static_cast<char>(c);
    } else if (c < 0x20) {
      constexpr char hex[] = "0123456789abcdef";
      out += "\\u00";
      out += hex[c >> 4];
      out += hex[c & 0x0F];
    } else {
      out += replacement_character;
    }
    ++i;
    run_start = i;
  }
  flush_run();
  out += '"';
}

}  // namespace tvbot
