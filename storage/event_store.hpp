#pragma once
// Typed access to the event log: events in, events out. The log itself stores opaque
// payloads (storage/event_log.hpp); this layer adds the JSON codec and the aggregate's
// snapshot + tail loading, so callers never see bytes.
#include <cstdint>
#include <functional>
#include <string_view>
#include <vector>

#include "events/event_types.hpp"
#include "events/position_state.hpp"
#include "events/result.hpp"
#include "storage/event_log.hpp"

namespace tvbot::storage {

// The type name the log stores for a payload: "OrderFilled@1" (type @ schema version).
std::string stored_type_name(const EventPayload& payload);
[[nodiscard]] Result<Event> decode_recorded(const RecordedEvent& recorded);

struct LoadedState {
  StreamState state;
  std::uint64_t snapshot_version = 0;  // 0 when folded from the first event
  std::uint64_t events_folded = 0;     // events read after the snapshot
};

class EventStore {
 public:
  explicit EventStore(EventLog& log) : log_(log) {}

  // Appends the payloads as the stream's next events, all stamped `time`, and returns
  // them as stored (stream and global seqs filled in). Blocks until durable.
  [[nodiscard]] Result<std::vector<Event>> append(std::string_view stream,
                                                  std::uint64_t expected_version,
                                                  const std::vector<EventPayload>& payloads,
                                                  Timestamp time);

  [[nodiscard]] Result<std::vector<Event>> read_stream(std::string_view stream,
                                                       std::uint64_t from_seq = 1) const;

  // Every event from `from_global_seq` on, decoded; a record that does not decode stops the
  // scan with an error naming its global seq, exactly as a corrupt one does.
  [[nodiscard]] Status read_all(std::uint64_t from_global_seq,
                                const std::function<bool(const Event&)>& visit) const;

  // The stream's state: the latest snapshot (when it decodes) plus the events after it.
  // A snapshot that does not decode is ignored and the whole stream replayed: the log is
  // the truth, a snapshot only a cache.
  [[nodiscard]] Result<LoadedState> load_state(std::string_view stream) const;

  // Saves a snapshot of `state` when it is `every` or more events past the last one saved.
  [[nodiscard]] Status snapshot_if_due(const StreamState& state, std::uint64_t last_snapshot,
                                       std::uint64_t every);

  EventLog& log() { return log_; }
  const EventLog& log() const { return log_; }

 private:
  EventLog& log_;
};

}  // namespace tvbot::storage
