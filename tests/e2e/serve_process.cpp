#include "tests/e2e/serve_process.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>
#include <thread>

extern char** environ;

namespace tvbot::e2e {
namespace {

std::filesystem::path path_from_env(const char* name) {
  const char* value = std::getenv(name);
  return value == nullptr ? std::filesystem::path{} : std::filesystem::path(value);
}

std::string errno_text(const char* what) {
  return std::string(what) + ": " + std::strerror(errno);
}

// The test's environment with `overrides` replacing or adding variables.
std::vector<std::string> child_environment(
    const std::vector<std::pair<std::string, std::string>>& overrides) {
  std::vector<std::string> out;
  for (char** entry = environ; entry != nullptr && *entry != nullptr; ++entry) {
    std::string_view text(*entry);
    auto name = text.substr(0, text.find('='));
    bool replaced = false;
    for (const auto& [key, value] : overrides) replaced = replaced || key == name;
    if (!replaced) out.emplace_back(text);
  }
  for (const auto& [key, value] : overrides) out.push_back(key + "=" + value);
  return out;
}

// The port of a "<prefix>127.0.0.1:PORT (...)" line; 0 when it is not one.
std::uint16_t url_port(std::string_view line, std::string_view kPrefix) {
  if (!line.starts_with(kPrefix)) return 0;
  auto url = line.substr(kPrefix.size());
  url = url.substr(0, url.find(' '));
  auto colon = url.rfind(':');
  if (colon == std::string_view::npos) return 0;
  unsigned port = 0;
  for (char c : url.substr(colon + 1)) {
    if (c < '0' || c > '9' || port > 65535) return 0;
    port = port * 10 + static_cast<unsigned>(c - '0');
  }
  return port > 0 && port <= 65535 ? static_cast<std::uint16_t>(port) : 0;
}

}  // namespace

std::filesystem::path tvbot_binary() { return path_from_env("TVBOT_BINARY"); }
std::filesystem::path source_dir() { return path_from_env("TVBOT_SOURCE_DIR"); }

TempDir::TempDir() {
  auto base = path_from_env("TMPDIR");
  if (base.empty()) base = "/tmp";
  std::string pattern = (base / "tvbot-e2e-XXXXXX").string();
  if (::mkdtemp(pattern.data()) != nullptr) path_ = pattern;
}

TempDir::~TempDir() {
  std::error_code ignored;
  if (!path_.empty()) std::filesystem::remove_all(path_, ignored);
}

Result<std::unique_ptr<ServeProcess>> ServeProcess::start(const ServeLaunch& launch,
                                                          std::chrono::milliseconds timeout) {
  const auto binary = tvbot_binary();
  if (binary.empty()) return make_error("setup", "TVBOT_BINARY is not set");
  int pipe_fds[2];
  if (::pipe2(pipe_fds, O_CLOEXEC) != 0) return make_error("setup", errno_text("pipe2"));

  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_adddup2(&actions, pipe_fds[1], 1);  // dup2 clears O_CLOEXEC
  posix_spawn_file_actions_addopen(&actions, 2, launch.log_file.c_str(),
                                   O_WRONLY | O_CREAT | O_APPEND, 0644);
  posix_spawnattr_t attributes;
  posix_spawnattr_init(&attributes);
  sigset_t no_signals;
  sigemptyset(&no_signals);
  sigset_t default_signals;
  sigemptyset(&default_signals);
  sigaddset(&default_signals, SIGTERM);
  sigaddset(&default_signals, SIGINT);
  sigaddset(&default_signals, SIGPIPE);
  posix_spawnattr_setsigmask(&attributes, &no_signals);
  posix_spawnattr_setsigdefault(&attributes, &default_signals);
  posix_spawnattr_setflags(&attributes, POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);

  std::vector<std::string> args{binary.string(), "serve",           "--config",
                                launch.config.string(), "--data", launch.data_dir.string(),
                                "--port",               "0"};
  std::vector<char*> argv;
  for (auto& arg : args) argv.push_back(arg.data());
  argv.push_back(nullptr);
  auto env = child_environment(launch.env);
  std::vector<char*> envp;
  for (auto& entry : env) envp.push_back(entry.data());
  envp.push_back(nullptr);

  const auto spawned_at = std::chrono::steady_clock::now();
  pid_t pid = -1;
  const int spawn_error =
      ::posix_spawn(&pid, argv[0], &actions, &attributes, argv.data(), envp.data());
  posix_spawn_file_actions_destroy(&actions);
  posix_spawnattr_destroy(&attributes);
  ::close(pipe_fds[1]);
  if (spawn_error != 0) {
    ::close(pipe_fds[0]);
    return make_error("setup", std::string("posix_spawn ") + binary.string() + ": " +
                                   std::strerror(spawn_error));
  }
  std::unique_ptr<ServeProcess> process(new ServeProcess(pid, pipe_fds[0], launch.log_file));

  // Read stdout line by line until the listening line, EOF (it exited) or the deadline.
  const auto deadline = spawned_at + timeout;
  std::string received;
  std::size_t line_start = 0;
  while (true) {
    for (auto end = received.find('\n', line_start); end != std::string::npos;
         end = received.find('\n', line_start)) {
      const auto line = std::string_view(received).substr(line_start, end - line_start);
      auto port = url_port(line, "tvbot: listening on http://");
      // The admin listener (when enabled) is announced before the webhook one.
      if (auto admin = url_port(line, "tvbot: admin API on http://")) process->admin_port_ = admin;
      line_start = end + 1;
      if (port != 0) {
        process->port_ = port;
        process->time_to_listen_ = std::chrono::steady_clock::now() - spawned_at;
        return process;
      }
    }
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) {
      (void)process->kill_hard();
      return make_error("timeout", "no listening line within " + std::to_string(timeout.count()) +
                                       " ms; stdout: " + received + "\nlog:\n" +
                                       process->log_tail());
    }
    pollfd readable{process->stdout_fd_, POLLIN, 0};
    const int ready = ::poll(&readable, 1, static_cast<int>(left.count()));
    if (ready < 0 && errno != EINTR) return make_error("setup", errno_text("poll"));
    if (ready <= 0) continue;
    char buffer[4096];
    const ssize_t got = ::read(process->stdout_fd_, buffer, sizeof buffer);
    if (got < 0 && errno == EINTR) continue;
    if (got <= 0) {
      auto status = process->wait_for_exit(std::chrono::steady_clock::now() + 10s);
      std::string how = "exited";
      if (status.ok() && WIFEXITED(*status)) how += " with code " + std::to_string(WEXITSTATUS(*status));
      if (status.ok() && WIFSIGNALED(*status)) how = "died of signal " + std::to_string(WTERMSIG(*status));
      return make_error("exited", "tvbot serve " + how + " before listening; stdout: " +
                                      received + "\nlog:\n" + process->log_tail());
    }
    received.append(buffer, static_cast<std::size_t>(got));
  }
}

