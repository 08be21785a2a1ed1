#pragma once
// What the end-to-end tests share: a test configuration (paper broker on a manual feed, so
// prices never move and every fill can be computed by hand), a server on a directory of its
// own, alerts over real HTTP, and the event log read back (read-only; the server may run).
#include <chrono>
#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "events/event_types.hpp"
#include "events/position_state.hpp"
#include "events/result.hpp"
#include "http/server/http_client.hpp"
#include "tests/e2e/serve_process.hpp"

namespace tvbot::e2e {

// How long an accepted alert may take to be decided, ordered and filled.
inline constexpr std::chrono::milliseconds kSettleTimeout = 20s;

inline constexpr std::string_view kAlphaSecret = "alpha-e2e-secret-7f3a";
inline constexpr std::string_view kSlowSecret = "slow-e2e-secret-91bc";

// The configuration every test here uses (see e2e_support.cpp for the numbers):
//   broker "paper": manual feed, BTCUSDT 60000, ETHUSDT 3000; slippage 10 bps, taker 5 bps
//     -> a market buy of BTC fills at 60060, a sell at 59940; ETH at 3003 / 2997
//   bot "alpha": one-way; BTCUSDT (ticker BINANCE:BTCUSDT.P) sized by the alert, up to 3
//     entries; ETHUSDT a fixed 0.5; generous rate limit
//   bot "slow": one-way on ETHUSDT, rate limit 0.01/s with a burst of 2
//   server: max body 1024 bytes
[[nodiscard]] std::string test_config_text();

// One server's files: <root>/tvbot.toml, <root>/data, <root>/serve.log.
class ServerDir {
 public:
  explicit ServerDir(std::filesystem::path root);
  [[nodiscard]] const std::filesystem::path& root() const { return root_; }
  [[nodiscard]] std::filesystem::path data_dir() const { return root_ / "data"; }
  [[nodiscard]] ServeLaunch launch() const;

 private:
  std::filesystem::path root_;
};

// Every event in the log under data_dir, in global order. Opens it read-only, so it works
// while the server runs; a failed open (RocksDB files changing under it) is retried briefly.
[[nodiscard]] Result<std::vector<Event>> read_log(const std::filesystem::path& data_dir);
[[nodiscard]] std::vector<Event> events_of(const std::vector<Event>& events, std::string_view stream);
[[nodiscard]] std::vector<std::string> type_names(const std::vector<Event>& events);
[[nodiscard]] std::map<std::string, std::vector<Event>> by_stream(const std::vector<Event>& events);
// by_stream without the streams `tvbot serve` keeps for the projections: config/<bot>
// (configuration events) and webhooks/rejected (webhooks refused at the door).
[[nodiscard]] std::map<std::string, std::vector<Event>> trading_streams(const std::vector<Event>& events);
// The stream's state folded from its events, as the position actor holds it.
[[nodiscard]] StreamState fold(std::string_view stream, const std::vector<Event>& events);

// A stream is settled when it holds `alerts` AlertReceived events, the last one has been
// decided (some event follows it) and no order is in flight.
[[nodiscard]] bool settled(const std::vector<Event>& stream_events, std::size_t alerts);
// Polls the log until `stream` is settled with `alerts` alerts. Its events, or an Error
// "timeout" that lists what the stream held.
[[nodiscard]] Result<std::vector<Event>> wait_until_settled(const std::filesystem::path& data_dir,
                                                            std::string_view stream,
                                                            std::size_t alerts,
                                                            std::chrono::milliseconds timeout =
                                                                kSettleTimeout);

// A one-line summary of events for failure messages: "#1 AlertReceived, #2 OrderRequested, ...".
[[nodiscard]] std::string describe(const std::vector<Event>& events);

[[nodiscard]] Price price(std::string_view text);
[[nodiscard]] Quantity qty(std::string_view text);
[[nodiscard]] Money money(std::string_view text);

}  // namespace tvbot::e2e
