#include "tests/e2e/e2e_support.hpp"

#include <fstream>
#include <stdexcept>
#include <thread>

#include "events/position_fold.hpp"
#include "storage/event_log.hpp"
#include "storage/event_store.hpp"

namespace tvbot::e2e {

std::string test_config_text() {
  return R"toml(
[server]
listen_address = "127.0.0.1"
port = 8080                      # replaced by --port 0
max_body_bytes = 1024
rate_limit_per_ip = { per_second = 1000, burst = 1000 }

[storage]
data_dir = "./unused"            # replaced by --data
log_id = "e2e"

[postgres]
enabled = false

[[brokers]]
name = "paper"
kind = "paper"
seed = 7
maker_fee_bps = "2"
taker_fee_bps = "5"
slippage_bps = "10"
initial_balances = { USDT = "1000000" }
price_feed = { kind = "manual", start_prices = { BTCUSDT = "60000", ETHUSDT = "3000" } }

[[bots]]
id = "alpha"
secret_env = "TVBOT_E2E_ALPHA_SECRET"
broker = "paper"
mode = "one-way"
rate_limit = { per_second = 1000, burst = 1000 }
dedupe_window_seconds = 3600

[bots.defaults]
sizing = { kind = "alert" }
max_entries = 3

[[bots.instruments]]
symbol = "BTCUSDT"
tradingview_tickers = ["BINANCE:BTCUSDT.P"]

[[bots.instruments]]
symbol = "ETHUSDT"
sizing = { kind = "fixed", qty = "0.5" }
max_entries = 1

[[bots]]
id = "slow"
secret_env = "TVBOT_E2E_SLOW_SECRET"
broker = "paper"
rate_limit = { per_second = "0.01", burst = 2 }

[[bots.instruments]]
symbol = "ETHUSDT"
)toml";
}

ServerDir::ServerDir(std::filesystem::path root) : root_(std::move(root)) {
  std::filesystem::create_directories(root_);
  std::ofstream(root_ / "tvbot.toml") << test_config_text();
}

ServeLaunch ServerDir::launch() const {
  ServeLaunch launch;
  launch.config = root_ / "tvbot.toml";
  launch.data_dir = data_dir();
  launch.log_file = root_ / "serve.log";
  launch.env = {{"TVBOT_E2E_ALPHA_SECRET", std::string(kAlphaSecret)},
                {"TVBOT_E2E_SLOW_SECRET", std::string(kSlowSecret)}};
  return launch;
}

Result<std::vector<Event>> read_log(const std::filesystem::path& data_dir) {
  Error last = make_error("not_read", "the log was not read");
  // RocksDB may be switching files under a read-only open while the server writes: retry.
  for (int attempt = 0; attempt < 50; ++attempt) {
    if (attempt > 0) std::this_thread::sleep_for(std::chrono::milliseconds(10));
    auto log = storage::EventLog::open_read_only(data_dir / "events");
    if (!log.ok()) {
      last = log.error();
      continue;
    }
    storage::EventStore store(**log);
    std::vector<Event> events;
    auto read = store.read_all(1, [&events](const Event& event) {
      events.push_back(event);
      return true;
    });
    if (!read.ok()) {
      last = read.error();
      continue;
    }
    return events;
  }
  return last;
}

std::vector<Event> events_of(const std::vector<Event>& events, std::string_view stream) {
  std::vector<Event> out;
  for (const auto& event : events) {
    if (event.stream == stream) out.push_back(event);
  }
  return out;
}

std::vector<std::string> type_names(const std::vector<Event>& events) {
  std::vector<std::string> out;
  for (const auto& event : events) out.emplace_back(event_type_name(event.payload));
  return out;
}

std::map<std::string, std::vector<Event>> by_stream(const std::vector<Event>& events) {
  std::map<std::string, std::vector<Event>> out;
  for (const auto& event : events) out[event.stream].push_back(event);
  return out;
}

std::map<std::string, std::vector<Event>> trading_streams(const std::vector<Event>& events) {
  auto streams = by_stream(events);
  std::erase_if(streams, [](const auto& entry) {
    return entry.first.starts_with("config/") || entry.first.starts_with("webhooks/");
  });
  return streams;
}

StreamState fold(std::string_view stream, const std::vector<Event>& events) {
  StreamState state = initial_state(std::string(stream));
  fold_events(state, events);
  return state;
}

bool settled(const std::vector<Event>& stream_events, std::size_t alerts) {
  std::size_t received = 0;
  bool last_is_alert = false;
  for (const auto& event : stream_events) {
    last_is_alert = std::holds_alternative<AlertReceived>(event.payload);
    if (last_is_alert) ++received;
  }
  if (received != alerts || last_is_alert) return false;
  if (stream_events.empty()) return alerts == 0;
  return fold(stream_events.front().stream, stream_events).pending.empty();
}

Result<std::vector<Event>> wait_until_settled(const std::filesystem::path& data_dir,
                                              std::string_view stream, std::size_t alerts,
                                              std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  std::vector<Event> seen;
  while (true) {
    auto all = read_log(data_dir);
    if (all.ok()) {
      seen = events_of(*all, stream);
      if (settled(seen, alerts)) return seen;
    }
    if (std::chrono::steady_clock::now() >= deadline) {
      return make_error("timeout", std::string(stream) + " did not settle with " +
                                       std::to_string(alerts) + " alerts within " +
                                       std::to_string(timeout.count()) + " ms; it holds: " +
                                       describe(seen));
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
}

std::string describe(const std::vector<Event>& events) {
  std::string out;
  for (const auto& event : events) {
    if (!out.empty()) out += ", ";
    out += "#" + std::to_string(event.stream_seq) + " " + std::string(event_type_name(event.payload));
    if (const auto* rejected = std::get_if<AlertRejected>(&event.payload)) {
      out += "(" + rejected->reason + ")";
    }
  }
  return out.empty() ? "nothing" : out;
}

namespace {
template <class Decimal>
Decimal parse_or_throw(std::string_view text) {
  auto parsed = Decimal::parse_exact(text);
  if (!parsed.ok()) throw std::invalid_argument("bad decimal in a test: " + std::string(text));
  return *parsed;
}
}  // namespace

Price price(std::string_view text) { return parse_or_throw<Price>(text); }
Quantity qty(std::string_view text) { return parse_or_throw<Quantity>(text); }
Money money(std::string_view text) { return parse_or_throw<Money>(text); }

}  // namespace tvbot::e2e
