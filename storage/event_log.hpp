#pragma once
// The event log: the only source of truth (see ../shared/DESIGN.md). Streams of opaque
// events ("bot/instrument"), one global sequence per log, optimistic appends, snapshots.
//
// Durability: append() returns only after the RocksDB WriteBatch holding its events has
// been written to the WAL and fsynced (with EventLogOptions::sync, the default). One
// batch holds, atomically, the event records, their stream index entries and their
// global sequence keys, so after a crash an append is either wholly present or wholly
// absent. An append that returned an error was not acknowledged; whether a batch whose
// fsync failed survives a crash is unknown (as with any disk), which is why RocksDB
// refuses further writes after a WAL error and a restart rebuilds versions from disk.
//
// Ordering: the global sequence is gapless, and batches are written one at a time in
// global order, so a reader (read_all) always sees a gapless prefix of the log.
//
// Key layout: keys.hpp. Record formats: record_codec.hpp. Group commit: append_queue.hpp.
//
// Thread safety: every member may be called from any thread concurrently, except that the
// log must outlive its calls. One writer per stream is the design; concurrent writers to
// one stream are still safe: all but one get version_conflict.
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <shared_mutex>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "events/result.hpp"
#include "storage/types.hpp"

namespace rocksdb {
class DB;
}  // namespace rocksdb

namespace tvbot::storage {

class AppendQueue;
struct AppendRequest;

class EventLog {
 public:
  // Opens (and with options.create_if_missing, creates) the log in `dir`.
  // Errors: "no_event_log" ("no event log at DIR"), "log_id_mismatch", "corruption",
  // "io_error", "invalid_argument".
  [[nodiscard]] static Result<std::unique_ptr<EventLog>> open(const std::filesystem::path& dir,
                                                              EventLogOptions options);
  // For inspection tools: sees the log as it was when opened, refuses writes, and does not
  // refuse a log whose indexes disagree (so verify() can report what is wrong).
  [[nodiscard]] static Result<std::unique_ptr<EventLog>> open_read_only(
      const std::filesystem::path& dir);

  ~EventLog();
  EventLog(const EventLog&) = delete;
  EventLog& operator=(const EventLog&) = delete;

  // Appends `events` to `stream` if its version is `expected_version` (0 for a new
  // stream); blocks until they are durable. Errors: "version_conflict" (nothing written),
  // "invalid_argument", "read_only", "io_error".
  [[nodiscard]] Result<AppendResult> append(std::string_view stream, std::uint64_t expected_version,
                                            std::vector<NewEvent> events);

  // Events of `stream` with stream seq >= from_seq, at most `max` of them.
  [[nodiscard]] Result<std::vector<RecordedEvent>> read_stream(std::string_view stream,
                                                               std::uint64_t from_seq = 1,
                                                               std::size_t max = SIZE_MAX) const;

  // Calls `visit` for each event with global seq >= from_global_seq, in order, until it
  // returns false. A corrupt record stops the scan with an error naming its global seq;
  // nothing is skipped. The event passed to `visit` is reused: copy what you keep.
  [[nodiscard]] Status read_all(std::uint64_t from_global_seq,
                                const std::function<bool(const RecordedEvent&)>& visit) const;

  [[nodiscard]] std::uint64_t stream_version(std::string_view stream) const;  // 0: no such stream
  [[nodiscard]] std::uint64_t last_global_seq() const;                        // 0: empty log
  // For tailers (projector, notifier): blocks until the log holds an event with global seq
  // > `after` or `timeout` passes, and returns last_global_seq() either way. Wakes at once
  // on each committed batch, so a tailer needs no polling interval of its own.
  [[nodiscard]] std::uint64_t wait_for_global_seq_beyond(std::uint64_t after,
                                                         std::chrono::milliseconds timeout) const;
  [[nodiscard]] std::vector<StreamVersion> list_streams() const;              // sorted by name

  // Keeps `state` as the stream's snapshot at `version` (1..stream_version) unless a newer
  // one is stored ("stale_snapshot"). Saving the same version again replaces it.
  [[nodiscard]] Status save_snapshot(std::string_view stream, std::uint64_t version,
                                     std::string state);
  // nullopt when the stream has no snapshot; "corruption" when its checksum fails.
  [[nodiscard]] Result<std::optional<Snapshot>> load_snapshot(std::string_view stream) const;

  [[nodiscard]] const std::string& log_id() const { return log_id_; }
  [[nodiscard]] EventLogStatistics statistics() const;

  // A consistent copy of the log in `to` (which must not exist), taken while running:
  // hard links to the immutable files plus a copy of the WAL. Open it like any log.
  [[nodiscard]] Status checkpoint(const std::filesystem::path& to) const;

  // Reads everything: every record's and index entry's CRC, global seqs gapless from 1,
  // each record matched by exactly one index entry and vice versa, stream seqs gapless,
  // in-memory versions equal to the index, snapshots readable and not ahead of their
  // stream. Returns the first problem found, with its position. Run it on a quiet log
  // (no appends meanwhile) or a read-only open: it compares passes made one after another.
  [[nodiscard]] Status verify() const;

 private:
  EventLog(std::unique_ptr<rocksdb::DB> db, std::filesystem::path dir, EventLogOptions options,
           bool read_only);

  [[nodiscard]] Status load_or_create_meta();
  [[nodiscard]] Status load_versions(bool require_consistent);
  [[nodiscard]] Status validate_append(std::string_view stream,
                                       const std::vector<NewEvent>& events) const;
  [[nodiscard]] std::vector<Result<AppendResult>> commit_group(
      std::span<AppendRequest* const> group);
  [[nodiscard]] Status write_group(std::span<AppendRequest* const> group,
                                   const std::vector<Result<AppendResult>>& outcomes);
  [[nodiscard]] Status verify_records(std::uint64_t& records) const;
  [[nodiscard]] Status verify_stream_index(std::uint64_t records) const;
  [[nodiscard]] Status verify_snapshots() const;

  std::unique_ptr<rocksdb::DB> db_;
  const std::filesystem::path dir_;
  const EventLogOptions options_;
  const bool read_only_;
  std::string log_id_;

  // Written only by the group commit leader; read by anyone.
  mutable std::shared_mutex versions_mutex_;
  std::map<std::string, std::uint64_t, std::less<>> stream_versions_;
  std::atomic<std::uint64_t> last_global_seq_{0};
  mutable std::mutex tail_mutex_;  // with tail_changed_: wakes wait_for_global_seq_beyond
  mutable std::condition_variable tail_changed_;

  std::mutex snapshot_mutex_;  // serializes save_snapshot's read-check-write

  struct Counters;
  std::unique_ptr<Counters> counters_;
  std::unique_ptr<AppendQueue> queue_;
};

}  // namespace tvbot::storage
