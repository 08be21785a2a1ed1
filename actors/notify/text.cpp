#include "actors/notify/text.hpp"

namespace tvbot::notify {
namespace {

constexpr std::string_view kEllipsis = "\xE2\x80\xA6";  // "…", U+2026

// MarkdownV2: "any character with code between 1 and 126 inclusively can be escaped anywhere
// with a preceding '\'", and these must be. '\' itself too, or it would escape the next one.
bool markdown_v2_special(char c) {
  return std::string_view("_*[]()~`>#+-=|{}.!\\").find(c) != std::string_view::npos;
}
// Legacy Markdown: "to escape characters '_', '*', '`', '[' outside of an entity, prepend
// the characters '\' before them". Inside an entity nothing can be escaped.
bool markdown_special(char c) { return c == '_' || c == '*' || c == '`' || c == '['; }

// How a span is really written: legacy Markdown cannot escape inside an entity, so a bold
// or code span holding one of its entity characters is written as escaped plain text.
Style effective_style(const Span& span, ParseMode mode) {
  if (mode == ParseMode::plain) return Style::plain;
  if (mode == ParseMode::markdown && span.style != Style::plain) {
    for (const char c : span.text) {
      if (markdown_special(c)) return Style::plain;
    }
  }
  return span.style;
}

std::string_view opening(Style style, ParseMode mode) {
  if (style == Style::plain || mode == ParseMode::plain) return {};
  if (mode == ParseMode::html) return style == Style::bold ? "<b>" : "<code>";
  return style == Style::bold ? "*" : "`";
}

std::string_view closing(Style style, ParseMode mode) {
  if (style == Style::plain || mode == ParseMode::plain) return {};
  if (mode == ParseMode::html) return style == Style::bold ? "</b>" : "</code>";
  return style == Style::bold ? "*" : "`";
}

// Appends one raw byte, escaped for `mode` inside a span of `style`. Every special
// character is ASCII, so bytes of multi-byte UTF-8 characters pass through unchanged.
void append_escaped(std::string& out, char c, ParseMode mode, Style style) {
  switch (mode) {
    case ParseMode::plain:
      out += c;
      return;
    case ParseMode::html:
      if (c == '&') {
        out += "&amp;";
      } else if (c == '<') {
        out += "&lt;";
      } else if (c == '>') {
        out += "&gt;";
      } else {
        out += c;
      }
      return;
    case ParseMode::markdown_v2:
      // Inside code only '`' and '\' are special.
      if (style == Style::code ? (c == '`' || c == '\\') : markdown_v2_special(c)) out += '\\';
      out += c;
      return;
    case ParseMode::markdown:
      if (style == Style::plain && markdown_special(c)) out += '\\';
      out += c;
      return;
  }
}

std::size_t utf8_length(unsigned char lead) {
  if (lead < 0x80) return 1;
  if ((lead >> 5) == 0x6) return 2;
  if ((lead >> 4) == 0xE) return 3;
  if ((lead >> 3) == 0x1E) return 4;
  return 1;  // a stray continuation or invalid byte: treat it as a character of its own
}

std::string render_span(const Span& span, ParseMode mode) {
  const Style style = effective_style(span, mode);
  std::string out(opening(style, mode));
  for (const char c : span.text) append_escaped(out, c, mode, style);
  out += closing(style, mode);
  return out;
}

// Appends as much of `span` as fits in `budget` bytes of `out`, whole characters only, with
// its closing markup. Returns false when something had to be left out.
bool append_within(std::string& out, const Span& span, ParseMode mode, std::size_t budget) {
  const std::string whole = render_span(span, mode);
  if (out.size() + whole.size() <= budget) {
    out += whole;
    return true;
  }
  const Style style = effective_style(span, mode);
  const std::string_view open = opening(style, mode);
  const std::string_view close = closing(style, mode);
  std::string part;
  std::size_t i = 0;
  while (i < span.text.size()) {
    const std::size_t n =
        std::min(utf8_length(static_cast<unsigned char>(span.text[i])), span.text.size() - i);
    std::string piece;
    for (std::size_t k = 0; k < n; ++k) append_escaped(piece, span.text[i + k], mode, style);
    if (out.size() + open.size() + part.size() + piece.size() + close.size() > budget) break;
    part += piece;
    i += n;
  }
  if (!part.empty()) {
    out += open;
    out += part;
    out += close;
  }
  return false;
}

}  // namespace

std::optional<ParseMode> parse_parse_mode(std::string_view name) {
  if (name.empty() || name == "none") return ParseMode::plain;
  if (name == "HTML") return ParseMode::html;
  if (name == "MarkdownV2") return ParseMode::markdown_v2;
  if (name == "Markdown") return ParseMode::markdown;
  return std::nullopt;
}

std::string_view parse_mode_field(ParseMode mode) {
  switch (mode) {
    case ParseMode::plain:
      return "";
    case ParseMode::html:
      return "HTML";
    case ParseMode::markdown_v2:
      return "MarkdownV2";
    case ParseMode::markdown:
      return "Markdown";
  }
  return "";
}

Text& Text::plain(std::string_view text) {
  if (!text.empty()) spans_.push_back({Style::plain, std::string(text)});
  return *this;
}
Text& Text::bold(std::string_view text) {
  if (!text.empty()) spans_.push_back({Style::bold, std::string(text)});
  return *this;
}
Text& Text::code(std::string_view text) {
  if (!text.empty()) spans_.push_back({Style::code, std::string(text)});
  return *this;
}

std::string Text::render(ParseMode mode, std::size_t max_bytes) const {
  std::string out;
  for (const auto& span : spans_) out += render_span(span, mode);
  if (out.size() <= max_bytes) return out;
  out.clear();
  const std::size_t budget = max_bytes > kEllipsis.size() ? max_bytes - kEllipsis.size() : 0;
  for (const auto& span : spans_) {
    if (!append_within(out, span, mode, budget)) break;
  }
  if (out.size() + kEllipsis.size() <= max_bytes) out += kEllipsis;
  return out;
}

std::string Text::raw() const {
  std::string out;
  for (const auto& span : spans_) out += span.text;
  return out;
}

std::string escape(std::string_view text, ParseMode mode) {
  std::string out;
  for (const char c : text) append_escaped(out, c, mode, Style::plain);
  return out;
}

}  // namespace tvbot::notify
