#include "app/serve/projection_setup.hpp"

#include <spdlog/spdlog.h>

#include "app/postgres_dsn.hpp"

namespace tvbot::app {

std::unique_ptr<projections::ProjectorDriver> start_projector(const config::Config& config,
                                                              const storage::EventStore& store) {
  auto target = resolve_postgres(config.postgres);
  if (!target.ok()) {
    spdlog::warn("postgres: {}; SQL projections are off, trading is not affected",
                 target.error().message);
    return nullptr;
  }
  if (!*target) {
    spdlog::info("postgres: disabled; the event log holds everything (`tvbot project` can "
                 "project it later)");
    return nullptr;
  }
  spdlog::info("postgres: projecting log {} (DSN from {})", store.log().log_id(), (*target)->origin);
  projections::ProjectorDriverOptions options;
  options.dsn = (*target)->dsn;
  options.log_id = store.log().log_id();
  return std::make_unique<projections::ProjectorDriver>(store, std::move(options));
}

void stop_projector(projections::ProjectorDriver& driver, const storage::EventLog& log,
                    std::chrono::milliseconds grace) {
  const std::uint64_t last = log.last_global_seq();
  if (!driver.wait_for_checkpoint(last, grace)) {
    const auto stats = driver.stats();
    spdlog::info("projector: stopping {} events behind; it resumes from its checkpoint at the "
                 "next start", stats.events_behind);
  }
  driver.stop();
}

}  // namespace tvbot::app
