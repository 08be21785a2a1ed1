#include "actors/notify/cursor_file.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <charconv>
#include <cstring>
#include <fstream>
#include <sstream>

namespace tvbot::notify {
namespace {

Error io_error(const std::string& what, const std::filesystem::path& path) {
  return make_error("io_error", what + " " + path.string() + ": " + std::strerror(errno));
}

bool sync_path(const std::filesystem::path& path, int flags) {
  const int fd = ::open(path.c_str(), flags);
  if (fd < 0) return false;
  const bool ok = ::fsync(fd) == 0;
  ::close(fd);
  return ok;
}

}  // namespace

Result<std::optional<Cursor>> load_cursor(const std::filesystem::path& file) {
  std::error_code ec;
  if (!std::filesystem::exists(file, ec)) return std::optional<Cursor>{};
  std::ifstream in(file);
  if (!in) return io_error("cannot read", file);
  std::string log_id;
  std::string seq_text;
  in >> log_id >> seq_text;
  Cursor cursor{log_id, 0};
  const auto [end, error] =
      std::from_chars(seq_text.data(), seq_text.data() + seq_text.size(), cursor.global_seq);
  if (log_id.empty() || error != std::errc() || end != seq_text.data() + seq_text.size()) {
    return make_error("invalid_cursor", file.string() + " does not hold \"<log id> <seq>\"");
  }
  return std::optional<Cursor>(cursor);
}

Status save_cursor(const std::filesystem::path& file, const Cursor& cursor) {
  const std::filesystem::path temporary = file.string() + ".tmp";
  const std::string text = cursor.log_id + " " + std::to_string(cursor.global_seq) + "\n";
  const int fd = ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) return io_error("cannot create", temporary);
  const bool written = ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size());
  const bool synced = written && ::fsync(fd) == 0;
  ::close(fd);
  if (!synced) return io_error("cannot write", temporary);
  if (::rename(temporary.c_str(), file.c_str()) != 0) return io_error("cannot rename", temporary);
  const auto dir = file.has_parent_path() ? file.parent_path() : std::filesystem::path(".");
  if (!sync_path(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) return io_error("cannot sync", dir);
  return {};
}

}  // namespace tvbot::notify