ServeProcess::~ServeProcess() {
  if (pid_ > 0) (void)kill_hard();
  close_stdout();
}

void ServeProcess::close_stdout() {
  if (stdout_fd_ >= 0) ::close(stdout_fd_);
  stdout_fd_ = -1;
}

Result<int> ServeProcess::wait_for_exit(std::chrono::steady_clock::time_point deadline) {
  while (true) {
    int status = 0;
    const pid_t done = ::waitpid(pid_, &status, WNOHANG);
    if (done == pid_) {
      pid_ = -1;
      close_stdout();
      return status;
    }
    if (done < 0 && errno != EINTR) return make_error("wait", errno_text("waitpid"));
    if (std::chrono::steady_clock::now() >= deadline) {
      return make_error("timeout", "the process did not exit in time");
    }
    std::this_thread::sleep_for(2ms);
  }
}

Result<int> ServeProcess::terminate(std::chrono::milliseconds timeout) {
  if (pid_ <= 0) return make_error("not_running", "the process is not running");
  ::kill(pid_, SIGTERM);
  auto status = wait_for_exit(std::chrono::steady_clock::now() + timeout);
  if (!status.ok()) {
    (void)kill_hard();
    return make_error("timeout", "no exit within " + std::to_string(timeout.count()) +
                                     " ms of SIGTERM; killed");
  }
  if (WIFSIGNALED(*status)) {
    return make_error("signal", "died of signal " + std::to_string(WTERMSIG(*status)));
  }
  return WEXITSTATUS(*status);
}

Status ServeProcess::kill_hard(std::chrono::milliseconds timeout) {
  if (pid_ <= 0) return make_error("not_running", "the process is not running");
  ::kill(pid_, SIGKILL);
  auto status = wait_for_exit(std::chrono::steady_clock::now() + timeout);
  if (!status.ok()) return status.error();
  return {};
}

std::string ServeProcess::log_tail(std::size_t bytes) const {
  std::ifstream in(log_file_, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  auto all = text.str();
  return all.size() > bytes ? "..." + all.substr(all.size() - bytes) : all;
}

}  // namespace tvbot::e2e
