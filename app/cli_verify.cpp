// tvbot verify --data DIR: reads the whole log read-only and checks every record's and
// index entry's checksum, the gapless sequences and the indexes (EventLog::verify). Meant
// for a stopped server's log and for backups; on a running server's log it checks the log
// as it was when opened.
#include <iostream>

#include <CLI/CLI.hpp>

#include "app/commands.hpp"
#include "app/log_dir.hpp"
#include "app/log_summary.hpp"
#include "storage/event_log.hpp"

namespace tvbot::app {
namespace {

int run_verify(const std::string& data_dir) {
  const auto log_dir = resolve_log_dir(data_dir);
  auto log = storage::EventLog::open_read_only(log_dir);
  if (!log.ok()) {
    std::cerr << "tvbot verify: " << log.error().message << "\n";
    return 1;
  }
  if (Status checked = (*log)->verify(); !checked.ok()) {
    std::cerr << "tvbot verify: " << log_dir.string() << ": " << checked.error().code << ": "
              << checked.error().message << "\n";
    return 1;
  }
  std::cout << "tvbot verify: " << log_dir.string() << ": ok: " << log_summary(**log) << "\n";
  return 0;
}

}  // namespace

void add_verify_command(CLI::App& app, int& exit_code) {
  auto data_dir = std::make_shared<std::string>();
  auto* command = app.add_subcommand(
      "verify", "Check every checksum and index of an event log (exit 1 at the first problem)");
  command->add_option("--data", *data_dir, "Data directory or event log directory")->required();
  command->callback([data_dir, &exit_code] { exit_code = run_verify(*data_dir); });
}

}  // namespace tvbot::app
