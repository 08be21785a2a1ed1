// The compact text half of read_alert_fields; the grammar is in alert_reader.hpp.
#include <string>

#include "http/webhook/alert_reader.hpp"
#include "http/webhook/json_number.hpp"
#include "http/webhook/redaction.hpp"

namespace tvbot::webhook {
namespace {

struct Token {
  std::string_view key;    // empty for a positional token
  std::string_view value;  // the quotes of a quoted value removed
  std::string_view whole;  // as written, for error messages
};

class TextTokenizer {
 public:
  explicit TextTokenizer(std::string_view text) : text_(text) {}

  // Next token, or an empty `whole` at the end of the text.
  Result<Token> next() {
    while (pos_ < text_.size() && is_json_whitespace(text_[pos_])) ++pos_;
    const std::size_t start = pos_;
    if (pos_ == text_.size()) return Token{};
    ++index_;
    while (pos_ < text_.size() && !is_json_whitespace(text_[pos_]) && text_[pos_] != '=') ++pos_;
    if (pos_ == text_.size() || text_[pos_] != '=') {
      const std::string_view word = text_.substr(start, pos_ - start);
      return Token{{}, word, word};
    }
    const std::string_view key = text_.substr(start, pos_ - start);
    ++pos_;  // '='
    std::string_view value;
    if (pos_ < text_.size() && text_[pos_] == '"') {
      const std::size_t close = text_.find('"', pos_ + 1);
      if (close == std::string_view::npos) {
        return bad_token(text_.substr(start), "has no closing quote");
      }
      value = text_.substr(pos_ + 1, close - pos_ - 1);
      pos_ = close + 1;
      if (pos_ < text_.size() && !is_json_whitespace(text_[pos_])) {
        while (pos_ < text_.size() && !is_json_whitespace(text_[pos_])) ++pos_;
        return bad_token(text_.substr(start, pos_ - start), "has text after its closing quote");
      }
    } else {
      const std::size_t value_start = pos_;
      while (pos_ < text_.size() && !is_json_whitespace(text_[pos_])) ++pos_;
      value = text_.substr(value_start, pos_ - value_start);
    }
    const Token token{key, value, text_.substr(start, pos_ - start)};
    if (key.empty()) return bad_token(token.whole, "has no key before '='");
    return token;
  }

  Error bad_token(std::string_view whole, std::string_view problem) const {
    return make_error("malformed_text", "token " + std::to_string(index_) + " " +
                                            quote_for_message(whole) + " " + std::string(problem));
  }

 private:
  std::string_view text_;
  std::size_t pos_ = 0;
  std::size_t index_ = 0;
};

}  // namespace

Result<AlertFields> read_text_alert_fields(std::string_view body, const AlertLimits& limits) {
  if (trim_json_whitespace(body).empty()) return make_error("empty_body", "the body is empty");
  AlertFields fields;
  fields.format = BodyFormat::text;
  TextTokenizer tokenizer(body);
  // The first two tokens without '=' are the action and the symbol; after a pair, or after
  // both, a token without '=' is an error.
  std::size_t positional_left = 2;
  for (std::size_t count = 0;; ++count) {
    Result<Token> next = tokenizer.next();
    if (!next) return next.error();
    const Token& token = *next;
    if (token.whole.empty()) break;
    if (count == limits.max_fields) {
      return make_error("too_many_fields", "more than " + std::to_string(limits.max_fields) + " tokens");
    }
    RawField raw;
    if (token.key.empty()) {
      if (positional_left == 0) return tokenizer.bad_token(token.whole, "is not key=value");
      raw.spelling = positional_left == 2 ? "action" : "symbol";
      --positional_left;
    } else {
      positional_left = 0;
      raw.spelling.assign(token.key);
    }
    raw.field = canonical_field(raw.spelling);
    raw.kind = ValueKind::text;
    raw.value.assign(token.value);
    if (raw.field) {
      if (const RawField* earlier = fields.find(*raw.field)) {
        return make_error("duplicate_field", "field '" + std::string(field_name(*raw.field)) +
                                                 "' is given twice ('" + earlier->spelling +
                                                 "' and '" + raw.spelling + "')");
      }
    }
    fields.fields.push_back(std::move(raw));
  }
  return fields;
}

}  // namespace tvbot::webhook
