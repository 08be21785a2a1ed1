#pragma once
// Runs a shell command line for the deploy tests (install.sh, systemd-analyze,
// docker-compose, dpkg, ldd), bounded by coreutils' timeout so nothing here can hang.
#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <string>

namespace tvbot::ops_test {

struct ShellOutcome {
  int exit_code = -1;  // 124 when the timeout ended it
  std::string output;  // stdout and stderr together
};

inline ShellOutcome shell(const std::string& command, int timeout_seconds = 120) {
  ShellOutcome outcome;
  const std::string line = "timeout " + std::to_string(timeout_seconds) + " bash -c '" +
                           [&] {
                             std::string quoted;
                             for (char c : command) quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
                             return quoted;
                           }() +
                           "' 2>&1";
  FILE* pipe = popen(line.c_str(), "r");
  if (pipe == nullptr) return outcome;
  std::array<char, 4096> buffer{};
  while (const std::size_t n = std::fread(buffer.data(), 1, buffer.size(), pipe)) {
    outcome.output.append(buffer.data(), n);
  }
  const int status = pclose(pipe);
  outcome.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  return outcome;
}

}  // namespace tvbot::ops_test
