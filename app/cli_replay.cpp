// tvbot replay: "why is my position this?"
//   --data DIR --stream BOT/SYMBOL [--until SEQ|TIME]   the stream's events, folded one by one
//   --fills FILE [--mode one-way|hedge] [--json] [--mark PRICE]   a broker's trade export,
//   folded through the same aggregate, to check tvbot's arithmetic against the broker's.
#include <charconv>
#include <cstdio>
#include <iostream>
#include <system_error>

#include <CLI/CLI.hpp>

#include "app/cli_output.hpp"
#include "app/commands.hpp"
#include "app/fills_file.hpp"
#include "app/log_dir.hpp"
#include "app/position_report.hpp"
#include "events/codec.hpp"
#include "events/position.hpp"
#include "storage/event_store.hpp"

namespace tvbot::app {
namespace {

struct ReplayOptions {
  std::string data_dir;
  std::string stream;
  std::string until;
  std::string fills_file;
  std::string mode = "one-way";
  std::string mark;
  bool json = false;
};

void print_line(const std::string& line) { std::printf("%s\n", line.c_str()); }

bool uses_hedge_legs(const StreamState& state) {
  return !state.long_side.is_flat() || !state.short_side.is_flat() || state.long_side.cycle > 0 ||
         state.short_side.cycle > 0;
}

struct Until {
  std::optional<std::uint64_t> seq;
  std::optional<Timestamp> time;
};

// "--until 12" is a stream seq, "--until 2026-11-24T09:08:00Z" a time; nullopt after a message.
std::optional<Until> parse_until(const std::string& text) {
  Until until;
  if (text.empty()) return until;
  std::uint64_t seq = 0;
  const char* end = text.data() + text.size();
  const auto [after, error] = std::from_chars(text.data(), end, seq);
  if (error == std::errc{} && after == end) {
    until.seq = seq;
  } else if (error == std::errc::result_out_of_range) {
    std::cerr << "tvbot replay: --until: stream seq " << text << " is out of range\n";
    return std::nullopt;
  } else if (auto time = parse_timestamp(text); time.ok()) {
    until.time = *time;
  } else {
    std::cerr << "tvbot replay: --until: expected a stream seq or an ISO-8601 time like "
                 "2026-11-24T09:08:00Z, got \""
              << text << "\"\n";
    return std::nullopt;
  }
  return until;
}

int replay_stream(const ReplayOptions& options) {
  const auto until = parse_until(options.until);
  if (!until) return 2;
  auto log = storage::EventLog::open_read_only(resolve_log_dir(options.data_dir));
  if (!log.ok()) {
    std::cerr << "tvbot replay: " << log.error().message << "\n";
    return 1;
  }
  if ((*log)->stream_version(options.stream) == 0) {
    std::cerr << "tvbot replay: no stream \"" << options.stream << "\" in " << options.data_dir
              << " (tvbot events --data " << options.data_dir << " lists every event)\n";
    return 1;
  }
  storage::EventStore store(**log);
  auto events = store.read_stream(options.stream);
  if (!events.ok()) {
    std::cerr << "tvbot replay: " << events.error().message << "\n";
    return 1;
  }
  try {
    // Hedge streams show both legs on every row, so look ahead once to know which it is.
    StreamState probe = initial_state(options.stream);
    bool hedge = false;
    for (const auto& event : *events) {
      evolve_in_place(probe, event);
      hedge = hedge || uses_hedge_legs(probe);
    }
    StreamState state = initial_state(options.stream);
    print_line(text_header());
    for (const auto& event : *events) {
      if (until->seq && event.stream_seq > *until->seq) break;
      if (until->time && event.time > *until->time) break;
      evolve_in_place(state, event);
      auto label = "#" + std::to_string(event.stream_seq) + " " +
                   std::string(event_type_name(event.payload));
      print_line(
          text_row(label, state.net, state.long_side, state.short_side, state.totals, hedge));
    }
    print_line("");
    print_line("final state of " + options.stream + " at stream seq " +
               std::to_string(state.version) + ":");
    print_line("  position:        " +
               describe_positions(state.net, state.long_side, state.short_side, hedge));
    print_line("  realized gross:  " + state.totals.realized_gross.to_string());
    print_line("  fees paid:       " + state.totals.fees.to_string());
    print_line("  realized net:    " + state.totals.realized_net().to_string());
    print_line("  orders in flight: " + std::to_string(state.pending.size()));
    print_line(std::string("  paused:          ") + (state.paused ? "yes" : "no"));
  } catch (const DecimalError& error) {  // a stored total beyond Money's range
    std::cerr << "tvbot replay: " << options.stream << ": " << error.what() << "\n";
    return finish_output("replay", 1);
  }
  return finish_output("replay", 0);
}

std::string json_step(std::size_t number, const FillInput& fill, const FoldStep& step, bool hedge,
                      const std::optional<Price>& mark) {
  std::string line = "{\"step\":" + std::to_string(number) + ",\"fill_id\":";
  append_json_string(line, fill.fill_id.value_or("fill-" + std::to_string(number)));
  line += ",\"time\":\"" + format_timestamp(fill.time) + "\"";
  if (step.events.empty()) line += ",\"repeat\":true";
  if (hedge) {
    for (auto [name, leg] : {std::pair{"long", &step.long_side}, {"short", &step.short_side}}) {
      line += ",\"" + std::string(name) + "\":{" + json_fields(*leg, leg->lifetime, mark) + "}";
    }
    line += ",\"realized_net\":\"" + step.totals.realized_net().to_string() + "\"";
    line += "}";
  } else {
    line += "," + json_fields(step.net, step.totals, mark) + "}";
  }
  return line;
}

int replay_fills(const ReplayOptions& options) {
  PositionMode mode;
  if (options.mode == "one-way") {
    mode = PositionMode::one_way;
  } else if (options.mode == "hedge") {
    mode = PositionMode::hedge;
  } else {
    std::cerr << "tvbot replay: --mode: expected one-way or hedge, got \"" << options.mode
              << "\"\n";
    return 2;
  }
  std::optional<Price> mark;
  if (!options.mark.empty()) {
    auto parsed = Price::parse_exact(options.mark);
    if (!parsed.ok()) {
      std::cerr << "tvbot replay: --mark: " << parsed.error().message << "\n";
      return 2;
    }
    if (!parsed->is_positive()) {
      std::cerr << "tvbot replay: --mark: a price must be above 0, got " << options.mark << "\n";
      return 2;
    }
    mark = *parsed;
  }
  auto file = read_fills_file(options.fills_file);
  if (!file.ok()) {
    std::cerr << "tvbot replay: " << options.fills_file << ": " << file.error().message << "\n";
    return 2;
  }
  const auto& fills = file->fills;
  auto folded = fold_fills("fills/replay", mode, fills);
  if (!folded.ok()) {
    std::cerr << "tvbot replay: " << options.fills_file << ": "
              << locate_fold_error(*file, folded.error().message) << "\n";
    return 2;
  }
  const bool hedge = mode == PositionMode::hedge;
  std::size_t number = 0;
  try {
    if (!options.json) print_line(text_header());
    for (const auto& step : folded->steps) {
      const auto& fill = fills[number++];
      if (options.json) {
        print_line(json_step(number, fill, step, hedge, mark));
        continue;
      }
      auto label = "fill " + std::to_string(number) + " " + std::string(to_string(fill.side)) +
                   " " + fill.qty.to_string() + "@" + fill.price.to_string();
      if (step.events.empty()) label += " (repeat)";
      print_line(text_row(label, step.net, step.long_side, step.short_side, step.totals, hedge));
    }
    if (!options.json && mark) {
      number = 0;  // the final state, not one step
      const auto& state = folded->state;
      Money unrealized = hedge ? unrealized_pnl(state.long_side, *mark) +
                                     unrealized_pnl(state.short_side, *mark)
                               : unrealized_pnl(state.net, *mark);
      print_line("unrealized at " + mark->to_string() + ": " + unrealized.to_string());
    }
  } catch (const DecimalError& error) {  // unrealized P&L at an extreme --mark, say
    std::cerr << "tvbot replay: "
              << (number == 0 ? "final state" : "fill " + std::to_string(number)) << ": "
              << error.what() << "\n";
    return finish_output("replay", 1);
  }
  return finish_output("replay", 0);
}

}  // namespace

void add_replay_command(CLI::App& app, int& exit_code) {
  auto options = std::make_shared<ReplayOptions>();
  auto* command = app.add_subcommand(
      "replay", "Show a position after each event of a stream, or after each fill of a file");
  auto* data = command->add_option("--data", options->data_dir, "Event log directory");
  auto* stream = command->add_option("--stream", options->stream, "Stream: BOT/SYMBOL");
  auto* until = command->add_option("--until", options->until,
                                    "Stop after this stream seq or ISO-8601 time, with --stream");
  auto* fills = command->add_option(
      "--fills", options->fills_file,
      "CSV or JSON-lines fills: time,side,qty,price,fee[,id][,position_side]");
  auto* mode = command->add_option("--mode", options->mode,
                                   "one-way (default) or hedge, with --fills");
  auto* mark = command->add_option("--mark", options->mark,
                                   "Mark price for unrealized P&L, with --fills");
  auto* json = command->add_flag("--json", options->json, "One JSON object per step, with --fills");
  data->needs(stream);
  stream->needs(data);
  until->needs(stream);
  fills->excludes(data);
  fills->excludes(stream);
  // Refused rather than ignored: `--stream S --json` must not print a table silently.
  mode->needs(fills);
  mark->needs(fills);
  json->needs(fills);
  command->callback([options, command, &exit_code] {
    if (!options->fills_file.empty()) {
      exit_code = replay_fills(*options);
    } else if (!options->stream.empty()) {
      exit_code = replay_stream(*options);
    } else {
      std::cerr << "tvbot replay: give --data DIR --stream BOT/SYMBOL, or --fills FILE\n"
                << command->help();
      exit_code = 2;
    }
  });
}

}  // namespace tvbot::app
