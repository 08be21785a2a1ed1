#include "storage/event_store.hpp"

#include <string>
#include <utility>

#include "events/codec.hpp"
#include "events/position.hpp"
#include "events/position_snapshot.hpp"

namespace tvbot::storage {

std::string stored_type_name(const EventPayload& payload) {
  return std::string(event_type_name(payload)) + "@" + std::to_string(schema_version_of(payload));
}

Result<Event> decode_recorded(const RecordedEvent& recorded) {
  // The log keeps each event's schema version with its type ("OrderFilled@1"), so an event
  // written by an older build is upcast from the version it was really written in.
  auto at = recorded.type.rfind('@');
  int version = 0;
  if (at != std::string::npos) {
    for (char c : std::string_view(recorded.type).substr(at + 1)) {
      if (c < '0' || c > '9' || version > 100000) {
        version = 0;
        break;
      }
      version = version * 10 + (c - '0');
    }
  }
  if (version == 0) {
    return make_error("invalid_event", "event " + std::to_string(recorded.global_seq) +
                                           " has no schema version in its type \"" +
                                           recorded.type + "\"");
  }
  auto type = std::string_view(recorded.type).substr(0, at);
  auto payload = decode_payload(type, version, recorded.payload);
  if (!payload.ok()) {
    return make_error(payload.error().code, "event " + std::to_string(recorded.global_seq) +
                                                " (" + recorded.stream + " #" +
                                                std::to_string(recorded.stream_seq) +
                                                "): " + payload.error().message);
  }
  return Event{recorded.stream, recorded.stream_seq, recorded.global_seq, recorded.time,
               std::move(payload).value()};
}

Result<std::vector<Event>> EventStore::append(std::string_view stream,
                                              std::uint64_t expected_version,
                                              const std::vector<EventPayload>& payloads,
                                              Timestamp time) {
  std::vector<NewEvent> records;
  records.reserve(payloads.size());
  for (const auto& payload : payloads) {
    records.push_back(NewEvent{stored_type_name(payload), encode_payload(payload), time});
  }
  auto appended = log_.append(stream, expected_version, std::move(records));
  if (!appended.ok()) return appended.error();
  std::vector<Event> events;
  events.reserve(payloads.size());
  for (std::size_t i = 0; i < payloads.size(); ++i) {
    events.push_back(Event{std::string(stream), appended->first_stream_seq + i,
                           appended->first_global_seq + i, time, payloads[i]});
  }
  return events;
}

Result<std::vector<Event>> EventStore::read_stream(std::string_view stream,
                                                   std::uint64_t from_seq) const {
  auto recorded = log_.read_stream(stream, from_seq);
  if (!recorded.ok()) return recorded.error();
  std::vector<Event> events;
  events.reserve(recorded->size());
  for (const auto& record : *recorded) {
    auto event = decode_recorded(record);
    if (!event.ok()) return event.error();
    events.push_back(std::move(event).value());
  }
  return events;
}

Status EventStore::read_all(std::uint64_t from_global_seq,
                            const std::function<bool(const Event&)>& visit) const {
  Status decode_failure;
  auto scanned = log_.read_all(from_global_seq, [&](const RecordedEvent& record) {
    auto event = decode_recorded(record);
    if (!event.ok()) {
      decode_failure = event.error();
      return false;
    }
    return visit(*event);
  });
  if (!scanned.ok()) return scanned;
  return decode_failure;
}

Result<LoadedState> EventStore::load_state(std::string_view stream) const {
  LoadedState loaded{initial_state(std::string(stream)), 0, 0};
  auto snapshot = log_.load_snapshot(stream);
  if (snapshot.ok() && snapshot->has_value()) {
    auto state = decode_snapshot((*snapshot)->state);
    if (state.ok() && state->stream == stream && state->version == (*snapshot)->version) {
      loaded.state = std::move(state).value();
      loaded.snapshot_version = (*snapshot)->version;
    }
  }
  auto tail = read_stream(stream, loaded.state.version + 1);
  if (!tail.ok()) return tail.error();
  for (const auto& event : *tail) evolve_in_place(loaded.state, event);
  loaded.events_folded = tail->size();
  return loaded;
}

Status EventStore::snapshot_if_due(const StreamState& state, std::uint64_t last_snapshot,
                                   std::uint64_t every) {
  if (every == 0 || state.version < last_snapshot + every) return {};
  return log_.save_snapshot(state.stream, state.version, encode_snapshot(state));
}

}  // namespace tvbot::storage
