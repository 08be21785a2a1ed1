#pragma once
// The values the event log takes and returns. Payloads are opaque bytes (the codec's JSON
// text); storage never looks inside them.
#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "events/result.hpp"

namespace tvbot {
// Same alias as events/event_types.hpp (redeclaring an alias to the same type is legal).
// Repeated here so storage does not pull in the decimal headers that file includes.
using Timestamp = std::int64_t;  // nanoseconds since 1970-01-01T00:00:00Z
}  // namespace tvbot

namespace tvbot::storage {

struct NewEvent {
  std::string type;     // e.g. "OrderFilled"
  std::string payload;  // the codec's JSON text
  Timestamp time = 0;
};

struct RecordedEvent {
  std::string stream;
  std::uint64_t stream_seq = 0;  // 1-based position in its stream
  std::uint64_t global_seq = 0;  // 1-based position in this log (not across logs)
  Timestamp time = 0;
  std::string type;
  std::string payload;

  bool operator==(const RecordedEvent&) const = default;
};

struct AppendResult {
  std::uint64_t first_stream_seq = 0;
  std::uint64_t last_stream_seq = 0;  // the stream's new version
  std::uint64_t first_global_seq = 0;
  std::uint64_t last_global_seq = 0;

  bool operator==(const AppendResult&) const = default;
};

struct Snapshot {
  std::uint64_t version = 0;  // the stream version the state was folded up to
  std::string state;

  bool operator==(const Snapshot&) const = default;
};

struct StreamVersion {
  std::string stream;
  std::uint64_t version = 0;

  bool operator==(const StreamVersion&) const = default;
};

// Counters since open, for tests, benchmarks and metrics.
struct EventLogStatistics {
  std::uint64_t batches_written = 0;    // WriteBatches written (each one fsync when sync is on)
  std::uint64_t events_written = 0;
  std::uint64_t appends_committed = 0;
  std::uint64_t appends_conflicted = 0;  // refused for a wrong expected version
  std::uint64_t appends_failed = 0;      // lost to a write error
  std::uint64_t largest_group = 0;       // most appends committed by one batch
};

// Test-only seams into the group commit; empty in production.
struct EventLogTestHooks {
  // Runs on the appending thread once its request is queued, before it waits.
  std::function<void()> after_enqueue{};
  // Runs on the leader before it writes a group's batch; an error fails the group
  // exactly as a RocksDB write error would.
  std::function<Status(std::size_t appends_in_group)> before_group_write{};
};

struct EventLogOptions {
  // Names this log. Each node has its own log and its own global sequence, so projections
  // key their checkpoints by log id. Opening a log stored under another id is an error.
  std::string log_id = "default";
  bool create_if_missing = true;
  // fsync every batch before an append returns. Only bulk loads (tests, benchmarks)
  // should turn this off: without it an acknowledged append can be lost in a crash.
  bool sync = true;
  // Group commit caps. A group is one batch and every append in it waits for the whole
  // batch, so the caps bound how long the first member waits for the last one's bytes.
  // Measured with bench/append_bench on the 2-core VM, 64 threads (storage/README.md):
  // groups never grow past the number of appending threads; capping at 4 or 16 appends
  // cut throughput 4x, while 64 and 256 were equal, so 256 never binds in practice and
  // only stops a pile-up of thousands of waiters from becoming one huge batch. With
  // 16 KiB events, throughput rose up to a 1 MiB byte cap and hardly at all beyond
  // (about 180-200 MB/s), so a bigger batch would mostly add waiting.
  std::size_t max_group_appends = 256;
  std::size_t max_group_bytes = std::size_t{1} << 20;
  // A single event bigger than this is refused. The largest event is an AlertReceived
  // with its raw webhook body, which the HTTP layer already limits far below this.
  std::size_t max_event_bytes = std::size_t{4} << 20;
  EventLogTestHooks test_hooks{};
};

}  // namespace tvbot::storage
