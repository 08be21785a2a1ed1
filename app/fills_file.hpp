#pragma once
// Reads a broker's exported trade history for `tvbot replay --fills`.
//
// CSV: a header line naming the columns (any order, case-insensitive):
//   time,side,qty,price,fee[,id][,position_side]
// JSON lines: one object per line with the same keys; decimals as strings or numbers.
// time is ISO-8601 ("2026-11-24T05:51:19Z"); side is buy or sell; position_side is
// both, long_side or short_side (hedge mode needs it on every fill). Blank lines and lines
// starting with '#' are skipped. Errors name the line.
#include <filesystem>
#include <string_view>
#include <vector>

#include "events/position_fold.hpp"

namespace tvbot::app {

[[nodiscard]] Result<std::vector<FillInput>> parse_fills_csv(std::string_view text);
[[nodiscard]] Result<std::vector<FillInput>> parse_fills_json_lines(std::string_view text);
// By content: a first non-blank character '{' means JSON lines, anything else CSV.
[[nodiscard]] Result<std::vector<FillInput>> read_fills_file(const std::filesystem::path& path);

}  // namespace tvbot::app
