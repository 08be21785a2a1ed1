#pragma once
// Reading the log in batches and projecting them until the projection has caught up: the
// loop of `tvbot project` (rebuild or one-off catch-up), tests and the benchmark. The live
// projector (projector_driver.hpp) runs the same batches on its own thread, forever.
#include <cstddef>
#include <cstdint>
#include <vector>

#include "events/event_types.hpp"
#include "events/result.hpp"
#include "projections/event_projection.hpp"
#include "storage/event_store.hpp"

namespace tvbot::projections {

class Projector;

// Up to `max` events from global seq `from` on, decoded, into `out` (cleared first).
[[nodiscard]] Status read_batch(const storage::EventStore& store, std::uint64_t from,
                                std::size_t max, std::vector<Event>& out);

struct CatchUpReport {
  std::uint64_t checkpoint = 0;  // global seq projected up to
  std::uint64_t batches = 0;
  std::uint64_t events = 0;
  ProjectCounts counts;
};

// Projects from the stored checkpoint to the log's last event as of the call.
[[nodiscard]] Result<CatchUpReport> catch_up(Projector& projector, const storage::EventStore& store,
                                             std::size_t batch_size = 500);

// reset() then catch_up(): the tables as the log alone says they are.
[[nodiscard]] Result<CatchUpReport> rebuild(Projector& projector, const storage::EventStore& store,
                                            std::size_t batch_size = 500);

}  // namespace tvbot::projections
