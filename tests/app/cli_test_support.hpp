#pragma once
// For cli_test: runs the real `tvbot` binary (TVBOT_BINARY, set by tvbot_test()) with its
// output captured in files, a temporary directory, and a reader for replay's text table.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

extern char** environ;

#include "tests/support/scratch_dir.hpp"

namespace tvbot::app::clitest {

class TempDir : public test_support::ScratchDir {
 public:
  TempDir() : ScratchDir("cli") {}
  std::string operator/(const std::string& name) const { return (path() / name).string(); }
};

inline std::string read_text(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

inline void write_text(const std::filesystem::path& path, std::string_view text) {
  std::ofstream(path, std::ios::binary) << text;
}

struct Outcome {
  int exit_code = -1;  // the process's exit status; 128 + n when signal n ended it
  std::string out;
  std::string err;
};

inline std::ostream& operator<<(std::ostream& os, const Outcome& run) {
  return os << "exit " << run.exit_code << "\n--- stdout\n" << run.out << "--- stderr\n" << run.err;
}

// Runs tvbot with `args`; stdout goes to `stdout_path` when given (then Outcome::out stays empty).
// A run that outlives its deadline is killed and fails the test: nothing here can hang.
inline Outcome tvbot(const std::vector<std::string>& args, const std::string& stdout_path = "") {
  constexpr auto kDeadline = std::chrono::seconds(60);
  Outcome run;
  const char* binary = std::getenv("TVBOT_BINARY");
  if (binary == nullptr) {
    ADD_FAILURE() << "TVBOT_BINARY is not set: run this test through ctest";
    return run;
  }
  TempDir capture;
  const std::string out_path = stdout_path.empty() ? capture / "stdout" : stdout_path;
  const std::string err_path = capture / "stderr";
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&actions, 1, out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC,
                                   0644);
  posix_spawn_file_actions_addopen(&actions, 2, err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC,
                                   0644);
  std::vector<std::string> words{binary};
  words.insert(words.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (auto& word : words) argv.push_back(word.data());
  argv.push_back(nullptr);
  pid_t pid = 0;
  const int spawned = posix_spawn(&pid, binary, &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  if (spawned != 0) {
    ADD_FAILURE() << "cannot start " << binary << ": " << std::strerror(spawned);
    return run;
  }
  int status = 0;
  const auto deadline = std::chrono::steady_clock::now() + kDeadline;
  while (waitpid(pid, &status, WNOHANG) == 0) {
    if (std::chrono::steady_clock::now() > deadline) {
      kill(pid, SIGKILL);
      waitpid(pid, &status, 0);
      ADD_FAILURE() << "tvbot did not finish within 60 s; killed";
      break;
    }
    // A child process cannot be waited on with a timeout otherwise; the runs take milliseconds.
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
  run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  if (stdout_path.empty()) run.out = read_text(out_path);
  run.err = read_text(err_path);
  return run;
}

inline std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

// One row of replay's table: event or fill, position, realized gross, fees, realized net.
using Row = std::array<std::string, 5>;

// The row's cells: columns are separated by two spaces or more, cells hold single spaces.
inline Row cells_of(const std::string& line) {
  Row row;
  std::size_t cell = 0;
  std::size_t i = 0;
  while (i < line.size() && cell < row.size()) {
    const auto gap = line.find("  ", i);
    row[cell++] = line.substr(i, gap == std::string::npos ? std::string::npos : gap - i);
    if (gap == std::string::npos) break;
    i = line.find_first_not_of(' ', gap);
  }
  return row;
}

// The rows between replay's header line and the first blank line (or the end).
inline std::vector<Row> table_of(const std::string& out) {
  std::vector<Row> rows;
  const auto lines = lines_of(out);
  if (lines.empty() || !lines[0].starts_with("event ")) {
    ADD_FAILURE() << "no table header in:\n" << out;
    return rows;
  }
  for (std::size_t i = 1; i < lines.size() && !lines[i].empty(); ++i) {
    if (lines[i].starts_with("unrealized at ")) break;
    rows.push_back(cells_of(lines[i]));
  }
  return rows;
}

// The lines after the table: "final state of ...", "  position: ...", ...
inline std::vector<std::string> after_table(const std::string& out) {
  auto lines = lines_of(out);
  std::size_t i = 0;
  while (i < lines.size() && !lines[i].empty()) ++i;
  return std::vector<std::string>(
      lines.begin() + static_cast<std::ptrdiff_t>(std::min(i + 1, lines.size())), lines.end());
}

}  // namespace tvbot::app::clitest
