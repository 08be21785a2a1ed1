#pragma once
// Append-only JSON building blocks for the codec: no streams, no intermediate strings
// beyond what a value's own to_string() returns.
#include <charconv>
#include <cstdint>
#include <string>
#include <string_view>

#include "events/codec.hpp"

namespace tvbot::json {

// Writes one object: '{' on construction, commas between fields, '}' on close().
class ObjectWriter {
 public:
  explicit ObjectWriter(std::string& out) : out_(out) { out_ += '{'; }

  // Field names are the codec's own snake_case identifiers, so they need no escaping.
  std::string& key(std::string_view name) {
    if (!first_) out_ += ',';
    first_ = false;
    out_ += '"';
    out_ += name;
    out_ += "\":";
    return out_;
  }
  void close() { out_ += '}'; }

 private:
  std::string& out_;
  bool first_ = true;
};

inline void append_uint(std::string& out, std::uint64_t value) {
  char digits[20];  // 18446744073709551615 has 20 digits
  const auto end = std::to_chars(digits, digits + sizeof digits, value).ptr;
  out.append(digits, end);
}

// For text known to need no escaping: decimal digits, enum names, type names.
inline void append_quoted_plain(std::string& out, std::string_view text) {
  out += '"';
  out += text;
  out += '"';
}

// Appends the quoted format_timestamp() text without a temporary string.
void append_timestamp(std::string& out, Timestamp time);

}  // namespace tvbot::json
