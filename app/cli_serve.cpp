// tvbot serve --config FILE: receive webhooks and trade.
#include <pthread.h>
#include <signal.h>

#include <atomic>
#include <condition_variable>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <thread>

#include <CLI/CLI.hpp>
#include <spdlog/spdlog.h>

#include "actors/engine.hpp"
#include "app/commands.hpp"
#include "app/config/load.hpp"
#include "app/control_socket_path.hpp"
#include "app/logging/log_setup.hpp"
#include "app/serve/admin_endpoint.hpp"
#include "app/serve/config_recorder.hpp"
#include "app/serve/control_socket.hpp"
#include "app/serve/paper_setup.hpp"
#include "app/serve/projection_setup.hpp"
#include "app/serve/reconcile_setup.hpp"
#include "app/serve/rejection_recorder.hpp"
#include "app/serve/routing.hpp"
#include "app/serve/serve_observability.hpp"
#include "app/serve/shutdown_deadline.hpp"
#include "app/serve/systemd_notify.hpp"
#include "app/serve/telegram_metrics.hpp"
#include "app/serve/telegram_setup.hpp"
#include "app/serve/venue_brokers.hpp"
#include "app/serve/webhook_endpoint.hpp"
#include "http/server/server.hpp"

namespace tvbot::app {
namespace {

struct ServeOptions {
  std::string config_file;
  std::optional<std::uint16_t> port;
  std::optional<std::string> data_dir;
  unsigned shutdown_timeout_seconds = 10;  // the whole SIGTERM drain, see shutdown_deadline.hpp
};

// Advances the random-walk / CSV feeds of the paper brokers at their configured interval.
class FeedClock {
 public:
  FeedClock(std::vector<PaperBroker*> brokers, std::chrono::milliseconds interval)
      : brokers_(std::move(brokers)), interval_(interval) {
    if (!brokers_.empty()) thread_ = std::thread([this] { run(); });
  }
  ~FeedClock() {
    {
      std::lock_guard lock(mutex_);
      stopping_ = true;
    }
    wake_.notify_all();
    if (thread_.joinable()) thread_.join();
  }

 private:
  void run() {
    std::unique_lock lock(mutex_);
    while (!wake_.wait_for(lock, interval_, [this] { return stopping_; })) {
      for (auto* broker : brokers_) (void)broker->advance_feed();  // a finished CSV stays put
    }
  }

