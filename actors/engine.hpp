#pragma once
// The actor system that trades: the ingress router, one position actor per stream, one
// broker gateway and one price monitor (protection ticks, actors/monitor.hpp) per broker. This header keeps CAF out of its users (the HTTP server, the
// app), which keeps their compile times and coupling low.
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "actors/alert_intake.hpp"
#include "actors/broker_gateway.hpp"
#include "actors/stream_settings.hpp"
#include "events/commands.hpp"
#include "events/result.hpp"
#include "storage/event_store.hpp"

namespace tvbot::actors {

struct InstrumentRoute {
  StreamSettings settings;
  std::string broker;  // names an entry of the engine's brokers
};

// Maps (bot, TradingView ticker or broker symbol) to its stream's settings; nullopt when the
// bot does not trade that instrument. Called from the router actor only.
using InstrumentResolver =
    std::function<std::optional<InstrumentRoute>(std::string_view bot, std::string_view ticker)>;

struct EngineOptions {
  // CAF scheduler threads. Appends block a worker for one group commit (about 0.1-0.3 ms
  // here), so more workers than cores let appends from several streams share an fsync:
  // bench/webhook_load measured 2.5k alerts/s with 4 workers and 3.8k-4.4k with 16.
  std::size_t scheduler_threads = 16;
  GatewayOptions gateway;
  // How often the price monitor polls each broker's last prices for protected positions:
  // by broker name, and `monitor_interval` for brokers not named.
  std::chrono::milliseconds monitor_interval{1000};
  std::map<std::string, std::chrono::milliseconds> monitor_intervals;
};

struct EngineStats {
  std::size_t streams_loaded = 0;
  std::size_t orders_resumed = 0;
  // Price monitor, all brokers: price calls made, failed, skipped (previous still running).
  std::uint64_t price_polls = 0;
  std::uint64_t price_poll_failures = 0;
  std::uint64_t price_polls_skipped = 0;
};

class Engine {
 public:
  // Loads every stream with an open position or an order in flight and resumes its orders
  // with the broker (by client order id: never placed twice).
  [[nodiscard]] static Result<std::unique_ptr<Engine>> start(
      EngineOptions options, storage::EventStore& store,
      std::map<std::string, std::shared_ptr<Broker>> brokers, InstrumentResolver resolver);
  ~Engine();
  Engine(const Engine&) = delete;
  Engine& operator=(const Engine&) = delete;

  // Thread-safe. `reply` is called exactly once, from an engine thread (an actor's, a
  // worker's, or the caller of shutdown). While or after shutting down: 503 shutting_down.
  void submit_alert(AlertIntake intake, AlertReply reply);
  // Runs a command on a stream (pause, resume, manual close); `done` (may be empty) gets
  // whether it was recorded, exactly once. Unknown bot or instrument -> Error
  // "unknown_instrument"; lost to a shutdown -> Error "shutting_down".
  void submit_command(std::string bot, std::string symbol, Command command,
                      std::function<void(Status)> done);

  EngineStats stats() const;
  // Stops taking alerts (503), lets every stream decide the alerts it acknowledged, then
  // stops every actor and waits for the broker calls in progress. Orders still at the
  // broker stay recorded as requested; the next start finds them by client id.
  // Idempotent; called by the destructor.
  void shutdown();

 private:
  struct Impl;
  explicit Engine(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace tvbot::actors
