#pragma once
// The real `tvbot serve` binary as a child process: spawned with posix_spawn on a config
// and data directory of the test's own, on an OS-chosen port, stopped with SIGTERM (a clean
// stop) or SIGKILL (a crash). Every wait is bounded.
#include <sys/types.h>

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "events/result.hpp"

namespace tvbot::e2e {

using namespace std::chrono_literals;

// Generous bounds: a sanitizer build starts and stops several times slower.
inline constexpr std::chrono::milliseconds kStartTimeout = 30s;
inline constexpr std::chrono::milliseconds kStopTimeout = 30s;

// The tvbot binary under test: $TVBOT_BINARY (set by tvbot_test in tests/CMakeLists.txt).
[[nodiscard]] std::filesystem::path tvbot_binary();
// The source tree: $TVBOT_SOURCE_DIR.
[[nodiscard]] std::filesystem::path source_dir();

// A fresh directory under $TMPDIR (or /tmp), removed with everything in it at the end.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  [[nodiscard]] const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

struct ServeLaunch {
  std::filesystem::path config;
  std::filesystem::path data_dir;
  // Added to (or replacing in) the test's own environment, e.g. the bots' secrets.
  std::vector<std::pair<std::string, std::string>> env;
  // The server's stderr (its log) is appended here.
  std::filesystem::path log_file;
};

class ServeProcess {
 public:
  // Spawns `tvbot serve --config C --data D --port 0` and returns once it printed its
  // "tvbot: listening on http://ADDRESS:PORT" line. An Error when it exits first, prints
  // no such line within `timeout` (then it is killed), or cannot be spawned.
  [[nodiscard]] static Result<std::unique_ptr<ServeProcess>> start(
      const ServeLaunch& launch, std::chrono::milliseconds timeout = kStartTimeout);
  ~ServeProcess();  // SIGKILL if still running, then reaped
  ServeProcess(const ServeProcess&) = delete;
  ServeProcess& operator=(const ServeProcess&) = delete;

  [[nodiscard]] std::uint16_t port() const { return port_; }
  // The admin listener's port, 0 when the config does not enable it.
  [[nodiscard]] std::uint16_t admin_port() const { return admin_port_; }
  // From posix_spawn to the listening line having been read.
  [[nodiscard]] std::chrono::nanoseconds time_to_listen() const { return time_to_listen_; }
  [[nodiscard]] bool running() const { return pid_ > 0; }

  // SIGTERM, then waits for the exit: its exit code, or an Error when it died of a signal
  // or did not exit within `timeout` (it is SIGKILLed then).
  [[nodiscard]] Result<int> terminate(std::chrono::milliseconds timeout = kStopTimeout);
  // SIGKILL, then waits until it is gone.
  [[nodiscard]] Status kill_hard(std::chrono::milliseconds timeout = kStopTimeout);

  // The end of the server's log, for failure messages.
  [[nodiscard]] std::string log_tail(std::size_t bytes = 6000) const;

 private:
  ServeProcess(pid_t pid, int stdout_fd, std::filesystem::path log_file)
      : pid_(pid), stdout_fd_(stdout_fd), log_file_(std::move(log_file)) {}
  // Waits for the exit until `deadline`: the raw wait status, or an Error "timeout".
  [[nodiscard]] Result<int> wait_for_exit(std::chrono::steady_clock::time_point deadline);
  void close_stdout();

  pid_t pid_ = -1;
  int stdout_fd_ = -1;
  std::filesystem::path log_file_;
  std::uint16_t port_ = 0;
  std::uint16_t admin_port_ = 0;
  std::chrono::nanoseconds time_to_listen_{0};
};

}  // namespace tvbot::e2e
