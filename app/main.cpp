#include <CLI/CLI.hpp>

#include "app/commands.hpp"

int main(int argc, char** argv) {
  CLI::App app{"tvbot: TradingView alerts to broker orders, with an exact, replayable account"};
  app.require_subcommand(1);
  int exit_code = 0;
  tvbot::app::add_events_command(app, exit_code);
  tvbot::app::add_replay_command(app, exit_code);
  tvbot::app::add_demo_command(app, exit_code);
  tvbot::app::add_serve_command(app, exit_code);
  CLI11_PARSE(app, argc, argv);
  return exit_code;
}
