#include "actors/engine.hpp"

#include <chrono>

#include <caf/all.hpp>

#include "actors/ingress_router.hpp"

namespace tvbot::actors {

struct Engine::Impl {
  explicit Impl(std::size_t scheduler_threads)
      : system((config.set("scheduler.max-threads", scheduler_threads), config)) {}

  caf::actor_system_config config;  // the system keeps a reference to it: declared first
  caf::actor_system system;
  caf::actor router;
  std::vector<caf::actor> gateways;
  std::shared_ptr<EngineCounters> counters = std::make_shared<EngineCounters>();
  bool stopped = false;
};

Engine::Engine(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

Engine::~Engine() { shutdown(); }

Result<std::unique_ptr<Engine>> Engine::start(
    EngineOptions options, storage::EventStore& store,
    std::map<std::string, std::shared_ptr<Broker>> brokers, InstrumentResolver resolver) {
  auto impl = std::make_unique<Impl>(options.scheduler_threads);
  RouterStart start{&store, std::move(resolver), {}};
  for (auto& [name, broker] : brokers) {
    auto gateway = spawn_broker_gateway(impl->system, broker, options.gateway);
    impl->gateways.push_back(gateway);
    start.gateways.emplace(name, gateway);
  }
  impl->router = spawn_ingress_router(impl->system, std::move(start), impl->counters);
  caf::scoped_actor self{impl->system};
  std::optional<Error> failure;
  self->request(impl->router, std::chrono::seconds(120), ready_atom::value)
      .receive([](bool) {},
               [&](const caf::error& error) {
                 failure = make_error("recovery_failed", self->system().render(error));
               });
  std::unique_ptr<Engine> engine(new Engine(std::move(impl)));
  if (failure) return *failure;
  return engine;
}

void Engine::submit_alert(AlertIntake intake, AlertReply reply) {
  caf::anon_send(impl_->router, AlertMsg{std::move(intake), std::move(reply)});
}

void Engine::submit_command(std::string bot, std::string symbol, Command command,
                            std::function<void(Status)> done) {
  caf::anon_send(impl_->router,
                 RoutedCommandMsg{std::move(bot), std::move(symbol),
                                  StreamCommandMsg{std::move(command), std::move(done)}});
}

EngineStats Engine::stats() const {
  return EngineStats{impl_->counters->streams_loaded.load(),
                     impl_->counters->orders_resumed.load()};
}

void Engine::shutdown() {
  if (!impl_ || impl_->stopped) return;
  impl_->stopped = true;
  // Alerts already handed to the router reach their streams before it stops. Every append
  // is synchronous in its handler, so no acknowledged alert is lost by stopping; orders
  // still at the broker are recorded as requested and resumed by client id at the next start.
  caf::scoped_actor self{impl_->system};
  self->request(impl_->router, std::chrono::seconds(10), ready_atom::value)
      .receive([](bool) {}, [](const caf::error&) {});
  caf::anon_send_exit(impl_->router, caf::exit_reason::user_shutdown);
  for (auto& gateway : impl_->gateways) caf::anon_send_exit(gateway, caf::exit_reason::user_shutdown);
  impl_->system.await_all_actors_done();
}

}  // namespace tvbot::actors
