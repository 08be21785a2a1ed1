#include "app/config/reader.hpp"

#include <algorithm>
#include <cstdlib>
#include <utility>

namespace tvbot::config::detail {
namespace {

std::uint32_t line_of(const toml::node* node) { return node ? node->source().begin.line : 0; }

// Levenshtein distance, for "did you mean" on unknown keys.
std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = above;
    }
  }
  return row[b.size()];
}

std::string choices_text(std::initializer_list<std::string_view> choices) {
  std::string text;
  std::size_t index = 0;
  for (const auto choice : choices) {
    if (index > 0) text += index + 1 == choices.size() ? " or " : ", ";
    text += "\"" + std::string(choice) + "\"";
    ++index;
  }
  return text;
}

}  // namespace

Context::Context(std::string_view source_text, const LoadOptions& options)
    : source_text_(source_text), options_(options) {}

void Context::error(const std::string& key, const toml::node* at, const std::string& problem) {
  error_message(key, at, key.empty() ? problem : key + ": " + problem);
}

void Context::error_message(const std::string& key, const toml::node* at, std::string message) {
  errors.push_back(ConfigError{key, std::move(message), line_of(at)});
}

void Context::warning(const std::string& key, const toml::node* at, const std::string& problem) {
  warnings.push_back(ConfigError{key, key + ": " + problem, line_of(at)});
}

std::optional<std::string> Context::environment_variable(const std::string& name) const {
  if (options_.environment) {
    return options_.environment(name);
  }
  if (const char* value = std::getenv(name.c_str())) {
    return std::string(value);
  }
  return std::nullopt;
}

std::optional<std::string> Context::source_text_of(const toml::node& node) const {
  const auto& region = node.source();
  if (region.begin.line == 0 || region.begin.line != region.end.line ||
      region.end.column <= region.begin.column) {
    return std::nullopt;
  }
  std::size_t start = 0;
  for (std::uint32_t line = 1; line < region.begin.line; ++line) {
    start = source_text_.find('\n', start);
    if (start == std::string_view::npos) return std::nullopt;
    ++start;
  }
  // Columns count code points; a decimal literal is ASCII, and the check below refuses
  // anything else that a multi-byte character earlier on the line might have shifted in.
  const auto text =
      source_text_.substr(std::min(source_text_.size(), start + region.begin.column - 1),
                          region.end.column - region.begin.column);
  std::string literal;
  for (const char c : text) {
    if (c == '_') continue;  // TOML digit separators
    if (std::string_view("0123456789+-.eE").find(c) == std::string_view::npos) return std::nullopt;
    literal += c;
  }
  if (literal.empty()) return std::nullopt;
  return literal;
}

TableReader::TableReader(const toml::table& table, std::string path, Context& context)
    : table_(table), path_(std::move(path)), context_(context) {}

std::string TableReader::key_path(std::string_view key) const {
  return path_.empty() ? std::string(key) : path_ + "." + std::string(key);
}

const toml::node* TableReader::find(std::string_view key) {
  known_keys_.emplace(key);
  return table_.get(key);
}

std::optional<std::string> TableReader::string(std::string_view key) {
  const toml::node* node = find(key);
  if (!node) return std::nullopt;
  if (const auto* value = node->as_string()) return value->get();
  context_.error(key_path(key), node, "expected a string, got " + describe_type(*node));
  return std::nullopt;
}

std::optional<bool> TableReader::boolean(std::string_view key) {
  const toml::node* node = find(key);
  if (!node) return std::nullopt;
  if (const auto* value = node->as_boolean()) return value->get();
  context_.error(key_path(key), node, "expected true or false, got " + describe_type(*node));
  return std::nullopt;
}

std::optional<std::int64_t> TableReader::integer(std::string_view key, std::int64_t min,
                                                 std::int64_t max) {
  const toml::node* node = find(key);
  if (!node) return std::nullopt;
  const auto* value = node->as_integer();
  if (!value) {
    context_.error(key_path(key), node, "expected an integer, got " + describe_type(*node));
    return std::nullopt;
  }
  if (value->get() < min || value->get() > max) {
    context_.error(key_path(key), node,
                   "must be between " + std::to_string(min) + " and " + std::to_string(max) +
                       ", got " + std::to_string(value->get()));
    return std::nullopt;
  }
  return value->get();
}

