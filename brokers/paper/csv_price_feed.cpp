#include "brokers/paper/csv_price_feed.hpp"

#include <algorithm>
#include <charconv>
#include <fstream>

namespace tvbot {
namespace {

std::string_view trim(std::string_view text) {
  const auto is_space = [](char c) { return c == ' ' || c == '\t' || c == '\r'; };
  while (!text.empty() && is_space(text.front())) text.remove_prefix(1);
  while (!text.empty() && is_space(text.back())) text.remove_suffix(1);
  return text;
}

std::vector<std::string_view> split_fields(std::string_view line) {
  std::vector<std::string_view> fields;
  std::size_t start = 0;
  while (true) {
    const auto comma = line.find(',', start);
    fields.push_back(trim(line.substr(start, comma - start)));
    if (comma == std::string_view::npos) return fields;
    start = comma + 1;
  }
}

std::optional<std::int64_t> parse_time(std::string_view text) {
  std::int64_t value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc{} || end != text.data() + text.size()) return std::nullopt;
  return value;
}

Result<TimedPriceTick> parse_row(std::string_view line, const CsvPriceSource& source) {
  const auto fields = split_fields(line);
  const std::size_t expected = source.symbol ? 2 : 3;
  if (fields.size() != expected) {
    return make_error("csv", "expected " + std::to_string(expected) + " fields, found " +
                                 std::to_string(fields.size()));
  }
  const auto time = parse_time(fields[0]);
  if (!time) return make_error("csv", "time '" + std::string(fields[0]) + "' is not an integer");
  const auto symbol = source.symbol ? *source.symbol : std::string(fields[1]);
  if (symbol.empty()) return make_error("csv", "the symbol is empty");
  auto price = Price::parse_exact(fields.back());
  if (!price) return make_error("csv", "price: " + price.error().message);
  if (!price->is_positive())
    return make_error("csv", "price " + price->to_string() + " is not positive");
  return TimedPriceTick{*time, PriceTick{symbol, *price}};
}

Status read_source(const CsvPriceSource& source, std::vector<TimedPriceTick>& rows) {
  std::ifstream file(source.path);
  if (!file) return make_error("io", "cannot open " + source.path.string());
  std::string line;
  std::optional<std::int64_t> previous_time;
  for (int line_number = 1; std::getline(file, line); ++line_number) {
    const auto text = trim(line);
    if (text.empty() || (line_number == 1 && text.rfind("time", 0) == 0)) continue;
    auto row = parse_row(text, source);
    if (!row) {
      return make_error("csv", source.path.string() + ":" + std::to_string(line_number) + ": " +
                                   row.error().message);
    }
    if (previous_time && row->time < *previous_time) {
      return make_error("csv", source.path.string() + ":" + std::to_string(line_number) +
                                   ": time goes backwards");
    }
    previous_time = row->time;
    rows.push_back(std::move(*row));
  }
  if (file.bad()) return make_error("io", "cannot read " + source.path.string());
  return {};
}

}  // namespace

Result<std::unique_ptr<CsvPriceFeed>> CsvPriceFeed::load(
    const std::vector<CsvPriceSource>& sources) {
  std::vector<TimedPriceTick> rows;
  for (const auto& source : sources) {
    if (auto status = read_source(source, rows); !status) return status.error();
  }
  // Stable, so rows with the same time keep their file order.
  std::stable_sort(rows.begin(), rows.end(), [](const TimedPriceTick& a, const TimedPriceTick& b) {
    return a.time < b.time;
  });
  return std::unique_ptr<CsvPriceFeed>(new CsvPriceFeed(std::move(rows)));
}

std::vector<PriceTick> CsvPriceFeed::next_step() {
  std::vector<PriceTick> step;
  if (next_ == rows_.size()) return step;
  const auto time = rows_[next_].time;
  while (next_ < rows_.size() && rows_[next_].time == time) step.push_back(rows_[next_++].tick);
  return step;
}

}  // namespace tvbot
