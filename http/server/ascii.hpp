#pragma once
// HTTP header names compare without regard to ASCII case (RFC 9110, 5.1).
#include <algorithm>
#include <string_view>

namespace tvbot::http {

[[nodiscard]] inline char ascii_lower(char c) {
  return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}

[[nodiscard]] inline bool equals_ignoring_ascii_case(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return ascii_lower(x) == ascii_lower(y);
         });
}

}  // namespace tvbot::http
