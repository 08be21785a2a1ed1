#pragma once
// Reads a broker's exported trade history for `tvbot replay --fills`.
//
// CSV: a header line naming the columns, in any order:
//   time,side,qty,price,fee[,id][,position_side]
// JSON lines: one object per line with the same keys; decimals as strings or numbers (a
// number's own digits are used, never a double).
// Names ignore case and separators ("positionSide", "Position Side" and "position_side" are
// one name); other columns and keys (symbol, realizedPnl, maker, ...) are ignored, so a
// broker's export needs only its columns renamed. CSV fields may be quoted ("a,b", "").
// time is ISO-8601 with Z or an offset ("2026-11-24T05:51:19Z"); side is buy or sell;
// position_side is both, long or short (Binance's BOTH/LONG/SHORT; long_side and short_side
// are accepted too), and hedge mode needs it on every fill. fee may be negative (a maker
// rebate). Blank lines and lines starting with '#' are skipped, as is a UTF-8 byte order mark.
// Every error names its line; a file without a single fill is an error.
#include <cstddef>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "events/position_fold.hpp"

namespace tvbot::app {

struct FillsFile {
  std::vector<FillInput> fills;
  std::vector<std::size_t> lines;  // lines[i]: the 1-based line fills[i] was read from
};

[[nodiscard]] Result<FillsFile> parse_fills_csv(std::string_view text);
[[nodiscard]] Result<FillsFile> parse_fills_json_lines(std::string_view text);
// By content: a first non-blank character '{' means JSON lines, anything else CSV.
[[nodiscard]] Result<FillsFile> read_fills_file(const std::filesystem::path& path);

// fold_fills names the failing fill by its place in the list ("fill 3: qty ..."); this
// names its line too ("line 7 (fill 3): qty ..."). Other messages are returned unchanged.
[[nodiscard]] std::string locate_fold_error(const FillsFile& file, const std::string& message);

}  // namespace tvbot::app