  std::vector<PaperBroker*> brokers_;
  std::chrono::milliseconds interval_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::thread thread_;
};

int run_serve(const ServeOptions& options) {
  // Signals are taken by sigwait below; block them before any thread starts so that no
  // worker thread receives them.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);

  auto loaded = config::load_config_from_file(options.config_file);
  if (!loaded.ok()) {
    std::cerr << "tvbot serve: " << options.config_file << " is not valid:\n"
              << loaded.error_report() << "\n";
    return 2;
  }
  for (const auto& warning : loaded.warnings()) {
    spdlog::warn("config: {}: {}", warning.key, warning.message);
  }
  config::Config config = loaded.value();
  if (options.port) config.server.port = *options.port;
  if (options.data_dir) config.storage.data_dir = *options.data_dir;
  if (auto logging_ready = logging::configure_logging(config.logging); !logging_ready.ok()) {
    std::cerr << "tvbot serve: " << logging_ready.error().message << "\n";
    return 2;
  }
  spdlog::info("configuration:\n{}", config.redacted_summary());

  auto log_dir = std::filesystem::path(config.storage.data_dir) / "events";
  std::error_code ec;
  std::filesystem::create_directories(log_dir, ec);
  if (ec) {
    std::cerr << "tvbot serve: cannot create " << log_dir << ": " << ec.message() << "\n";
    return 1;
  }
  storage::EventLogOptions log_options;
  log_options.log_id = config.storage.log_id;
  log_options.sync = config.storage.sync;
  auto log = storage::EventLog::open(log_dir, log_options);
  if (!log.ok()) {
    std::cerr << "tvbot serve: " << log.error().message << "\n";
    return 1;
  }
  storage::EventStore store(**log);
  // `tvbot backup` asks this process for checkpoints; serving goes on without it.
  auto control = ControlSocket::start(control_socket_path(log_dir), **log);
  if (!control.ok()) spdlog::warn("{}; tvbot backup needs the server stopped", control.error().message);
  ServeObservability observability(config, store);
  // The configuration in force, as events (only what changed since the log last recorded it).
  auto recorded_config = record_configuration(
      store, config, std::chrono::duration_cast<std::chrono::nanoseconds>(
                         std::chrono::system_clock::now().time_since_epoch()).count());
  if (!recorded_config.ok()) {
    std::cerr << "tvbot serve: recording the configuration: " << recorded_config.error().message << "\n";
    return 1;
  }
  if (recorded_config->events_appended > 0) {
    spdlog::info("configuration changes recorded: {} events", recorded_config->events_appended);
  }
  auto projector = start_projector(config, store);
  RejectionRecorder rejection_recorder(store);

  // A paper venue forgets its positions when the process ends; the log has them.
  auto carried = open_paper_positions(store, config);
  if (!carried.ok()) {
    std::cerr << "tvbot serve: " << carried.error().message << "\n";
    return 1;
  }
  std::map<std::string, std::shared_ptr<Broker>> brokers;
  std::vector<PaperBroker*> paper_brokers;
  std::map<std::string, PaperBroker*> paper_by_name;
  std::chrono::milliseconds feed_interval{1000};
  for (const auto& broker : config.brokers) {
    if (broker.kind != config::BrokerKind::paper) {
      auto venue = make_venue_broker(broker, config.bots);
      if (!venue.ok()) {
        std::cerr << "tvbot serve: " << venue.error().message << "\n";
        return 2;
      }
      brokers.emplace(broker.name, std::move(venue).value());
      continue;
    }
    auto paper = make_paper_broker(broker, config.bots, (*carried)[broker.name]);
    if (!paper.ok()) {
      std::cerr << "tvbot serve: " << paper.error().message << "\n";
      return 2;
    }
    paper_brokers.push_back(paper->get());
    paper_by_name.emplace(broker.name, paper->get());
    if (broker.paper.price_feed.kind != config::PriceFeedKind::manual) {
      feed_interval = broker.paper.price_feed.interval;
    }
    brokers.emplace(broker.name, std::shared_ptr<Broker>(std::move(paper).value()));
  }
  FeedClock feed_clock(paper_brokers, feed_interval);

  actors::EngineOptions engine_options;
  for (const auto& broker : config.brokers) {
    engine_options.monitor_intervals[broker.name] = broker.monitor_interval;
  }
  auto engine =
      actors::Engine::start(engine_options, store, brokers, make_instrument_resolver(config));
  if (!engine.ok()) {
    std::cerr << "tvbot serve: " << engine.error().message << "\n";
    return 1;
  }
  // Reads the log only: Telegram being slow or down never reaches the trading path.
  auto notifier = start_telegram_notifier(config, store);
  if (!notifier.ok()) {
    std::cerr << "tvbot serve: telegram: " << notifier.error().message << "\n";
    return 2;
  }
  if (*notifier) register_telegram_metrics(observability.registry(), **notifier);
  auto stats = (*engine)->stats();
  spdlog::info("recovered {} streams, resumed {} orders in flight", stats.streams_loaded,
               stats.orders_resumed);
  // Venue against log, now and on each broker's interval (README, "Reconciliation").
  auto reconciliation = start_reconciliation(config, store, brokers, **engine);
  if (!reconciliation.ok()) {
    std::cerr << "tvbot serve: " << reconciliation.error().message << "\n";
    return 2;
  }

  auto directory = ConfigBotDirectory::create(config);
  if (!directory.ok()) {
    std::cerr << "tvbot serve: " << directory.error().message << "\n";
    return 2;
  }
  webhook::RejectionLog rejections(1000, 2048);
  webhook::WebhookHandlerConfig handler_config;
  handler_config.max_body_bytes = config.server.max_body_bytes;
  handler_config.per_address_limit = to_webhook_rate_limit(config.server.rate_limit_per_ip);
  auto proxies = to_allowlist(config.server.trusted_proxies);
  if (!proxies.ok()) {
    std::cerr << "tvbot serve: server.trusted_proxies: " << proxies.error().message << "\n";
    return 2;
  }
  handler_config.trusted_proxies = std::move(proxies).value();
  webhook::WebhookRequestHandler webhooks(handler_config, **directory, &rejections);
  std::atomic<bool> ready{false};
  WebhookEndpoint endpoint(webhooks, **engine, ready, &observability.metrics(), &rejection_recorder);

  http::ServerOptions server_options;
  server_options.bind_address = config.server.listen_address;
  server_options.port = config.server.port;
  server_options.threads = config.server.threads;
  server_options.max_body_bytes = config.server.max_body_bytes;
  server_options.header_timeout = config.server.header_timeout;
  server_options.body_timeout = config.server.read_timeout;
  server_options.max_connections = config.server.max_connections;
  auto server = http::Server::start(server_options, [&endpoint](http::Request request,
                                                                http::Responder respond) {
    endpoint.handle(std::move(request), std::move(respond));
  });
  if (!server.ok()) {
    std::cerr << "tvbot serve: " << server.error().message << "\n";
    return 1;
  }
  register_http_metrics(observability.registry(), "webhook", **server);
  std::unique_ptr<AdminEndpoint> admin;
  std::unique_ptr<http::Server> admin_server;
  if (config.admin.enabled) {
    admin = std::make_unique<AdminEndpoint>(AdminContext{config, *config.admin.token, paper_by_name,
                                                         rejections, store, **engine,
                                                         observability.registry()});
    http::ServerOptions admin_options;
    admin_options.bind_address = config.admin.bind;
    admin_options.port = config.admin.port;
    auto started = http::Server::start(admin_options, [&admin](http::Request request,
                                                               http::Responder respond) {
      admin->handle(std::move(request), std::move(respond));
    });
    if (!started.ok()) {
      std::cerr << "tvbot serve: admin API: " << started.error().message << "\n";
      return 1;
    }
    admin_server = std::move(started).value();
    std::printf("tvbot: admin API on http://%s:%u\n", config.admin.bind.c_str(),
                static_cast<unsigned>(admin_server->port()));
  }
  ready = true;
  std::printf("tvbot: listening on http://%s:%u (webhooks: POST /webhook/<bot>)\n",
              config.server.listen_address.c_str(), static_cast<unsigned>((*server)->port()));
  std::fflush(stdout);
  SystemdNotifier systemd;
  systemd.ready("listening on " + config.server.listen_address + ":" +
                std::to_string((*server)->port()));

  int received = 0;
  sigwait(&signals, &received);
  spdlog::info("signal {}: stopping", received);
  systemd.stopping();
  const std::chrono::milliseconds shutdown_limit =
      std::chrono::seconds(options.shutdown_timeout_seconds);
  ShutdownDeadline deadline(shutdown_limit);
  ready = false;
  // Stop taking alerts, answer the ones in flight (each is durable before it is answered),
  // then stop the actors. Orders still at the broker resume by client id at the next start.
  // Half the budget for the HTTP drain leaves the other half for the actors to finish.
  bool drained = (*server)->shutdown(shutdown_limit / 2);
  if (admin_server) (void)admin_server->shutdown(std::chrono::seconds(1));  // nothing to lose there
  reconciliation->reset();  // its pause reaction calls the engine
  (*engine)->shutdown();
  rejection_recorder.flush();
  if (projector) stop_projector(*projector, **log, std::chrono::seconds(3));
  if (control.ok()) control->reset();
  // After the engine: the notifier reads what the engine appended last, then flushes
  // (within the shutdown deadline: flush 2 s + at most one request's 5 s read timeout).
  if (*notifier) (void)(*notifier)->stop(kTelegramFlushDeadline);
  spdlog::info("stopped{}", drained ? "" : " (some connections were cut at the deadline)");
  return 0;
}

}  // namespace

void add_serve_command(CLI::App& app, int& exit_code) {
  auto options = std::make_shared<ServeOptions>();
  auto* command = app.add_subcommand("serve", "Receive webhooks and trade");
  command->add_option("--config", options->config_file, "Configuration file (TOML)")
      ->required()
      ->check(CLI::ExistingFile);
  command->add_option_function<std::uint16_t>(
      "--port", [options](const std::uint16_t& port) { options->port = port; },
      "Listen on this port instead of server.port (0: any free port)");
  command->add_option_function<std::string>(
      "--data", [options](const std::string& dir) { options->data_dir = dir; },
      "Data directory instead of storage.data_dir");
  command->add_option("--shutdown-timeout", options->shutdown_timeout_seconds,
                      "Seconds a SIGTERM drain may take before the process exits 1 (default 10)")
      ->check(CLI::Range(1u, 3600u));
  command->callback([options, &exit_code] { exit_code = run_serve(*options); });
}

}  // namespace tvbot::app
