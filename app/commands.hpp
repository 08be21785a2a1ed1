#pragma once
// The `tvbot` subcommands. Each add_* registers its options on the app and, when chosen,
// stores its exit status in `exit_code` (0 ok, 1 failure, 2 bad input).
namespace CLI {
class App;
}

namespace tvbot::app {

void add_events_command(CLI::App& app, int& exit_code);
void add_replay_command(CLI::App& app, int& exit_code);
void add_demo_command(CLI::App& app, int& exit_code);
void add_serve_command(CLI::App& app, int& exit_code);
void add_backup_command(CLI::App& app, int& exit_code);
void add_verify_command(CLI::App& app, int& exit_code);

}  // namespace tvbot::app
