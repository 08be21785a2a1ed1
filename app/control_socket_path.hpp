#pragma once
// Where a running `tvbot serve` listens for local control requests (`tvbot backup`): a
// unix socket next to the event log, in the data directory. The log itself may be named
// directly (DIR/events) or through its data directory (DIR); both lead to DIR/control.sock.
#include <filesystem>

namespace tvbot::app {

inline std::filesystem::path control_socket_path(const std::filesystem::path& log_dir) {
  std::filesystem::path normal = std::filesystem::absolute(log_dir).lexically_normal();
  if (!normal.has_filename()) normal = normal.parent_path();  // "data/events/" -> "data/events"
  return normal.parent_path() / "control.sock";
}

}  // namespace tvbot::app
