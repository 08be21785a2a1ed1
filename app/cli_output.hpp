#pragma once
// Standard output of the audit commands: a failed write (a full disk, a closed file) must
// not end in exit status 0, or a saved report could be silently cut short.
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <iostream>
#include <string>
#include <string_view>

namespace tvbot::app {

// Flushes stdout; when that or any earlier write failed, says so on stderr and returns 1,
// otherwise `status`.
[[nodiscard]] inline int finish_output(std::string_view command, int status) {
  const bool flushed = std::fflush(stdout) == 0;
  if (flushed && !std::ferror(stdout)) return status;
  std::cerr << "tvbot " << command << ": writing the output failed"
            << (flushed ? "" : std::string(": ") + std::strerror(errno)) << "\n";
  return 1;
}

}  // namespace tvbot::app