std::optional<std::string> TableReader::one_of(std::string_view key,
                                               std::initializer_list<std::string_view> choices) {
  const toml::node* node = table_.get(key);
  auto text = string(key);
  if (!text) return std::nullopt;
  if (std::find(choices.begin(), choices.end(), *text) != choices.end()) return text;
  context_.error(key_path(key), node,
                 "expected " + choices_text(choices) + ", got " + in_quotes(*text));
  return std::nullopt;
}

std::optional<std::vector<std::string>> TableReader::string_list(std::string_view key) {
  const toml::array* list = array(key);
  if (!list) return std::nullopt;
  std::vector<std::string> values;
  bool all_strings = true;
  for (std::size_t i = 0; i < list->size(); ++i) {
    const toml::node& element = *list->get(i);
    if (const auto* value = element.as_string()) {
      values.push_back(value->get());
    } else {
      all_strings = false;
      context_.error(key_path(key) + "[" + std::to_string(i) + "]", &element,
                     "expected a string, got " + describe_type(element));
    }
  }
  return all_strings ? std::optional(std::move(values)) : std::nullopt;
}

const toml::table* TableReader::subtable(std::string_view key) {
  const toml::node* node = find(key);
  if (!node) return nullptr;
  if (const auto* value = node->as_table()) return value;
  context_.error(key_path(key), node, "expected a table, got " + describe_type(*node));
  return nullptr;
}

const toml::array* TableReader::array(std::string_view key) {
  const toml::node* node = find(key);
  if (!node) return nullptr;
  if (const auto* value = node->as_array()) return value;
  context_.error(key_path(key), node, "expected a list, got " + describe_type(*node));
  return nullptr;
}

void TableReader::finish() {
  for (const auto& [key, node] : table_) {
    if (known_keys_.count(key.str()) != 0) continue;
    std::string message = "unknown key " + key_path(key.str());
    std::string_view closest;
    std::size_t best = 3;  // more than two edits away is not a typo worth pointing at
    for (const auto& known : known_keys_) {
      const auto distance = edit_distance(key.str(), known);
      if (distance < best) {
        best = distance;
        closest = known;
      }
    }
    if (!closest.empty()) message += " (did you mean \"" + std::string(closest) + "\"?)";
    context_.error_message(key_path(key.str()), &node, std::move(message));
  }
}

std::optional<std::string> decimal_text(const toml::node& node, const std::string& key,
                                        Context& context) {
  if (const auto* value = node.as_string()) return value->get();
  if (const auto* value = node.as_integer()) return std::to_string(value->get());
  if (node.is_floating_point()) {
    const auto literal = context.source_text_of(node).value_or("0.01");
    context.error(key, &node,
                  "write decimals as strings, e.g. \"" + literal + "\", so no precision is lost");
    return std::nullopt;
  }
  context.error(
      key, &node,
      "expected a decimal written as a string such as \"0.01\", got " + describe_type(node));
  return std::nullopt;
}

void report_invalid_decimal(const std::string& key, const toml::node& node, const std::string& text,
                            const Error& error, int scale, Context& context) {
  if (error.code == "too_precise") {
    context.error(key, &node,
                  in_quotes(text) + " has more than " + std::to_string(scale) + " decimal places");
    return;
  }
  context.error(
      key, &node,
      "expected a decimal such as \"0.01\", got " + in_quotes(text) + " (" + error.message + ")");
}

void report_sign(const std::string& key, const toml::node& node, Sign sign, Context& context) {
  context.error(key, &node,
                sign == Sign::positive ? "must be greater than zero" : "must not be negative");
}

std::string describe_type(const toml::node& node) {
  switch (node.type()) {
    case toml::node_type::table:
      return "a table";
    case toml::node_type::array:
      return "a list";
    case toml::node_type::string:
      return "a string";
    case toml::node_type::integer:
      return "an integer";
    case toml::node_type::floating_point:
      return "a float";
    case toml::node_type::boolean:
      return "a boolean";
    case toml::node_type::date:
    case toml::node_type::time:
    case toml::node_type::date_time:
      return "a date or time";
    case toml::node_type::none:
      break;
  }
  return "nothing";
}

std::string in_quotes(std::string_view value) {
  constexpr std::size_t kLongest = 60;  // enough to recognise a typo, short enough for one line
  if (value.size() > kLongest) return "\"" + std::string(value.substr(0, kLongest)) + "...\"";
  return "\"" + std::string(value) + "\"";
}

}  // namespace tvbot::config::detail
