#pragma once
// Recorded prices replayed from CSV files.
//
// Two layouts, chosen per file:
//   all symbols in one file:  time,symbol,price      e.g.  1700000000000,BTCUSDT,30000.5
//   one file per symbol:      time,price             (the symbol is given with the file)
// `time` is an integer in any unit (only its order matters), `price` a plain decimal.
// A first line starting with "time" is a header; empty lines are skipped; times within a
// file must not go backwards. Files are merged by time; rows with the same time form one
// step, in file order. Everything is read and checked up front, so a bad file fails at
// start-up with its line number, never halfway through a run.
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "brokers/paper/price_feed.hpp"
#include "events/result.hpp"

namespace tvbot {

struct TimedPriceTick {
  std::int64_t time = 0;  // in the file's own unit
  PriceTick tick;
};

struct CsvPriceSource {
  std::filesystem::path path;
  std::optional<std::string> symbol;  // set: a per-symbol file (time,price)
  bool operator==(const CsvPriceSource&) const = default;
};

class CsvPriceFeed final : public PriceFeed {
 public:
  // Error codes: "io" (cannot read a file), "csv" (a malformed line; the message says where).
  [[nodiscard]] static Result<std::unique_ptr<CsvPriceFeed>> load(
      const std::vector<CsvPriceSource>& sources);

  [[nodiscard]] std::vector<PriceTick> next_step() override;

 private:
  explicit CsvPriceFeed(std::vector<TimedPriceTick> rows) : rows_(std::move(rows)) {}

  std::vector<TimedPriceTick> rows_;  // sorted by time
  std::size_t next_ = 0;
};

}  // namespace tvbot
