#include "http/webhook/redaction.hpp"

#include <algorithm>
#include <optional>
#include <vector>

#include "http/webhook/json_number.hpp"

namespace tvbot::webhook {
namespace {

constexpr std::string_view mask = "***";
constexpr std::string_view secret_fragments[] = {"secret",  "passphrase", "password",
                                                 "passwd",  "token",      "apikey",
                                                 "api_key", "api-key",    "private_key",
                                                 "credential"};
constexpr std::string_view secret_words[] = {"key", "pass", "pwd"};
// Words that name a secret even when typed without ':' or '=' ("secret hunter2").
constexpr std::string_view bare_secret_words[] = {"secret", "passphrase", "password", "token", "key"};

constexpr std::size_t npos = std::string_view::npos;

constexpr bool is_key_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
         c == '-' || c == '.';
}
constexpr bool is_quote(char c) { return c == '"' || c == '\''; }
constexpr char ascii_lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

int hex_digit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// The code unit of a JSON "\uXXXX" escape at i, or -1.
int unicode_escape_at(std::string_view in, std::size_t i) {
  if (i + 6 > in.size() || in[i] != '\\' || in[i + 1] != 'u') return -1;
  int code = 0;
  for (std::size_t k = i + 2; k < i + 6; ++k) {
    const int digit = hex_digit(in[k]);
    if (digit < 0) return -1;
    code = code * 16 + digit;
  }
  return code;
}

struct Word {
  std::size_t end;
  std::string lowered;  // escapes decoded; non-ASCII becomes '?', which no secret name contains
};

Word read_word(std::string_view in, std::size_t i) {
  Word word{i, {}};
  while (word.end < in.size()) {
    if (is_key_char(in[word.end])) {
      word.lowered += ascii_lower(in[word.end++]);
    } else if (const int code = unicode_escape_at(in, word.end); code >= 0) {
      word.lowered += code < 0x80 ? ascii_lower(static_cast<char>(code)) : '?';
      word.end += 6;
    } else {
      break;
    }
  }
  return word;
}

bool is_secret_key(std::string_view lowered) {
  return std::any_of(std::begin(secret_fragments), std::end(secret_fragments),
                     [&](std::string_view f) { return lowered.find(f) != npos; }) ||
         std::find(std::begin(secret_words), std::end(secret_words), lowered) != std::end(secret_words);
}

bool is_bare_secret_word(std::string_view lowered) {
  return std::find(std::begin(bare_secret_words), std::end(bare_secret_words), lowered) !=
         std::end(bare_secret_words);
}

// Index of the quote closing a string opened before `from`: the next `quote` behind an even
// number of backslashes. npos when the string never closes.
std::size_t closing_quote(std::string_view in, std::size_t from, char quote) {
  std::size_t backslashes = 0;
  for (std::size_t k = from; k < in.size(); ++k) {
    if (in[k] == quote && backslashes % 2 == 0) return k;
    backslashes = in[k] == '\\' ? backslashes + 1 : 0;
  }
  return npos;
}

// Index of the bracket closing the object or array opening at `open`, strings skipped.
std::size_t matching_bracket(std::string_view in, std::size_t open) {
  std::size_t depth = 0;
  for (std::size_t k = open; k < in.size(); ++k) {
    const char c = in[k];
    if (c == '"') {
      k = closing_quote(in, k + 1, '"');
      if (k == npos) return npos;
    } else if (c == '{' || c == '[') {
      ++depth;
    } else if ((c == '}' || c == ']') && --depth == 0) {
      return k;
    }
  }
  return npos;
}

bool is_json_scalar(std::string_view token) {
  return is_json_number(token) || token == "true" || token == "false" || token == "null";
}

// A stretch of the input to replace. Stretches are found for every secret key, even one
// inside another key's masked value, and merged only when the output is built: a value that
// is masked too widely can then never swallow the next key and leave that key's value bare.
struct Stretch {
  std::size_t begin;
  std::size_t end;
  std::string_view replacement;
};

constexpr std::string_view quoted_mask = "\"***\"";

std::size_t end_of_word_run(std::string_view in, std::size_t j) {
  while (j < in.size() && !is_json_whitespace(in[j])) ++j;
  return j;
}

// The value starting at j. `separator` is ':', '=' or ' ' (none).
std::optional<Stretch> value_stretch(std::string_view in, std::size_t j, char separator) {
  if (j >= in.size()) return std::nullopt;
  if (separator == '=' && in[j] != '"') {
    // The text form: only '"' quotes a value, anything else runs to the next whitespace.
    return Stretch{j, end_of_word_run(in, j), mask};
  }
  std::size_t k = j;
  while (k < in.size() && in[k] == '\\') ++k;  // \"...\" : a value quoted inside a JSON string
  if (k < in.size() && is_quote(in[k])) {
    const char quote = in[k];
    if (k > j) {
      // Escaped quoting ends at the next quote; the backslashes before it stay.
      std::size_t close = in.find(quote, k + 1);
      if (close == npos) return Stretch{k + 1, in.size(), mask};
      while (close > k + 1 && in[close - 1] == '\\') --close;
      return Stretch{k + 1, close, mask};
    }
    const std::size_t close = closing_quote(in, k + 1, quote);
    return Stretch{k + 1, close == npos ? in.size() : close, mask};
  }
  if (k >= in.size()) return std::nullopt;
  if (in[k] == '{' || in[k] == '[') {
    const std::size_t close = matching_bracket(in, k);
    return Stretch{k, close == npos ? in.size() : close + 1, quoted_mask};
  }
  std::size_t end = end_of_word_run(in, k);
  if (separator == ':') {
    // In JSON a bare value ends at ',', '}' or ']'; only a real scalar may stop there, so a
    // malformed value is masked to the whitespace instead.
    const std::size_t scalar_end = in.substr(k, end - k).find_first_of(",}]");
    if (scalar_end != npos && is_json_scalar(in.substr(k, scalar_end))) end = k + scalar_end;
    return Stretch{k, end, quoted_mask};
  }
  return Stretch{k, end, mask};
}

// The value of a secret key that ends at i, if one follows it.
std::optional<Stretch> stretch_after_key(std::string_view in, std::size_t i, bool bare_word) {
  std::size_t j = i;
  while (j < in.size() && (is_json_whitespace(in[j]) || is_quote(in[j]) || in[j] == '\\')) ++j;
  if (j < in.size() && (in[j] == ':' || in[j] == '=')) {
    const char separator = in[j++];
    while (j < in.size() && is_json_whitespace(in[j])) ++j;
    return value_stretch(in, j, separator);
  }
  if (!bare_word) return std::nullopt;
  j = i;
  while (j < in.size() && is_quote(in[j])) ++j;
  const std::size_t spaces = j;
  while (j < in.size() && is_json_whitespace(in[j])) ++j;
  if (j == spaces || j >= in.size() || !(is_key_char(in[j]) || is_quote(in[j]))) return std::nullopt;
  return value_stretch(in, j, ' ');
}

}  // namespace

