// tvbot backup --data DIR --to NEW_DIR: a consistent copy of the event log, taken while
// tvbot serve runs. The copy is a RocksDB checkpoint (hard links to the immutable table
// files, a copy of the WAL), so it holds a prefix of the log's atomic, fsynced batches.
//
// Who takes it: RocksDB can only checkpoint through the handle of the process that holds
// the log's LOCK. A read-only or secondary open from here would not stop the server's
// compactions from deleting table files mid-copy. So when a server runs, this asks it
// over its control socket (DIR/control.sock, see app/serve/control_socket.hpp); when none
// does, this process opens the log itself (taking the LOCK, so no server starts meanwhile).
// Either way the copy is then opened read-only here and verified before "ok" is printed.
#include <unistd.h>

#include <iostream>
#include <system_error>

#include <CLI/CLI.hpp>

#include "app/commands.hpp"
#include "app/control_socket_path.hpp"
#include "app/log_dir.hpp"
#include "app/log_summary.hpp"
#include "app/unix_line_socket.hpp"
#include "storage/event_log.hpp"

namespace tvbot::app {
namespace {

struct BackupOptions {
  std::string data_dir;
  std::string to;
  unsigned timeout_seconds = 300;
};

// Asks the running server for the checkpoint. nullopt: no server runs.
std::optional<Status> checkpoint_by_server(const std::filesystem::path& socket,
                                           const std::filesystem::path& to,
                                           std::chrono::seconds timeout) {
  auto fd = connect_unix(socket);
  if (!fd.ok()) {
    if (fd.error().code == "not_running") return std::nullopt;
    return Status(fd.error());
  }
  Status outcome = write_line(*fd, "checkpoint " + to.string(), timeout);
  if (outcome.ok()) {
    auto reply = read_line(*fd, timeout);
    if (!reply.ok()) {
      outcome = reply.error();
    } else if (*reply != "ok") {
      outcome = make_error("checkpoint_failed", reply->starts_with("error ") ? reply->substr(6) : *reply);
    }
  }
  close(*fd);
  return outcome;
}

// No server runs: open the log for writing (which takes its LOCK) under its own log id.
Status checkpoint_offline(const std::filesystem::path& log_dir, const std::filesystem::path& to) {
  std::string log_id;
  {
    auto peek = storage::EventLog::open_read_only(log_dir);
    if (!peek.ok()) return peek.error();
    log_id = (*peek)->log_id();
  }
  storage::EventLogOptions options;
  options.log_id = log_id;
  options.create_if_missing = false;
  auto log = storage::EventLog::open(log_dir, options);
  if (!log.ok()) {
    return make_error(log.error().code, log.error().message +
                                            " (if a tvbot serve holds this log, its control "
                                            "socket did not answer)");
  }
  return (*log)->checkpoint(to);
}

int run_backup(const BackupOptions& options) {
  const auto log_dir = resolve_log_dir(options.data_dir);
  std::error_code error;
  if (!std::filesystem::exists(log_dir / "CURRENT", error)) {
    std::cerr << "tvbot backup: no event log at " << options.data_dir << "\n";
    return 1;
  }
  std::filesystem::path to = std::filesystem::absolute(options.to, error).lexically_normal();
  if (!to.has_filename()) to = to.parent_path();
  if (std::filesystem::exists(to, error)) {
    std::cerr << "tvbot backup: --to " << options.to
              << " exists; a backup is written to a new directory\n";
    return 2;
  }
  if (!std::filesystem::is_directory(to.parent_path(), error)) {
    std::cerr << "tvbot backup: --to " << options.to << ": " << to.parent_path().string()
              << " is not a directory\n";
    return 2;
  }

  const auto socket = control_socket_path(log_dir);
  const std::chrono::seconds timeout(options.timeout_seconds);
  std::string taken_by = "the running server";
  Status taken;
  if (auto by_server = checkpoint_by_server(socket, to, timeout)) {
    taken = std::move(*by_server);
  } else {
    taken_by = "this process (no server was running)";
    taken = checkpoint_offline(log_dir, to);
  }
  if (!taken.ok()) {
    std::cerr << "tvbot backup: " << taken.error().message << "\n";
    return 1;
  }

  auto copy = storage::EventLog::open_read_only(to);
  if (!copy.ok()) {
    std::cerr << "tvbot backup: the backup at " << to.string() << " does not open: "
              << copy.error().message << "\n";
    return 1;
  }
  if (Status checked = (*copy)->verify(); !checked.ok()) {
    std::cerr << "tvbot backup: the backup at " << to.string()
              << " fails verification: " << checked.error().message << "\n";
    return 1;
  }
  std::cout << "tvbot backup: " << to.string() << ": ok, taken by " << taken_by
            << ", verified: " << log_summary(**copy) << "\n";
  return 0;
}

}  // namespace

void add_backup_command(CLI::App& app, int& exit_code) {
  auto options = std::make_shared<BackupOptions>();
  auto* command = app.add_subcommand(
      "backup", "Copy the event log consistently, also while tvbot serve runs, and verify the copy");
  command->add_option("--data", options->data_dir, "Data directory or event log directory")
      ->required();
  command->add_option("--to", options->to,
                      "New directory for the copy (must not exist; its parent must)")
      ->required();
  command->add_option("--timeout", options->timeout_seconds,
                      "Seconds to wait for the running server's checkpoint (default 300)")
      ->check(CLI::Range(1u, 86400u));
  command->callback([options, &exit_code] { exit_code = run_backup(*options); });
}

}  // namespace tvbot::app
