#pragma once
// The notifier's place in the event log, kept in a small file in the data directory so a
// restart neither repeats old messages nor skips new ones: "<log id> <global seq>\n", the
// seq being the last event whose message is done with (sent, or dropped and counted).
// Written atomically (temporary file, fsync, rename, fsync of the directory), so a crash
// leaves either the old cursor or the new one.
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>

#include "events/result.hpp"

namespace tvbot::notify {

struct Cursor {
  std::string log_id;
  std::uint64_t global_seq = 0;
  bool operator==(const Cursor&) const = default;
};

// nullopt when the file does not exist; "invalid_cursor" when it is not a cursor,
// "io_error" when it cannot be read.
[[nodiscard]] Result<std::optional<Cursor>> load_cursor(const std::filesystem::path& file);
[[nodiscard]] Status save_cursor(const std::filesystem::path& file, const Cursor& cursor);

}  // namespace tvbot::notify
