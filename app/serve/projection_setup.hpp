#pragma once
// `tvbot serve`'s part of the SQL projections: where to project (app/postgres_dsn.hpp), the
// projector thread, and a short catch-up at shutdown. Trading never waits for any of it.
#include <memory>

#include "app/config/config.hpp"
#include "projections/projector_driver.hpp"
#include "storage/event_store.hpp"

namespace tvbot::app {

// nullptr when projections are disabled or there is nowhere to project (logged).
[[nodiscard]] std::unique_ptr<projections::ProjectorDriver> start_projector(
    const config::Config& config, const storage::EventStore& store);

// Gives the projector up to `grace` to project what the log holds, then stops it.
void stop_projector(projections::ProjectorDriver& driver, const storage::EventLog& log,
                    std::chrono::milliseconds grace);

}  // namespace tvbot::app
