// Opening a log: the meta record (log id) and the in-memory stream versions.
#include <rocksdb/db.h>

#include <system_error>

#include "storage/event_log.hpp"
#include "storage/keys.hpp"
#include "storage/limits.hpp"
#include "storage/record_codec.hpp"
#include "storage/rocksdb_errors.hpp"

namespace tvbot::storage {
namespace {

Error no_event_log(const std::filesystem::path& dir) {
  return make_error("no_event_log", "no event log at " + dir.string());
}

rocksdb::Options rocksdb_options(bool create_if_missing) {
  rocksdb::Options options;
  options.create_if_missing = create_if_missing;
  // Flushes and compactions share the machine's 2 cores with trading; 2 jobs keep one
  // flush from waiting behind a compaction without starving the request threads.
  options.max_background_jobs = 2;
  return options;
}

}  // namespace

Result<std::unique_ptr<EventLog>> EventLog::open(const std::filesystem::path& dir,
                                                 EventLogOptions options) {
  if (options.log_id.empty() || options.log_id.size() > max_log_id_bytes) {
    return make_error("invalid_argument", "a log id is 1 to " + std::to_string(max_log_id_bytes) +
                                              " bytes, got " + std::to_string(options.log_id.size()));
  }
  std::error_code ignored_if_missing;
  if (!std::filesystem::exists(dir / "CURRENT", ignored_if_missing)) {
    if (!options.create_if_missing) return no_event_log(dir);
    std::error_code failed;
    std::filesystem::create_directories(dir, failed);
    if (failed) {
      return make_error("io_error", "cannot create " + dir.string() + ": " + failed.message());
    }
  }
  rocksdb::Options write_options = rocksdb_options(options.create_if_missing);
  // As in open_read_only: a damaged WAL must stop the start, not silently drop events that
  // were acknowledged after the damage. Only a torn last record (a crash mid-append, never
  // acknowledged) is accepted.
  write_options.wal_recovery_mode = rocksdb::WALRecoveryMode::kTolerateCorruptedTailRecords;
  rocksdb::DB* raw_db = nullptr;
  const rocksdb::Status opened = rocksdb::DB::Open(write_options, dir.string(), &raw_db);
  if (!opened.ok()) return from_rocksdb(opened, "opening the event log at " + dir.string());
  std::unique_ptr<EventLog> log(
      new EventLog(std::unique_ptr<rocksdb::DB>(raw_db), dir, std::move(options), false));
  if (Status meta = log->load_or_create_meta(); !meta) return meta.error();
  if (Status versions = log->load_versions(true); !versions) return versions.error();
  return log;
}

Result<std::unique_ptr<EventLog>> EventLog::open_read_only(const std::filesystem::path& dir) {
  std::error_code ignored_if_missing;
  if (!std::filesystem::exists(dir / "CURRENT", ignored_if_missing)) return no_event_log(dir);
  rocksdb::Options read_options = rocksdb_options(false);
  // RocksDB's default (point-in-time) recovery stops replaying the WAL at the first damaged
  // record and opens without a word, so `tvbot events` would show a shortened history as if
  // complete. Every append is fsynced before it is acknowledged, so only the last record can
  // be legitimately incomplete (a crash mid-append); this mode accepts exactly that and
  // refuses to open on any other damage.
  read_options.wal_recovery_mode = rocksdb::WALRecoveryMode::kTolerateCorruptedTailRecords;
  rocksdb::DB* raw_db = nullptr;
  const rocksdb::Status opened = rocksdb::DB::OpenForReadOnly(read_options, dir.string(), &raw_db);
  if (!opened.ok()) return from_rocksdb(opened, "opening the event log at " + dir.string());
  std::unique_ptr<EventLog> log(
      new EventLog(std::unique_ptr<rocksdb::DB>(raw_db), dir, EventLogOptions{}, true));
  if (Status meta = log->load_or_create_meta(); !meta) return meta.error();
  if (Status versions = log->load_versions(false); !versions) return versions.error();
  return log;
}

Status EventLog::load_or_create_meta() {
  std::string value;
  const rocksdb::Status read = db_->Get(rocksdb::ReadOptions{}, keys::meta_key(), &value);
  if (read.ok()) {
    Result<std::string> stored_id = decode_meta_record(value);
    if (!stored_id) {
      return make_error("corruption", "meta record of the event log at " + dir_.string() + ": " +
                                          stored_id.error().message);
    }
    if (!read_only_ && *stored_id != options_.log_id) {
      return make_error("log_id_mismatch", "the event log at " + dir_.string() + " has log id '" +
                                               *stored_id + "', configured '" + options_.log_id + "'");
    }
    log_id_ = std::move(*stored_id);
    return {};
  }
  if (!read.IsNotFound()) return from_rocksdb(read, "reading the meta record");

  // No meta record: a new database, or one that is not an event log at all.
  std::unique_ptr<rocksdb::Iterator> any(db_->NewIterator(rocksdb::ReadOptions{}));
  any->SeekToFirst();
  if (any->Valid() || read_only_) {
    return make_error("no_event_log", dir_.string() +
                                          " holds a RocksDB database without an event log meta record (not an "
                                          "event log, or one whose files are damaged)");
  }
  if (!any->status().ok()) return from_rocksdb(any->status(), "reading the event log");
  rocksdb::WriteOptions synced;
  synced.sync = true;  // the log id must survive before anything is appended under it
  const rocksdb::Status written =
      db_->Put(synced, keys::meta_key(), encode_meta_record(options_.log_id));
  if (!written.ok()) return from_rocksdb(written, "writing the meta record");
  log_id_ = options_.log_id;
  return {};
}

// Rebuilds the stream-version table and the last global seq from keys alone (no values),
// so opening costs two seeks per stream, not a pass over every event.
Status EventLog::load_versions(bool require_consistent) {
  const std::string index_end = keys::prefix_end(keys::stream_index_prefix);
  rocksdb::Slice index_upper_bound(index_end);
  rocksdb::ReadOptions index_options;
  index_options.iterate_upper_bound = &index_upper_bound;
  std::unique_ptr<rocksdb::Iterator> index(db_->NewIterator(index_options));
  std::uint64_t indexed_events = 0;
  for (index->Seek(std::string{keys::stream_index_prefix}); index->Valid(); index->Next()) {
    const auto first = keys::parse_stream_index_key(index->key().ToStringView());
    if (!first) {
      return make_error("corruption", "malformed stream index key " +
                                          keys::describe(index->key().ToStringView()));
    }
    const std::string stream(first->stream);
    // Land on the stream's last index key; its seq is the stream's version.
    index->SeekForPrev(keys::stream_index_end(stream));
    // key() on an invalid iterator is undefined (RocksDB asserts): a damaged block makes the
    // seek fail, so ask Valid() and status() first.
    if (!index->Valid()) {
      if (!index->status().ok()) return from_rocksdb(index->status(), "reading the stream index");
      return make_error("corruption", "stream index of " + stream + " has no last entry");
    }
    const auto last = keys::parse_stream_index_key(index->key().ToStringView());
    if (!last || last->stream != stream) {
      return make_error("corruption", "stream index of " + stream + " ends in a malformed key");
    }
    stream_versions_.emplace(stream, last->stream_seq);
    indexed_events += last->stream_seq;
  }
  if (!index->status().ok()) return from_rocksdb(index->status(), "reading the stream index");

  const std::string events_end = keys::prefix_end(keys::event_prefix);
  rocksdb::Slice events_upper_bound(events_end);
  rocksdb::ReadOptions event_options;
  event_options.iterate_upper_bound = &events_upper_bound;
  std::unique_ptr<rocksdb::Iterator> events(db_->NewIterator(event_options));
  events->SeekForPrev(keys::prefix_end(keys::event_prefix));
  std::uint64_t last_global_seq = 0;
  if (events->Valid() && events->key().starts_with(std::string{keys::event_prefix})) {
    const auto seq = keys::parse_event_key(events->key().ToStringView());
    if (!seq) {
      return make_error("corruption",
                        "malformed event key " + keys::describe(events->key().ToStringView()));
    }
    last_global_seq = *seq;
  }
  if (!events->status().ok()) return from_rocksdb(events->status(), "reading the event records");
  last_global_seq_.store(last_global_seq);

  // Both sequences are gapless, so the stream versions add up to the last global seq. A
  // writer must not extend a log where they do not: it would number events twice.
  if (require_consistent && indexed_events != last_global_seq) {
    return make_error("corruption", "the stream index accounts for " + std::to_string(indexed_events) +
                                        " events but the last global seq is " +
                                        std::to_string(last_global_seq) +
                                        "; run verify on a read-only open");
  }
  return {};
}

}  // namespace tvbot::storage
