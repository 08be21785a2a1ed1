#include "http/webhook/json_number.hpp"

namespace tvbot::webhook {
namespace {

constexpr bool is_digit(char c) { return c >= '0' && c <= '9'; }

// Advances past one or more digits; false when there is none.
bool skip_digits(std::string_view text, std::size_t& i) {
  const std::size_t start = i;
  while (i < text.size() && is_digit(text[i])) ++i;
  return i > start;
}

}  // namespace

std::string_view trim_json_whitespace(std::string_view text) {
  while (!text.empty() && is_json_whitespace(text.front())) text.remove_prefix(1);
  while (!text.empty() && is_json_whitespace(text.back())) text.remove_suffix(1);
  return text;
}

bool is_json_number(std::string_view text) {
  std::size_t i = 0;
  if (i < text.size() && text[i] == '-') ++i;
  if (i < text.size() && text[i] == '0') {
    ++i;  // a leading zero stands alone: "01" is not JSON
  } else if (!skip_digits(text, i)) {
    return false;
  }
  if (i < text.size() && text[i] == '.') {
    ++i;
    if (!skip_digits(text, i)) return false;
  }
  if (i < text.size() && (text[i] == 'e' || text[i] == 'E')) {
    ++i;
    if (i < text.size() && (text[i] == '+' || text[i] == '-')) ++i;
    if (!skip_digits(text, i)) return false;
  }
  return i == text.size();
}

}  // namespace tvbot::webhook
