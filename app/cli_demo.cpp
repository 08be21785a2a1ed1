// tvbot demo --data DIR: writes a realistic stream (three pyramid entries, a partial close,
// a reversal, a close) through the real aggregate and the real event log, so a new user
// sees `tvbot replay` work at once.
#include <filesystem>
#include <iostream>
#include <system_error>

#include <CLI/CLI.hpp>

#include "app/cli_output.hpp"
#include "app/commands.hpp"
#include "events/codec.hpp"
#include "events/position.hpp"
#include "storage/event_store.hpp"

namespace tvbot::app {
namespace {

constexpr std::string_view kStream = "demo/BTCUSDT";

struct DemoStep {
  Action action;
  const char* qty;    // empty: the whole position
  const char* price;  // the fill price
  const char* fee;
  const char* body;   // the webhook as TradingView would have sent it
};

// Fees are 0.1 % of the fill's notional, the way a spot venue charges a taker.
constexpr DemoStep kSteps[] = {
    {Action::buy, "0.01", "30000", "0.3",
     R"({"action":"buy","ticker":"BINANCE:BTCUSDT","contracts":"0.01","price":"30000"})"},
    {Action::buy, "0.02", "31000", "0.62",
     R"({"action":"buy","ticker":"BINANCE:BTCUSDT","contracts":"0.02","price":"31000"})"},
    {Action::buy, "0.03", "29500", "0.885",
     R"({"action":"buy","ticker":"BINANCE:BTCUSDT","contracts":"0.03","price":"29500"})"},
    {Action::close, "0.02", "31000", "0.62",
     R"({"action":"close","ticker":"BINANCE:BTCUSDT","contracts":"0.02","price":"31000"})"},
    {Action::sell, "0.02", "30500", "1.83",
     R"({"action":"sell","ticker":"BINANCE:BTCUSDT","contracts":"0.02","price":"30500"})"},
    {Action::close, "", "30000", "0.6",
     R"({"action":"close","ticker":"BINANCE:BTCUSDT","price":"30000"})"},
};

Price price_of(const char* text) { return *Price::parse_exact(text); }

int run_demo(const std::string& data_dir) {
  // The error_code overloads: a directory we may not look into is a message, not an abort.
  std::error_code failed;
  const auto status = std::filesystem::status(data_dir, failed);
  if (failed && failed != std::errc::no_such_file_or_directory) {
    std::cerr << "tvbot demo: cannot use " << data_dir << ": " << failed.message() << "\n";
    return 1;
  }
  if (std::filesystem::exists(status)) {
    if (!std::filesystem::is_directory(status)) {
      std::cerr << "tvbot demo: " << data_dir << " is a file; give a new directory\n";
      return 1;
    }
    const bool empty = std::filesystem::is_empty(data_dir, failed);
    if (failed || !empty) {
      std::cerr << "tvbot demo: " << data_dir
                << (failed ? ": " + failed.message() : std::string(" is not empty"))
                << "; give a new directory\n";
      return 1;
    }
  }
  storage::EventLogOptions log_options;
  log_options.log_id = "demo";
  auto log = storage::EventLog::open(data_dir, log_options);
  if (!log.ok()) {
    std::cerr << "tvbot demo: " << log.error().message << "\n";
    return 1;
  }
  storage::EventStore store(**log);
  PositionConfig config;
  config.max_entries = 3;
  config.sizing.kind = SizingRule::Kind::from_alert;
  StreamState state = initial_state(std::string(kStream));
  Timestamp time = *parse_timestamp("2026-11-24T09:00:00Z");
  constexpr Timestamp kMinute = 60'000'000'000;

  auto record = [&](const std::vector<EventPayload>& payloads) -> bool {
    auto appended = store.append(kStream, state.version, payloads, time);
    if (!appended.ok()) {
      std::cerr << "tvbot demo: " << appended.error().message << "\n";
      return false;
    }
    for (const auto& event : *appended) evolve_in_place(state, event);
    time += kMinute;
    return true;
  };
  auto run = [&](const Command& command) -> bool {
    auto decided = decide(state, command, config);
    if (!decided.ok()) {
      std::cerr << "tvbot demo: " << decided.error().message << "\n";
      return false;
    }
    return decided->empty() || record(*decided);
  };

  int fill_number = 0;
  for (const auto& step : kSteps) {
    Signal signal;
    signal.action = step.action;
    signal.ticker = "BINANCE:BTCUSDT";
    signal.symbol = "BTCUSDT";
    if (*step.qty != '\0') signal.qty = *Quantity::parse_exact(step.qty);
    signal.price = price_of(step.price);
    AlertReceived alert{step.body, "127.0.0.1", "demo-" + std::to_string(fill_number + 1),
                        "demo", signal};
    if (!record({alert})) return 1;
    if (!run(SignalCommand{signal, state.version, time, signal.price, {}})) return 1;
    for (const auto& order : std::vector<PendingOrder>(state.pending)) {
      OrderFilled fill;
      fill.client_order_id = order.client_order_id;
      fill.broker_order_id = "paper-" + std::to_string(++fill_number);
      fill.fill_id = "demo-fill-" + std::to_string(fill_number);
      fill.side = order.side;
      fill.position_side = order.position_side;
      fill.qty = order.qty;
      fill.price = price_of(step.price);
      fill.fee = *Money::parse_exact(step.fee);
      fill.fee_asset = "USDT";
      if (!run(FillCommand{fill, time})) return 1;
    }
  }
  std::cout << "wrote " << state.version << " events to stream " << kStream << " in "
            << data_dir << "\nsee them:      tvbot events --data " << data_dir
            << "\nreplay them:   tvbot replay --data " << data_dir << " --stream " << kStream
            << "\n";
  return finish_output("demo", 0);
}

}  // namespace

void add_demo_command(CLI::App& app, int& exit_code) {
  auto data_dir = std::make_shared<std::string>();
  auto* command = app.add_subcommand("demo", "Write a demo stream to a new event log");
  command->add_option("--data", *data_dir, "New event log directory")->required();
  command->callback([data_dir, &exit_code] { exit_code = run_demo(*data_dir); });
}

}  // namespace tvbot::app
