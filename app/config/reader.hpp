#pragma once
// Internal: walks TOML tables key by key, converts values and collects every problem with
// the key's path. A table's reader remembers which keys were asked for; finish() reports
// the others as unknown, so a typo (`max_entires`) is an error instead of a silent default.
#include <toml++/toml.h>

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "app/config/load.hpp"
#include "events/decimal.hpp"

namespace tvbot::config::detail {

class Context {
 public:
  Context(std::string_view source_text, const LoadOptions& options);

  // Adds "<key>: <problem>".
  void error(const std::string& key, const toml::node* at, const std::string& problem);
  void warning(const std::string& key, const toml::node* at, const std::string& problem);
  // Adds a message that is already complete.
  void error_message(const std::string& key, const toml::node* at, std::string message);

  [[nodiscard]] std::optional<std::string> environment_variable(const std::string& name) const;
  // The literal as written in the file ("0.015"), when it can be found; for messages.
  [[nodiscard]] std::optional<std::string> source_text_of(const toml::node& node) const;

  std::vector<ConfigError> errors;
  std::vector<ConfigError> warnings;

 private:
  std::string_view source_text_;
  const LoadOptions& options_;
};

enum class Sign { positive, non_negative };

class TableReader {
 public:
  TableReader(const toml::table& table, std::string path, Context& context);
  TableReader(const TableReader&) = delete;
  TableReader& operator=(const TableReader&) = delete;

  [[nodiscard]] const std::string& path() const { return path_; }
  [[nodiscard]] std::string key_path(std::string_view key) const;
  [[nodiscard]] Context& context() { return context_; }
  [[nodiscard]] const toml::table& table() const { return table_; }

  // Each of these marks `key` as known. Absent keys give nullopt/nullptr without an error;
  // a value of the wrong type or out of range gives an error and nullopt.
  [[nodiscard]] const toml::node* find(std::string_view key);
  // Marks `key` as known without reading it (a caller that reads it another way).
  void allow(std::string_view key) { known_keys_.emplace(key); }
  [[nodiscard]] std::optional<std::string> string(std::string_view key);
  [[nodiscard]] std::optional<bool> boolean(std::string_view key);
  [[nodiscard]] std::optional<std::int64_t> integer(std::string_view key, std::int64_t min,
                                                    std::int64_t max);
  // Accepts one of `choices`; the error lists them: expected "a" or "b", got "c".
  [[nodiscard]] std::optional<std::string> one_of(std::string_view key,
                                                  std::initializer_list<std::string_view> choices);
  [[nodiscard]] std::optional<std::vector<std::string>> string_list(std::string_view key);
  [[nodiscard]] const toml::table* subtable(std::string_view key);
  [[nodiscard]] const toml::array* array(std::string_view key);

  // A decimal written as a string ("0.01") or an integer (100). A TOML float is refused:
  // toml++ has already turned it into a double, and doubles lose digits.
  template <class Decimal>
  [[nodiscard]] std::optional<Decimal> decimal(std::string_view key, Sign sign) {
    const toml::node* node = find(key);
    return node ? decimal_value<Decimal>(*node, key_path(key), sign, context_) : std::nullopt;
  }

  // Reports every key of the table that no call above asked for.
  void finish();

 private:
  const toml::table& table_;
  std::string path_;
  Context& context_;
  std::set<std::string, std::less<>> known_keys_;
};

// The text of a decimal at `node` (a string or an integer), or nullopt after an error.
[[nodiscard]] std::optional<std::string> decimal_text(const toml::node& node,
                                                      const std::string& key, Context& context);
void report_invalid_decimal(const std::string& key, const toml::node& node, const std::string& text,
                            const Error& error, int scale, Context& context);
void report_sign(const std::string& key, const toml::node& node, Sign sign, Context& context);

template <class Decimal>
[[nodiscard]] std::optional<Decimal> decimal_value(const toml::node& node, const std::string& key,
                                                   Sign sign, Context& context) {
  const auto text = decimal_text(node, key, context);
  if (!text) {
    return std::nullopt;
  }
  auto parsed = Decimal::parse_exact(*text);
  if (!parsed.ok()) {
    report_invalid_decimal(key, node, *text, parsed.error(), Decimal::scale, context);
    return std::nullopt;
  }
  if (parsed->is_negative() || (sign == Sign::positive && parsed->is_zero())) {
    report_sign(key, node, sign, context);
    return std::nullopt;
  }
  return *parsed;
}

// "integer", "float", "table", ... for "expected a string, got an integer".
[[nodiscard]] std::string describe_type(const toml::node& node);
// The value quoted for an error message, shortened; only for values that are never secret.
[[nodiscard]] std::string in_quotes(std::string_view value);

}  // namespace tvbot::config::detail
