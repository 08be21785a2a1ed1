#pragma once
// A notification's text, kept as styled spans of raw text until it is rendered for one of
// Telegram's parse modes. Keeping the raw text until the end is what makes escaping and
// truncation safe: escaping happens once, per span, and truncation cuts raw text at a
// UTF-8 character boundary, so it can never split an escape sequence ("&amp;", "\.") or
// leave a tag or entity unclosed.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tvbot::notify {

// Telegram's parse_mode values (https://core.telegram.org/bots/api#formatting-options).
enum class ParseMode { plain, html, markdown_v2, markdown };

// "HTML", "MarkdownV2", "Markdown"; "" or "none" is plain. nullopt for anything else.
[[nodiscard]] std::optional<ParseMode> parse_parse_mode(std::string_view name);
// The parse_mode field to send; "" for plain (the field is then omitted).
[[nodiscard]] std::string_view parse_mode_field(ParseMode mode);

enum class Style { plain, bold, code };

struct Span {
  Style style = Style::plain;
  std::string text;  // raw, unescaped, UTF-8
};

// Telegram's documented limit on a message's text (sendMessage "text": 1-4096 characters
// after entities parsing). Counting bytes of the rendered text is stricter than counting
// characters, so a text this builder keeps under the limit is always accepted.
inline constexpr std::size_t kMaxMessageBytes = 4096;

class Text {
 public:
  Text& plain(std::string_view text);
  Text& bold(std::string_view text);
  Text& code(std::string_view text);
  Text& line() { return plain("\n"); }

  [[nodiscard]] const std::vector<Span>& spans() const { return spans_; }
  // Escaped and marked up for `mode`. When the result would exceed `max_bytes` the raw text
  // is cut at a character boundary and "…" appended, so the result is at most max_bytes.
  [[nodiscard]] std::string render(ParseMode mode, std::size_t max_bytes = kMaxMessageBytes) const;
  // The raw text without markup (tests, logs).
  [[nodiscard]] std::string raw() const;

 private:
  std::vector<Span> spans_;
};

// Escapes `text` for `mode` outside any entity (plain style).
[[nodiscard]] std::string escape(std::string_view text, ParseMode mode);

}  // namespace tvbot::notify
