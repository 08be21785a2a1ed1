#pragma once
// One-line requests and replies over a unix stream socket, every step bounded by a
// deadline: the control channel between `tvbot backup` and a running `tvbot serve`.
#include <chrono>
#include <filesystem>
#include <string>
#include <string_view>

#include "events/result.hpp"

namespace tvbot::app {

// Lines longer than this are refused: a request names one path.
inline constexpr std::size_t kMaxControlLine = 8192;

// A connected socket (close it), or an Error "not_running" when nothing listens at `path`
// (no socket file, or a stale one left by a crash), or "io_error".
[[nodiscard]] Result<int> connect_unix(const std::filesystem::path& path);
// Writes `line` and a '\n'. Errors: "timeout", "io_error".
[[nodiscard]] Status write_line(int fd, std::string_view line, std::chrono::milliseconds timeout);
// Reads up to a '\n' (not returned). Errors: "timeout", "io_error", "too_long", "closed".
[[nodiscard]] Result<std::string> read_line(int fd, std::chrono::milliseconds timeout);

}  // namespace tvbot::app
