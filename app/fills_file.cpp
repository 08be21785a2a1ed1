#include "app/fills_file.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <fstream>
#include <functional>
#include <map>
#include <optional>
#include <system_error>

#include <simdjson.h>

#include "events/codec.hpp"

namespace tvbot::app {
namespace {

constexpr std::string_view kByteOrderMark = "\xEF\xBB\xBF";
// Every key a fill is read from, in the order messages list them; the first five are required.
constexpr std::array<std::string_view, 7> kKeys{"time", "side", "qty",          "price",
                                                "fee",  "id",   "position_side"};
constexpr std::size_t kRequiredKeys = 5;

// Known key -> its text, as read from one line.
using Fields = std::map<std::string_view, std::string, std::less<>>;

bool is_blank(char c) { return c == ' ' || c == '\t' || c == '\r'; }

std::string_view trim(std::string_view text) {
  while (!text.empty() && is_blank(text.front())) text.remove_prefix(1);
  while (!text.empty() && is_blank(text.back())) text.remove_suffix(1);
  return text;
}

std::string lower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

// Lower case, letters and digits only: "positionSide", "Position Side" -> "positionside".
std::string normalized(std::string_view name) {
  std::string out;
  for (unsigned char c : name) {
    if (std::isalnum(c)) out += static_cast<char>(std::tolower(c));
  }
  return out;
}

// The key a CSV column or JSON name stands for; empty when it is none of ours.
std::string_view known_key(std::string_view name) {
  const std::string wanted = normalized(name);
  for (std::string_view key : kKeys) {
    if (normalized(key) == wanted) return key;
  }
  return {};
}

std::string expected_keys() {
  std::string out;
  for (std::size_t i = 0; i < kKeys.size(); ++i) {
    out += i == 0 ? "" : i == kRequiredKeys ? " and optionally " : ", ";
    out += kKeys[i];
  }
  return out;
}

Error line_error(std::size_t line, const std::string& message) {
  return make_error("invalid_fills", "line " + std::to_string(line) + ": " + message);
}

// Calls visit(line number, trimmed line) for every line that is neither blank nor a comment.
Status for_each_line(std::string_view text,
                     const std::function<Status(std::size_t, std::string_view)>& visit) {
  if (text.starts_with(kByteOrderMark)) text.remove_prefix(kByteOrderMark.size());
  std::size_t number = 0;
  while (!text.empty()) {
    const auto end = text.find('\n');
    const auto line = trim(text.substr(0, end));
    text = end == std::string_view::npos ? std::string_view{} : text.substr(end + 1);
    ++number;
    if (line.empty() || line.front() == '#') continue;
    if (Status visited = visit(number, line); !visited) return visited;
  }
  return {};
}

// One CSV record: fields separated by ',', each trimmed. A field in double quotes may hold
// ',' and "" (one quote): `"2026-11-24T05:51:19Z","BUY","1,5"` -> 2026-11-24T05:51:19Z|BUY|1,5.
Result<std::vector<std::string>> split_csv(std::string_view line) {
  std::vector<std::string> fields;
  std::size_t i = 0;
  auto skip_blanks = [&] {
    while (i < line.size() && is_blank(line[i])) ++i;
  };
  for (;;) {
    skip_blanks();
    std::string field;
    if (i < line.size() && line[i] == '"') {
      for (++i;; ++i) {
        if (i >= line.size()) return make_error("invalid_fills", "a quoted field is not closed");
        if (line[i] != '"') {
          field += line[i];
        } else if (i + 1 < line.size() && line[i + 1] == '"') {
          field += '"';
          ++i;
        } else {
          ++i;
          break;
        }
      }
      skip_blanks();
      if (i < line.size() && line[i] != ',') {
        return make_error("invalid_fills", "text after the closing quote of a field");
      }
    } else {
      const auto end = std::min(line.find(',', i), line.size());
      field = trim(line.substr(i, end - i));
      i = end;
    }
    fields.push_back(std::move(field));
    if (i >= line.size()) return fields;
    ++i;  // the ','
  }
}

std::optional<PositionSide> position_side_of(std::string_view text) {
  const std::string name = lower(text);
  if (name == "long_side") return PositionSide::long_side;
  if (name == "short_side") return PositionSide::short_side;
  return parse_position_side(name);  // both, long, short
}

// One fill from the known fields of one line.
Result<FillInput> make_fill(const Fields& fields, std::size_t line) {
  auto field = [&](std::string_view key) -> std::optional<std::string> {
    const auto it = fields.find(key);
    if (it == fields.end() || it->second.empty()) return std::nullopt;
    return it->second;
  };
  for (std::size_t i = 0; i < kRequiredKeys; ++i) {
    if (!field(kKeys[i])) return line_error(line, "missing " + std::string(kKeys[i]));
  }
  FillInput fill;
  const auto time = parse_timestamp(*field("time"));
  if (!time.ok()) return line_error(line, "time: " + time.error().message);
  fill.time = *time;
  const auto side = parse_side(lower(*field("side")));
  if (!side) return line_error(line, "side: expected buy or sell, got \"" + *field("side") + "\"");
  fill.side = *side;
  const auto qty = Quantity::parse_exact(*field("qty"));
  if (!qty.ok()) return line_error(line, "qty: " + qty.error().message);
  if (!qty->is_positive()) return line_error(line, "qty: must be above 0, got " + *field("qty"));
  fill.qty = *qty;
  const auto price = Price::parse_exact(*field("price"));
  if (!price.ok()) return line_error(line, "price: " + price.error().message);
  if (!price->is_positive()) {
    return line_error(line, "price: must be above 0, got " + *field("price"));
  }
  fill.price = *price;
  const auto fee = Money::parse_exact(*field("fee"));
  if (!fee.ok()) return line_error(line, "fee: " + fee.error().message);
  fill.fee = *fee;
  if (auto id = field("id")) fill.fill_id = *id;
  if (auto text = field("position_side")) {
    const auto position_side = position_side_of(*text);
    if (!position_side) {
      return line_error(line, "position_side: expected both, long or short, got \"" + *text + "\"");
    }
    fill.position_side = *position_side;
  }
  return fill;
}

Status add_fill(FillsFile& file, const Fields& fields, std::size_t line) {
  auto fill = make_fill(fields, line);
  if (!fill.ok()) return fill.error();
  file.fills.push_back(std::move(fill).value());
  file.lines.push_back(line);
  return {};
}

Result<FillsFile> unless_empty(FillsFile file) {
  if (file.fills.empty()) {
    return make_error("invalid_fills", "no fills: only a header, blank lines or comments");
  }
  return file;
}

// The header's known columns: index -> key. Names the first required column missing.
Result<std::map<std::size_t, std::string_view>> read_header(
    const std::vector<std::string>& cells, std::size_t line) {
  std::map<std::size_t, std::string_view> columns;
  std::string names;
  for (std::size_t i = 0; i < cells.size(); ++i) {
    names += (i == 0 ? "" : ", ") + cells[i];
    const std::string_view key = known_key(cells[i]);
    if (key.empty()) continue;  // a column of the broker's we do not need
    for (const auto& [index, seen] : columns) {
      if (seen == key) return line_error(line, "two columns name " + std::string(key));
    }
    columns.emplace(i, key);
  }
  for (std::size_t i = 0; i < kRequiredKeys; ++i) {
    const bool present = std::any_of(columns.begin(), columns.end(),
                                     [&](const auto& column) { return column.second == kKeys[i]; });
    if (!present) {
      return line_error(line, "the header has no " + std::string(kKeys[i]) + " column (it has " +
                                  names + "; expected " + expected_keys() + ")");
    }
  }
  return columns;
}

}  // namespace

Result<FillsFile> parse_fills_csv(std::string_view text) {
  FillsFile file;
  std::optional<std::map<std::size_t, std::string_view>> columns;
  std::size_t width = 0;
  const Status read = for_each_line(text, [&](std::size_t line, std::string_view record) -> Status {
    auto cells = split_csv(record);
    if (!cells.ok()) return line_error(line, cells.error().message);
    if (!columns) {
      auto header = read_header(*cells, line);
      if (!header.ok()) return header.error();
      columns = std::move(header).value();
      width = cells->size();
      return {};
    }
    if (cells->size() != width) {
      return line_error(line, "expected " + std::to_string(width) +
                                  " columns as in the header, got " +
                                  std::to_string(cells->size()));
    }
    Fields fields;
    for (const auto& [index, key] : *columns) fields.emplace(key, std::move((*cells)[index]));
    return add_fill(file, fields, line);
  });
  if (!read) return read.error();
  if (!columns) {
    return make_error("invalid_fills", "no header line (expected " + expected_keys() + ")");
  }
  return unless_empty(std::move(file));
}

Result<FillsFile> parse_fills_json_lines(std::string_view text) {
  FillsFile file;
  simdjson::ondemand::parser parser;
  const Status read = for_each_line(text, [&](std::size_t line, std::string_view record) -> Status {
    auto malformed = [line](simdjson::error_code error) {
      return line_error(line, std::string("malformed JSON: ") + simdjson::error_message(error));
    };
    const simdjson::padded_string padded(record);
    simdjson::ondemand::document doc;
    simdjson::ondemand::object object;
    if (auto error = parser.iterate(padded).get(doc)) return malformed(error);
    if (auto error = doc.get_object().get(object)) {
      if (error == simdjson::INCORRECT_TYPE) return line_error(line, "not a JSON object");
      return malformed(error);
    }
    Fields fields;
    for (auto member : object) {
      std::string_view name;
      simdjson::ondemand::value value;
      if (auto error = member.unescaped_key().get(name)) return malformed(error);
      if (auto error = member.value().get(value)) return malformed(error);
      const std::string_view key = known_key(name);
      if (key.empty()) continue;  // symbol, realizedPnl, maker, ...: skipped whatever their type
      simdjson::ondemand::json_type type;
      if (auto error = value.type().get(type)) return malformed(error);
      std::string text_value;
      if (type == simdjson::ondemand::json_type::string) {
        std::string_view s;
        if (auto error = value.get_string().get(s)) return malformed(error);
        text_value = s;
      } else if (type == simdjson::ondemand::json_type::number) {
        // The number's own text, so no decimal ever passes through a double.
        text_value = trim(value.raw_json_token());
      } else {
        return line_error(line, std::string(name) + ": expected a string or a number");
      }
      if (!fields.emplace(key, std::move(text_value)).second) {
        return line_error(line, std::string(key) + " appears twice");
      }
    }
    // simdjson 3.0 has no document::at_end(); a location inside the line means more tokens.
    const char* rest = nullptr;
    if (doc.current_location().get(rest) == simdjson::SUCCESS) {
      return line_error(line, "text after the JSON object");
    }
    return add_fill(file, fields, line);
  });
  if (!read) return read.error();
  return unless_empty(std::move(file));
}

Result<FillsFile> read_fills_file(const std::filesystem::path& path) {
  std::error_code failed;
  if (std::filesystem::is_directory(path, failed)) {
    return make_error("no_such_file", path.string() + " is a directory, not a fills file");
  }
  std::ifstream input(path, std::ios::binary);
  if (!input) return make_error("no_such_file", "cannot read " + path.string());
  std::string text((std::istreambuf_iterator<char>(input)), std::istreambuf_iterator<char>());
  if (input.bad()) return make_error("io_error", "reading " + path.string() + " failed");
  std::string_view content(text);
  if (content.starts_with(kByteOrderMark)) content.remove_prefix(kByteOrderMark.size());
  const auto first = content.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) return make_error("invalid_fills", "the file is empty");
  if (content[first] == '{') return parse_fills_json_lines(content);
  return parse_fills_csv(content);
}

std::string locate_fold_error(const FillsFile& file, const std::string& message) {
  // fold_fills' documented form: "fill <n>: <what>", n 1-based.
  constexpr std::string_view prefix = "fill ";
  if (!message.starts_with(prefix)) return message;
  std::size_t fill = 0;
  const char* digits = message.data() + prefix.size();
  const char* end = message.data() + message.size();
  const auto [after, error] = std::from_chars(digits, end, fill);
  if (error != std::errc{} || after == end || *after != ':' || fill == 0 ||
      fill > file.lines.size()) {
    return message;
  }
  return "line " + std::to_string(file.lines[fill - 1]) + " (fill " + std::to_string(fill) +
         ")" + std::string(after, end);
}

}  // namespace tvbot::app
