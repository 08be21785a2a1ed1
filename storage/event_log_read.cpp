// Reading the log: streams, the global sequence, versions, snapshots.
#include <rocksdb/db.h>
#include <rocksdb/snapshot.h>

#include <algorithm>

#include "storage/event_log.hpp"
#include "storage/keys.hpp"
#include "storage/limits.hpp"
#include "storage/record_codec.hpp"
#include "storage/rocksdb_errors.hpp"

namespace tvbot::storage {
namespace {

Error corruption(std::string what) { return make_error("corruption", std::move(what)); }

std::string event_position(std::uint64_t global_seq) {
  return "event record at global seq " + std::to_string(global_seq) + " (key " +
         keys::describe(keys::event_key(global_seq)) + ")";
}

std::string index_position(std::string_view stream, std::uint64_t stream_seq) {
  return "stream " + std::string(stream) + " seq " + std::to_string(stream_seq);
}

// Sequential scans of the whole log read far more than the block cache holds; reading
// around it keeps the cache for the hot tail, and 2 MiB of readahead turns the scan into
// few large reads.
rocksdb::ReadOptions scan_options(const rocksdb::Slice* upper_bound) {
  rocksdb::ReadOptions options;
  options.iterate_upper_bound = upper_bound;
  options.fill_cache = false;
  options.readahead_size = std::size_t{2} << 20;
  return options;
}

}  // namespace

Result<std::vector<RecordedEvent>> EventLog::read_stream(std::string_view stream,
                                                         std::uint64_t from_seq,
                                                         std::size_t max) const {
  if (Status name = check_stream_name(stream); !name) return name.error();
  from_seq = std::max<std::uint64_t>(from_seq, 1);
  const std::string end = keys::stream_index_end(stream);
  const rocksdb::Slice upper_bound(end);
  rocksdb::ReadOptions options;
  options.iterate_upper_bound = &upper_bound;
  // One snapshot for the index scan and the record lookups, so both see the same log.
  rocksdb::ManagedSnapshot snapshot(db_.get());
  options.snapshot = snapshot.snapshot();

  std::vector<RecordedEvent> events;
  std::unique_ptr<rocksdb::Iterator> index(db_->NewIterator(options));
  std::uint64_t expected_seq = from_seq;
  std::string record;
  for (index->Seek(keys::stream_index_key(stream, from_seq)); index->Valid() && events.size() < max;
       index->Next(), ++expected_seq) {
    const auto key = keys::parse_stream_index_key(index->key().ToStringView());
    if (!key || key->stream != stream) {
      return corruption("malformed stream index key " + keys::describe(index->key().ToStringView()));
    }
    if (key->stream_seq != expected_seq) {
      return corruption("stream index of " + std::string(stream) + " has no entry for seq " +
                        std::to_string(expected_seq) + " (next is " + std::to_string(key->stream_seq) + ")");
    }
    const Result<std::uint64_t> global_seq =
        decode_stream_index_value(index->key().ToStringView(), index->value().ToStringView());
    if (!global_seq) {
      return corruption("index entry of " + index_position(stream, expected_seq) + ": " +
                        global_seq.error().message);
    }
    const rocksdb::Status read = db_->Get(options, keys::event_key(*global_seq), &record);
    if (read.IsNotFound()) {
      return corruption(index_position(stream, expected_seq) + " points to global seq " +
                        std::to_string(*global_seq) + ", which has no record");
    }
    if (!read.ok()) return from_rocksdb(read, "reading " + event_position(*global_seq));
    RecordedEvent& event = events.emplace_back();
    if (Status decoded = decode_event_record(record, event); !decoded) {
      return corruption(event_position(*global_seq) + ", " + index_position(stream, expected_seq) +
                        ": " + decoded.error().message);
    }
    if (event.stream != stream || event.stream_seq != expected_seq || event.global_seq != *global_seq) {
      return corruption(event_position(*global_seq) + " belongs to " +
                        index_position(event.stream, event.stream_seq) + ", not to " +
                        index_position(stream, expected_seq));
    }
  }
  if (!index->status().ok()) return from_rocksdb(index->status(), "reading stream " + std::string(stream));
  return events;
}

Status EventLog::read_all(std::uint64_t from_global_seq,
                          const std::function<bool(const RecordedEvent&)>& visit) const {
  const std::string end = keys::prefix_end(keys::event_prefix);
  const rocksdb::Slice upper_bound(end);
  std::unique_ptr<rocksdb::Iterator> records(db_->NewIterator(scan_options(&upper_bound)));
  std::uint64_t expected_seq = std::max<std::uint64_t>(from_global_seq, 1);
  RecordedEvent event;
  for (records->Seek(keys::event_key(expected_seq)); records->Valid(); records->Next(), ++expected_seq) {
    const auto global_seq = keys::parse_event_key(records->key().ToStringView());
    if (!global_seq) {
      return corruption("malformed event key " + keys::describe(records->key().ToStringView()) +
                        " after global seq " + std::to_string(expected_seq - 1));
    }
    if (*global_seq != expected_seq) {
      return corruption("global seq " + std::to_string(expected_seq) + " has no record (next is " +
                        std::to_string(*global_seq) + ")");
    }
    if (Status decoded = decode_event_record(records->value().ToStringView(), event); !decoded) {
      return corruption(event_position(expected_seq) + ": " + decoded.error().message);
    }
    if (event.global_seq != expected_seq) {
      return corruption(event_position(expected_seq) + " says it is global seq " +
                        std::to_string(event.global_seq));
    }
    if (!visit(event)) return {};
  }
  if (!records->status().ok()) {
    return from_rocksdb(records->status(), "reading the log after global seq " + std::to_string(expected_seq - 1));
  }
  return {};
}

std::uint64_t EventLog::stream_version(std::string_view stream) const {
  std::shared_lock versions(versions_mutex_);
  auto found = stream_versions_.find(stream);
  return found == stream_versions_.end() ? 0 : found->second;
}

std::uint64_t EventLog::last_global_seq() const { return last_global_seq_.load(); }

std::uint64_t EventLog::wait_for_global_seq_beyond(std::uint64_t after,
                                                   std::chrono::milliseconds timeout) const {
  std::unique_lock tail(tail_mutex_);
  tail_changed_.wait_for(tail, timeout, [&] { return last_global_seq_.load() > after; });
  return last_global_seq_.load();
}

std::vector<StreamVersion> EventLog::list_streams() const {
  std::shared_lock versions(versions_mutex_);
  std::vector<StreamVersion> streams;
  streams.reserve(stream_versions_.size());
  for (const auto& [stream, version] : stream_versions_) streams.push_back({stream, version});
  return streams;
}

Status EventLog::save_snapshot(std::string_view stream, std::uint64_t version, std::string state) {
  if (read_only_) return make_error("read_only", "the event log at " + dir_.string() + " is open read-only");
  if (Status name = check_stream_name(stream); !name) return name;
  const std::uint64_t stream_at = stream_version(stream);
  if (version == 0 || version > stream_at) {
    return make_error("invalid_argument", "a snapshot of " + std::string(stream) + " at version " +
                                              std::to_string(version) + " but the stream is at " +
                                              std::to_string(stream_at));
  }
  if (state.size() > UINT32_MAX) return make_error("invalid_argument", "a snapshot state over 4 GiB");
  std::lock_guard one_saver(snapshot_mutex_);
  const Result<std::optional<Snapshot>> stored = load_snapshot(stream);
  // A stored snapshot that fails its checksum is simply replaced: snapshots are derived
  // from the events and this one is about to be rebuilt.
  if (stored.ok() && stored->has_value() && (*stored)->version > version) {
    return make_error("stale_snapshot", "stream " + std::string(stream) + " has a snapshot at version " +
                                            std::to_string((*stored)->version) + ", newer than " +
                                            std::to_string(version));
  }
  const std::string key = keys::snapshot_key(stream);
  // Not synced: a snapshot lost in a crash only means a longer replay, and the next synced
  // append makes it durable anyway (the WAL is synced as a whole, in order).
  const rocksdb::Status written =
      db_->Put(rocksdb::WriteOptions{}, key, encode_snapshot_record(key, version, state));
  if (!written.ok()) return from_rocksdb(written, "writing the snapshot of " + std::string(stream));
  return {};
}

Result<std::optional<Snapshot>> EventLog::load_snapshot(std::string_view stream) const {
  if (Status name = check_stream_name(stream); !name) return name.error();
  const std::string key = keys::snapshot_key(stream);
  std::string value;
  const rocksdb::Status read = db_->Get(rocksdb::ReadOptions{}, key, &value);
  if (read.IsNotFound()) return std::optional<Snapshot>{};
  if (!read.ok()) return from_rocksdb(read, "reading the snapshot of " + std::string(stream));
  Result<Snapshot> snapshot = decode_snapshot_record(key, value);
  if (!snapshot) {
    return corruption("snapshot of stream " + std::string(stream) + ": " + snapshot.error().message);
  }
  const std::uint64_t stream_at = stream_version(stream);
  if (snapshot->version > stream_at) {
    return corruption("snapshot of stream " + std::string(stream) + " is at version " +
                      std::to_string(snapshot->version) + ", ahead of the stream at " +
                      std::to_string(stream_at));
  }
  return std::optional<Snapshot>(std::move(*snapshot));
}

}  // namespace tvbot::storage
