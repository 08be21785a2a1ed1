#include "actors/engine.hpp"

#include <atomic>
#include <chrono>

#include <caf/all.hpp>

#include "actors/ingress_router.hpp"
#include "actors/messages.hpp"
#include "actors/monitor.hpp"
#include "actors/work_pool.hpp"

namespace tvbot::actors {
namespace {

// Recovery reads every stream of the log before the engine serves; generous, because a
// big log on a slow disk is still a success, only a slow one.
constexpr std::chrono::seconds kRecoveryTimeout{600};
// Drain waits for streams to decide their alerts (see ingress_router.cpp); a little more
// than its own per-stream limit, so the router answers first.
constexpr std::chrono::seconds kShutdownDrainTimeout{70};

std::string shutting_down_body() {
  return R"({"error":"shutting_down","message":"tvbot is stopping; retry"})";
}

}  // namespace

struct Engine::Impl {
  explicit Impl(std::size_t scheduler_threads) : system(configure(config, scheduler_threads)) {}

  // Position actors block their worker for one group commit, so the commit is only as wide
  // as the worker count; idle workers must then sleep rather than spin (CAF's moderate
  // polling burnt about 20 % of a core per worker here), and are woken on enqueue.
  static caf::actor_system_config& configure(caf::actor_system_config& config,
                                             std::size_t scheduler_threads) {
    config.set("scheduler.max-threads", scheduler_threads);
    config.set("work-stealing.moderate-poll-attempts", std::size_t{0});
    return config;
  }

  caf::actor_system_config config;  // the system keeps a reference to it: declared first
  caf::actor_system system;
  // Declared after the system, so destroyed (joined) before it: their jobs send to actors.
  std::vector<std::unique_ptr<WorkPool>> workers;
  caf::actor router;
  std::vector<caf::actor> gateways;
  std::vector<caf::actor> monitors;
  std::shared_ptr<MonitorCounters> monitor_counters = std::make_shared<MonitorCounters>();
  std::shared_ptr<EngineCounters> counters = std::make_shared<EngineCounters>();
  std::atomic<bool> stopped{false};
};

Engine::Engine(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

Engine::~Engine() { shutdown(); }

Result<std::unique_ptr<Engine>> Engine::start(
    EngineOptions options, storage::EventStore& store,
    std::map<std::string, std::shared_ptr<Broker>> brokers, InstrumentResolver resolver) {
  auto impl = std::make_unique<Impl>(options.scheduler_threads);
  RouterStart start{&store, std::move(resolver), {}, {}};
  for (auto& [name, broker] : brokers) {
    impl->workers.push_back(std::make_unique<WorkPool>(options.gateway.worker_threads));
    auto gateway = spawn_broker_gateway(impl->system, broker, options.gateway,
                                        *impl->workers.back());
    impl->gateways.push_back(gateway);
    start.gateways.emplace(name, gateway);
    // The monitor shares the gateway's workers: it keeps at most one call there at a time.
    auto interval = options.monitor_intervals.find(name);
    MonitorOptions monitor{interval == options.monitor_intervals.end() ? options.monitor_interval
                                                                       : interval->second};
    auto price_monitor = spawn_price_monitor(impl->system, broker, monitor,
                                             *impl->workers.back(), impl->monitor_counters);
    impl->monitors.push_back(price_monitor);
    start.monitors.emplace(name, price_monitor);
  }
  impl->router = spawn_ingress_router(impl->system, std::move(start), impl->counters);
  std::optional<Error> failure;
  {
    caf::scoped_actor self{impl->system};
    self->request(impl->router, kRecoveryTimeout, ready_atom::value)
        .receive([](bool) {},
                 [&](const caf::error& error) {
                   failure = make_error("recovery_failed", self->system().render(error));
                 });
  }
  std::unique_ptr<Engine> engine(new Engine(std::move(impl)));
  if (failure) return *failure;  // the engine's destructor stops what did start
  return engine;
}

void Engine::submit_alert(AlertIntake intake, AlertReply reply) {
  auto once = std::make_shared<ReplyOnce<AlertOutcome>>(
      std::move(reply), AlertOutcome{503, shutting_down_body()});
  if (impl_->stopped.load()) return;  // `once` answers 503 as it goes
  // Sent to a router that has already stopped, the message is dropped and `once` answers.
  caf::anon_send(impl_->router, AlertMsg{std::move(intake), std::move(once)});
}

void Engine::submit_command(std::string bot, std::string symbol, Command command,
                            std::function<void(Status)> done) {
  std::shared_ptr<ReplyOnce<Status>> once;
  if (done) {
    once = std::make_shared<ReplyOnce<Status>>(
        std::move(done), Status{make_error("shutting_down", "tvbot is stopping")});
  }
  if (impl_->stopped.load()) return;
  caf::anon_send(impl_->router, RoutedCommandMsg{std::move(bot), std::move(symbol),
                                                 StreamCommandMsg{std::move(command), std::move(once)}});
}

EngineStats Engine::stats() const {
  EngineStats stats;
  stats.streams_loaded = impl_->counters->streams_loaded.load();
  stats.orders_resumed = impl_->counters->orders_resumed.load();
  stats.price_polls = impl_->monitor_counters->polls.load();
  stats.price_poll_failures = impl_->monitor_counters->poll_failures.load();
  stats.price_polls_skipped = impl_->monitor_counters->polls_skipped.load();
  return stats;
}

void Engine::shutdown() {
  if (!impl_ || impl_->stopped.exchange(true)) return;
  {
    // Every alert acknowledged (202) is decided before the actors stop: after a restart
    // nothing would decide it. A drain that fails or times out still lets shutdown go on.
    caf::scoped_actor self{impl_->system};
    self->request(impl_->router, kShutdownDrainTimeout, drain_atom::value)
        .receive([](bool) {}, [](const caf::error&) {});
  }
  // Position actors are linked to the router and stop with it.
  caf::anon_send_exit(impl_->router, caf::exit_reason::user_shutdown);
  for (auto& gateway : impl_->gateways) {
    caf::anon_send_exit(gateway, caf::exit_reason::user_shutdown);
  }
  for (auto& monitor : impl_->monitors) {
    caf::anon_send_exit(monitor, caf::exit_reason::user_shutdown);
  }
  impl_->system.await_all_actors_done();
  // Off CAF's threads: waits for broker calls in progress, drops those not started.
  impl_->workers.clear();
}

}  // namespace tvbot::actors