std::string redact_body(std::string_view body) {
  std::vector<Stretch> stretches;
  for (std::size_t i = 0; i < body.size();) {
    if (!is_key_char(body[i]) && unicode_escape_at(body, i) < 0) {
      ++i;
      continue;
    }
    const Word word = read_word(body, i);
    i = word.end;
    if (!is_secret_key(word.lowered)) continue;
    if (std::optional<Stretch> value = stretch_after_key(body, i, is_bare_secret_word(word.lowered))) {
      if (value->end > value->begin) stretches.push_back(*value);
    }
  }
  std::sort(stretches.begin(), stretches.end(),
            [](const Stretch& a, const Stretch& b) { return a.begin < b.begin; });
  std::string out;
  out.reserve(body.size());
  std::size_t copied = 0;
  for (std::size_t n = 0; n < stretches.size();) {
    // Overlapping stretches become one, replaced as the first of them would be.
    Stretch merged = stretches[n++];
    while (n < stretches.size() && stretches[n].begin < merged.end) {
      merged.end = std::max(merged.end, stretches[n++].end);
    }
    out.append(body.substr(copied, merged.begin - copied)).append(merged.replacement);
    copied = merged.end;
  }
  out.append(body.substr(copied));
  return out;
}

std::string redact_target(std::string_view target) {
  const std::size_t query = target.find('?');
  const std::string_view path = target.substr(0, query);
  std::string out;
  // Keep "/webhook/<bot>"; every later segment may be a token.
  std::size_t kept_segments = 0;
  std::size_t i = 0;
  while (i < path.size()) {
    const std::size_t next = std::min(path.find('/', i + 1), path.size());
    const std::string_view segment = path.substr(i, next - i);  // with its leading '/'
    if (kept_segments < 2 || segment.size() <= 1) {
      out.append(segment);
    } else {
      out.append(segment.substr(0, 1)).append(mask);
    }
    ++kept_segments;
    i = next;
  }
  if (query != npos) out.append("?").append(mask);
  return out;
}

std::string_view truncate_utf8(std::string_view text, std::size_t max_bytes) {
  if (text.size() <= max_bytes) return text;
  std::size_t cut = max_bytes;
  // Step back over continuation bytes (10xxxxxx) so a multi-byte character stays whole.
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  return text.substr(0, cut);
}

std::string quote_for_message(std::string_view text) {
  constexpr std::size_t max_quoted_bytes = 48;
  const std::string redacted = redact_body(text);
  const std::string_view shown = truncate_utf8(redacted, max_quoted_bytes);
  std::string out = "'";
  for (char c : shown) out += (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) ? '?' : c;
  if (shown.size() < redacted.size()) out += "...";
  out += '\'';
  return out;
}

}  // namespace tvbot::webhook
