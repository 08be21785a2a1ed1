#include <CLI/CLI.hpp>

#include <iostream>
#include <string>
#include <string_view>

#include "app/commands.hpp"

namespace {

// "events, replay, demo or serve" when `word` names none of them; empty when it is one.
std::string unknown_command(CLI::App& app, std::string_view word) {
  std::string names;
  const auto commands = app.get_subcommands([](CLI::App*) { return true; });
  for (std::size_t i = 0; i < commands.size(); ++i) {
    if (commands[i]->check_name(std::string(word))) return {};
    names += i == 0 ? "" : i + 1 == commands.size() ? " or " : ", ";
    names += commands[i]->get_name();
  }
  return names;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"tvbot: TradingView alerts to broker orders, with an exact, replayable account"};
  app.require_subcommand(1);
  int exit_code = 0;
  tvbot::app::add_events_command(app, exit_code);
  tvbot::app::add_replay_command(app, exit_code);
  tvbot::app::add_demo_command(app, exit_code);
  tvbot::app::add_serve_command(app, exit_code);
  tvbot::app::add_backup_command(app, exit_code);
  tvbot::app::add_verify_command(app, exit_code);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& error) {
    // CLI11 would answer `tvbot frobnicate` with "A subcommand is required"; name the word.
    if (argc > 1 && argv[1][0] != '-') {
      if (auto expected = unknown_command(app, argv[1]); !expected.empty()) {
        std::cerr << "tvbot: unknown command \"" << argv[1] << "\"; expected " << expected
                  << " (tvbot --help)\n";
        return 2;
      }
    }
    const int code = app.exit(error);
    return code == 0 ? 0 : 2;  // --help is not an error; every bad argument is bad input
  }
  return exit_code;
}
