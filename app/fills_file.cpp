#include "app/fills_file.hpp"

#include <algorithm>
#include <fstream>
#include <map>
#include <sstream>

#include <simdjson.h>

#include "events/codec.hpp"

namespace tvbot::app {
namespace {

std::string_view trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t' || text.back() == '\r')) {
    text.remove_suffix(1);
  }
  return text;
}

std::string lower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

std::vector<std::string_view> split(std::string_view line, char separator) {
  std::vector<std::string_view> fields;
  std::size_t start = 0;
  for (;;) {
    auto end = line.find(separator, start);
    fields.push_back(trim(line.substr(start, end == std::string_view::npos ? end : end - start)));
    if (end == std::string_view::npos) return fields;
    start = end + 1;
  }
}

Error line_error(std::size_t line, const std::string& message) {
  return make_error("invalid_fills", "line " + std::to_string(line) + ": " + message);
}

// One fill from its named text fields; `line` only for messages.
Result<FillInput> make_fill(const std::map<std::string, std::string>& fields, std::size_t line) {
  auto field = [&](const std::string& key) -> std::optional<std::string> {
    auto it = fields.find(key);
    if (it == fields.end() || it->second.empty()) return std::nullopt;
    return it->second;
  };
  FillInput fill;
  for (const char* required : {"time", "side", "qty", "price"}) {
    if (!field(required)) return line_error(line, std::string("missing ") + required);
  }
  auto time = parse_timestamp(*field("time"));
  if (!time.ok()) return line_error(line, "time: " + time.error().message);
  fill.time = *time;
  auto side = parse_side(lower(*field("side")));
  if (!side) return line_error(line, "side: expected buy or sell, got \"" + *field("side") + "\"");
  fill.side = *side;
  auto qty = Quantity::parse_exact(*field("qty"));
  if (!qty.ok()) return line_error(line, "qty: " + qty.error().message);
  fill.qty = *qty;
  auto price = Price::parse_exact(*field("price"));
  if (!price.ok()) return line_error(line, "price: " + price.error().message);
  fill.price = *price;
  if (auto fee_text = field("fee")) {
    auto fee = Money::parse_exact(*fee_text);
    if (!fee.ok()) return line_error(line, "fee: " + fee.error().message);
    fill.fee = *fee;
  }
  if (auto id = field("id")) fill.fill_id = *id;
  if (auto side_text = field("position_side")) {
    auto position_side = parse_position_side(lower(*side_text));
    if (!position_side) {
      return line_error(line, "position_side: expected both, long_side or short_side");
    }
    fill.position_side = *position_side;
  }
  return fill;
}

bool skipped(std::string_view line) { return line.empty() || line.front() == '#'; }

}  // namespace

Result<std::vector<FillInput>> parse_fills_csv(std::string_view text) {
  std::vector<FillInput> fills;
  std::vector<std::string> columns;
  std::size_t line_number = 0;
  std::istringstream input{std::string(text)};
  std::string raw;
  while (std::getline(input, raw)) {
    ++line_number;
    auto line = trim(raw);
    if (skipped(line)) continue;
    auto cells = split(line, ',');
    if (columns.empty()) {
      for (auto cell : cells) columns.push_back(lower(cell));
      continue;
    }
    if (cells.size() != columns.size()) {
      return line_error(line_number, "expected " + std::to_string(columns.size()) +
                                         " columns, got " + std::to_string(cells.size()));
    }
    std::map<std::string, std::string> fields;
    for (std::size_t i = 0; i < cells.size(); ++i) fields[columns[i]] = std::string(cells[i]);
    auto fill = make_fill(fields, line_number);
    if (!fill.ok()) return fill.error();
    fills.push_back(std::move(fill).value());
  }
  if (columns.empty()) return make_error("invalid_fills", "no header line");
  return fills;
}

Result<std::vector<FillInput>> parse_fills_json_lines(std::string_view text) {
  std::vector<FillInput> fills;
  simdjson::ondemand::parser parser;
  std::size_t line_number = 0;
  std::istringstream input{std::string(text)};
  std::string raw;
  while (std::getline(input, raw)) {
    ++line_number;
    auto line = trim(raw);
    if (skipped(line)) continue;
    simdjson::padded_string padded(line);
    simdjson::ondemand::document doc;
    simdjson::ondemand::object object;
    if (parser.iterate(padded).get(doc) || doc.get_object().get(object)) {
      return line_error(line_number, "not a JSON object");
    }
    std::map<std::string, std::string> fields;
    for (auto member : object) {
      std::string_view key;
      simdjson::ondemand::value value;
      if (member.unescaped_key().get(key) || member.value().get(value)) {
        return line_error(line_number, "malformed JSON");
      }
      simdjson::ondemand::json_type type;
      if (value.type().get(type)) return line_error(line_number, "malformed JSON");
      std::string text_value;
      if (type == simdjson::ondemand::json_type::string) {
        std::string_view s;
        if (value.get_string().get(s)) return line_error(line_number, "malformed JSON");
        text_value = s;
      } else if (type == simdjson::ondemand::json_type::number) {
        // The number's own text, so no decimal ever passes through a double.
        text_value = trim(value.raw_json_token());
      } else {
        return line_error(line_number, std::string(key) + ": expected a string or a number");
      }
      fields[lower(key)] = std::move(text_value);
    }
    auto fill = make_fill(fields, line_number);
    if (!fill.ok()) return fill.error();
    fills.push_back(std::move(fill).value());
  }
  return fills;
}

Result<std::vector<FillInput>> read_fills_file(const std::filesystem::path& path) {
  std::ifstream file(path, std::ios::binary);
  if (!file) return make_error("no_such_file", "cannot read " + path.string());
  std::string text((std::istreambuf_iterator<char>(file)), std::istreambuf_iterator<char>());
  auto first = text.find_first_not_of(" \t\r\n");
  if (first != std::string::npos && text[first] == '{') return parse_fills_json_lines(text);
  return parse_fills_csv(text);
}

}  // namespace tvbot::app
