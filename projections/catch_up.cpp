#include "projections/catch_up.hpp"

#include "projections/projector.hpp"

namespace tvbot::projections {

Status read_batch(const storage::EventStore& store, std::uint64_t from, std::size_t max,
                  std::vector<Event>& out) {
  out.clear();
  return store.read_all(from, [&](const Event& event) {
    out.push_back(event);
    return out.size() < max;
  });
}

Result<CatchUpReport> catch_up(Projector& projector, const storage::EventStore& store,
                               std::size_t batch_size) {
  CatchUpReport report;
  auto checkpoint = projector.checkpoint();
  if (!checkpoint) return checkpoint.error();
  report.checkpoint = *checkpoint;
  const std::uint64_t last = store.log().last_global_seq();
  std::vector<Event> batch;
  while (report.checkpoint < last) {
    if (Status read = read_batch(store, report.checkpoint + 1, batch_size, batch); !read) {
      return read.error();
    }
    if (batch.empty()) break;
    auto counts = projector.apply_batch(batch);
    if (!counts) return counts.error();
    report.checkpoint = batch.back().global_seq;
    report.events += batch.size();
    report.batches += 1;
    report.counts.projected += counts->projected;
    report.counts.skipped += counts->skipped;
  }
  return report;
}

Result<CatchUpReport> rebuild(Projector& projector, const storage::EventStore& store,
                              std::size_t batch_size) {
  if (Status reset = projector.reset(); !reset) return reset.error();
  return catch_up(projector, store, batch_size);
}

}  // namespace tvbot::projections
