#pragma once
#include <filesystem>

namespace tvbot::app {

// `--data` may name the event log itself or tvbot's data directory, which keeps the log
// in its "events" folder (next to "pg" for the private PostgreSQL).
inline std::filesystem::path resolve_log_dir(const std::filesystem::path& data_dir) {
  auto nested = data_dir / "events";
  if (std::filesystem::exists(nested / "CURRENT")) return nested;
  return data_dir;
}

}  // namespace tvbot::app
