// tvbot events --data DIR [--stream S] [--from SEQ]: the log as JSON lines.
#include <charconv>
#include <cstdio>
#include <iostream>
#include <system_error>

#include <CLI/CLI.hpp>

#include "app/cli_output.hpp"
#include "app/commands.hpp"
#include "app/log_dir.hpp"
#include "events/codec.hpp"
#include "storage/event_store.hpp"

namespace tvbot::app {
namespace {

struct EventsOptions {
  std::string data_dir;
  std::string stream;
  std::uint64_t from = 1;
};

int run_events(const EventsOptions& options) {
  auto log = storage::EventLog::open_read_only(resolve_log_dir(options.data_dir));
  if (!log.ok()) {
    std::cerr << "tvbot events: " << log.error().message << "\n";
    return 1;
  }
  storage::EventStore store(**log);
  std::string line;
  auto print = [&line](const Event& event) {
    line = encode_event(event);
    line += '\n';
    std::fwrite(line.data(), 1, line.size(), stdout);
    return true;
  };
  if (!options.stream.empty()) {
    if ((*log)->stream_version(options.stream) == 0) {
      std::cerr << "tvbot events: no stream \"" << options.stream << "\" in " << options.data_dir
                << " (without --stream, every event is listed)\n";
      return 1;
    }
    auto events = store.read_stream(options.stream, options.from);
    if (!events.ok()) {
      std::cerr << "tvbot events: " << events.error().message << "\n";
      return 1;
    }
    for (const auto& event : *events) print(event);
    return finish_output("events", 0);
  }
  auto scanned = store.read_all(options.from, print);
  if (!scanned.ok()) {
    std::cerr << "tvbot events: " << scanned.error().message << "\n";
    return finish_output("events", 1);
  }
  return finish_output("events", 0);
}

}  // namespace

void add_events_command(CLI::App& app, int& exit_code) {
  auto options = std::make_shared<EventsOptions>();
  auto* command = app.add_subcommand("events", "Print events as JSON lines");
  command->add_option("--data", options->data_dir, "Event log directory")->required();
  command->add_option("--stream", options->stream, "Only this stream (bot/SYMBOL)");
  command->add_option("--from", options->from,
                      "First sequence: global, or the stream's with --stream")
      ->check(
          [](const std::string& text) -> std::string {
            // CLI::PositiveNumber would say "not in range 0.000000 to 1797693134862...".
            std::uint64_t seq = 0;
            const char* end = text.data() + text.size();
            const auto [after, error] = std::from_chars(text.data(), end, seq);
            if (error == std::errc{} && after == end && seq >= 1) return {};
            return "expected a sequence number of 1 or more, got \"" + text + "\"";
          },
          "SEQ >= 1");
  command->callback([options, &exit_code] { exit_code = run_events(*options); });
}

}  // namespace tvbot::app
