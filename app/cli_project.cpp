// tvbot project: the SQL projection from the command line.
//   tvbot project --config FILE [--rebuild | --status]
//   tvbot project --data DIR --dsn DSN [--rebuild | --status]    (or TVBOT_POSTGRES_DSN)
// Without --rebuild or --status it catches up once from the checkpoint and exits.
#include <chrono>
#include <cstdio>
#include <iostream>

#include <CLI/CLI.hpp>

#include "app/commands.hpp"
#include "app/config/load.hpp"
#include "app/log_dir.hpp"
#include "app/postgres_dsn.hpp"
#include "events/codec.hpp"
#include "projections/catch_up.hpp"
#include "projections/projector.hpp"
#include "storage/event_store.hpp"

namespace tvbot::app {
namespace {

struct ProjectOptions {
  std::string config_file;
  std::string data_dir;
  std::string dsn;
  bool rebuild = false;
  bool status = false;
  std::size_t batch = 1000;
  unsigned connect_timeout = 5;
};

int fail(const std::string& message, int code = 1) {
  std::cerr << "tvbot project: " << message << "\n";
  return code;
}

double age_seconds(Timestamp time) {
  const auto now = std::chrono::duration_cast<std::chrono::nanoseconds>(
                       std::chrono::system_clock::now().time_since_epoch())
                       .count();
  return static_cast<double>(now - time) / 1e9;
}

int run_project(const ProjectOptions& options) {
  std::string data_dir = options.data_dir;
  std::optional<PostgresTarget> target;
  if (!options.dsn.empty()) target = PostgresTarget{options.dsn, "--dsn"};
  if (!options.config_file.empty()) {
    auto loaded = config::load_config_from_file(options.config_file);
    if (!loaded.ok()) return fail(options.config_file + " is not valid:\n" + loaded.error_report(), 2);
    const config::Config& config = loaded.value();
    if (data_dir.empty()) data_dir = config.storage.data_dir;
    if (!target) {
      auto resolved = resolve_postgres(config.postgres);
      if (!resolved.ok()) return fail(resolved.error().message);
      if (!*resolved) return fail("projections are disabled in " + options.config_file + " ([postgres] enabled = false)", 2);
      target = **resolved;
    }
  }
  if (!target) {
    if (const char* env = std::getenv(postgres_dsn_env); env != nullptr && *env != '\0') {
      target = PostgresTarget{env, std::string("env ") + postgres_dsn_env};
    }
  }
  if (data_dir.empty()) return fail("give --config FILE, or --data DIR with --dsn DSN", 2);
  if (!target) return fail("no PostgreSQL DSN: give --dsn, --config or set " + std::string(postgres_dsn_env), 2);

  auto log = storage::EventLog::open_read_only(resolve_log_dir(data_dir));
  if (!log.ok()) return fail(log.error().message);
  storage::EventStore store(**log);

  projections::PgTimeouts timeouts;
  timeouts.connect = std::chrono::seconds(options.connect_timeout);
  auto projector = projections::Projector::open(target->dsn, (*log)->log_id(), timeouts);
  if (!projector.ok()) return fail(projector.error().message + " (DSN from " + target->origin + ")");

  if (options.status) {
    auto checkpoint = (*projector)->checkpoint();
    if (!checkpoint.ok()) return fail(checkpoint.error().message);
    const std::uint64_t last = (*log)->last_global_seq();
    double behind_seconds = 0;
    if (last > *checkpoint) {
      (void)store.read_all(*checkpoint + 1, [&](const Event& event) {
        behind_seconds = age_seconds(event.time);
        return false;
      });
    }
    std::printf("log %s: checkpoint %llu of %llu, %llu events behind, %.1f s behind\n",
                (*log)->log_id().c_str(), static_cast<unsigned long long>(*checkpoint),
                static_cast<unsigned long long>(last),
                static_cast<unsigned long long>(last > *checkpoint ? last - *checkpoint : 0),
                behind_seconds);
    return 0;
  }

  const auto started = std::chrono::steady_clock::now();
  auto report = options.rebuild ? projections::rebuild(**projector, store, options.batch)
                                : projections::catch_up(**projector, store, options.batch);
  if (!report.ok()) return fail(report.error().message);
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  std::printf("%s log %s: %llu events in %llu batches, %.2f s (%.0f events/s); checkpoint %llu; "
              "%llu events of types not projected\n",
              options.rebuild ? "rebuilt" : "caught up", (*log)->log_id().c_str(),
              static_cast<unsigned long long>(report->events),
              static_cast<unsigned long long>(report->batches), seconds,
              seconds > 0 ? static_cast<double>(report->events) / seconds : 0.0,
              static_cast<unsigned long long>(report->checkpoint),
              static_cast<unsigned long long>(report->counts.skipped));
  return 0;
}

}  // namespace

void add_project_command(CLI::App& app, int& exit_code) {
  auto options = std::make_shared<ProjectOptions>();
  auto* command = app.add_subcommand("project", "Project the event log into PostgreSQL");
  command->add_option("--config", options->config_file, "Configuration file (TOML)")
      ->check(CLI::ExistingFile);
  command->add_option("--data", options->data_dir, "Data directory (instead of storage.data_dir)");
  command->add_option("--dsn", options->dsn,
                      "PostgreSQL DSN (else TVBOT_POSTGRES_DSN or the configuration)");
  auto* rebuild = command->add_flag("--rebuild", options->rebuild,
                                    "Delete this log's projected rows and project the whole log again");
  command->add_flag("--status", options->status, "Show the checkpoint and the lag, change nothing")
      ->excludes(rebuild);
  command->add_option("--batch", options->batch, "Events per transaction")->check(CLI::Range(1, 100000));
  command->add_option("--connect-timeout", options->connect_timeout, "Seconds")->check(CLI::Range(1, 300));
  command->callback([options, &exit_code] { exit_code = run_project(*options); });
}

}  // namespace tvbot::app
