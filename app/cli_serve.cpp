// tvbot serve --config FILE: placeholder until the live path lands in this file.
#include <iostream>

#include <CLI/CLI.hpp>

#include "app/commands.hpp"

namespace tvbot::app {

void add_serve_command(CLI::App& app, int& exit_code) {
  auto config_file = std::make_shared<std::string>();
  auto* command = app.add_subcommand("serve", "Receive webhooks and trade");
  command->add_option("--config", *config_file, "Configuration file (TOML)")->required();
  command->callback([&exit_code] {
    std::cerr << "tvbot serve: not built yet\n";
    exit_code = 1;
  });
}

}  // namespace tvbot::app
