// verify(): a full read of the log that checks every checksum and that the record store,
// the stream index, the version table and the snapshots agree.
//
// How "each record has exactly one index entry and vice versa" is checked in two passes
// without holding the log in memory: pass 1 walks the records and looks up, for each, the
// index entry its (stream, stream seq) names, which must point back at it; distinct
// records have distinct (stream, seq), so that maps records one-to-one into entries.
// Pass 2 counts the entries: as many entries as records means none is left over.
// Example: records 1 (a/1), 2 (a/2); entries a/1->1, a/2->2, a/3->2. Pass 1 passes,
// pass 2 counts 3 entries for 2 records and reports the extra one.
#include <rocksdb/db.h>
#include <rocksdb/snapshot.h>

#include "storage/event_log.hpp"
#include "storage/keys.hpp"
#include "storage/record_codec.hpp"
#include "storage/rocksdb_errors.hpp"

namespace tvbot::storage {
namespace {

Error corruption(std::string what) { return make_error("corruption", std::move(what)); }

std::string where(std::string_view stream, std::uint64_t stream_seq) {
  return "stream " + std::string(stream) + " seq " + std::to_string(stream_seq);
}

}  // namespace

Status EventLog::verify() const {
  std::string meta;
  const rocksdb::Status read_meta = db_->Get(rocksdb::ReadOptions{}, keys::meta_key(), &meta);
  if (!read_meta.ok()) return from_rocksdb(read_meta, "reading the meta record");
  if (Result<std::string> id = decode_meta_record(meta); !id) {
    return corruption("meta record: " + id.error().message);
  }
  std::uint64_t records = 0;
  if (Status checked = verify_records(records); !checked) return checked;
  if (Status checked = verify_stream_index(records); !checked) return checked;
  return verify_snapshots();
}

Status EventLog::verify_records(std::uint64_t& records) const {
  const std::string end = keys::prefix_end(keys::event_prefix);
  const rocksdb::Slice upper_bound(end);
  rocksdb::ReadOptions options;
  options.iterate_upper_bound = &upper_bound;
  options.fill_cache = false;
  std::unique_ptr<rocksdb::Iterator> it(db_->NewIterator(options));
  RecordedEvent event;
  std::string index_value;
  for (it->Seek(std::string{keys::event_prefix}); it->Valid(); it->Next()) {
    const std::uint64_t expected = records + 1;
    const auto global_seq = keys::parse_event_key(it->key().ToStringView());
    if (!global_seq) return corruption("malformed event key " + keys::describe(it->key().ToStringView()));
    if (*global_seq != expected) {
      return corruption("global seq " + std::to_string(expected) + " has no record (next is " +
                        std::to_string(*global_seq) + ")");
    }
    const std::string position = "event record at global seq " + std::to_string(expected);
    if (Status decoded = decode_event_record(it->value().ToStringView(), event); !decoded) {
      return corruption(position + ": " + decoded.error().message);
    }
    if (event.global_seq != expected) {
      return corruption(position + " says it is global seq " + std::to_string(event.global_seq));
    }
    const std::string index_key = keys::stream_index_key(event.stream, event.stream_seq);
    const rocksdb::Status found = db_->Get(options, index_key, &index_value);
    if (found.IsNotFound()) {
      return corruption(position + " (" + where(event.stream, event.stream_seq) + ") has no index entry");
    }
    if (!found.ok()) return from_rocksdb(found, "reading the index entry of " + position);
    const Result<std::uint64_t> indexed = decode_stream_index_value(index_key, index_value);
    if (!indexed) {
      return corruption("index entry of " + where(event.stream, event.stream_seq) + ": " +
                        indexed.error().message);
    }
    if (*indexed != expected) {
      return corruption("index entry of " + where(event.stream, event.stream_seq) + " points to global seq " +
                        std::to_string(*indexed) + ", but the record is at " + std::to_string(expected));
    }
    records = expected;
  }
  if (!it->status().ok()) return from_rocksdb(it->status(), "reading the event records");
  if (!read_only_ && records != last_global_seq_.load()) {
    return corruption("the log holds " + std::to_string(records) + " records but its last global seq is " +
                      std::to_string(last_global_seq_.load()));
  }
  return {};
}

Status EventLog::verify_stream_index(std::uint64_t records) const {
  const std::string end = keys::prefix_end(keys::stream_index_prefix);
  const rocksdb::Slice upper_bound(end);
  rocksdb::ReadOptions options;
  options.iterate_upper_bound = &upper_bound;
  options.fill_cache = false;
  std::unique_ptr<rocksdb::Iterator> it(db_->NewIterator(options));
  std::uint64_t entries = 0;
  std::size_t streams = 0;
  std::string stream;
  std::uint64_t last_seq = 0;
  // Called at the end of each stream's run of entries.
  auto check_version = [&]() -> Status {
    if (stream.empty()) return {};
    ++streams;
    if (const std::uint64_t version = stream_version(stream); version != last_seq) {
      return corruption("stream " + stream + " is at version " + std::to_string(version) +
                        " in memory but its index ends at seq " + std::to_string(last_seq));
    }
    return {};
  };
  for (it->Seek(std::string{keys::stream_index_prefix}); it->Valid(); it->Next()) {
    const auto key = keys::parse_stream_index_key(it->key().ToStringView());
    if (!key) return corruption("malformed stream index key " + keys::describe(it->key().ToStringView()));
    if (key->stream != stream) {
      if (Status version = check_version(); !version) return version;
      stream = std::string(key->stream);
      last_seq = 0;
    }
    if (key->stream_seq != last_seq + 1) {
      return corruption("stream " + stream + " has no index entry for seq " + std::to_string(last_seq + 1) +
                        " (next is " + std::to_string(key->stream_seq) + ")");
    }
    if (Result<std::uint64_t> global_seq =
            decode_stream_index_value(it->key().ToStringView(), it->value().ToStringView());
        !global_seq) {
      return corruption("index entry of " + where(stream, key->stream_seq) + ": " + global_seq.error().message);
    }
    last_seq = key->stream_seq;
    ++entries;
  }
  if (!it->status().ok()) return from_rocksdb(it->status(), "reading the stream index");
  if (Status version = check_version(); !version) return version;
  if (entries != records) {
    return corruption("the stream index has " + std::to_string(entries) + " entries for " +
                      std::to_string(records) + " records");
  }
  if (const std::size_t known = list_streams().size(); known != streams) {
    return corruption(std::to_string(known) + " streams in memory but " + std::to_string(streams) +
                      " in the index");
  }
  return {};
}

Status EventLog::verify_snapshots() const {
  const std::string end = keys::prefix_end(keys::snapshot_prefix);
  const rocksdb::Slice upper_bound(end);
  rocksdb::ReadOptions options;
  options.iterate_upper_bound = &upper_bound;
  std::unique_ptr<rocksdb::Iterator> it(db_->NewIterator(options));
  for (it->Seek(std::string{keys::snapshot_prefix}); it->Valid(); it->Next()) {
    const std::string stream(it->key().ToStringView().substr(1));
    if (Result<std::optional<Snapshot>> snapshot = load_snapshot(stream); !snapshot) return snapshot.error();
  }
  if (!it->status().ok()) return from_rocksdb(it->status(), "reading the snapshots");
  return {};
}

}  // namespace tvbot::storage
