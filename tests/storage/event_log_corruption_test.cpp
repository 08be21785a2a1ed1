// Damage written through a raw RocksDB handle must be reported with its position, never
// skipped.
#include <gtest/gtest.h>
#include <rocksdb/db.h>

#include <functional>

#include "storage/event_log.hpp"
#include "storage/keys.hpp"
#include "storage/record_codec.hpp"
#include "storage_test_support.hpp"

namespace tvbot::storage {
namespace {

using testing::make_event;
using testing::open_or_fail;
using testing::TempDir;

// Writes a/1 (global 1), b/1 (2), a/2 (3), b/2 (4), a/3 (5) and closes the log.
void write_sample_log(const std::filesystem::path& dir) {
  auto log = open_or_fail(dir);
  ASSERT_TRUE(log->append("a", 0, {make_event("a1")}).ok());
  ASSERT_TRUE(log->append("b", 0, {make_event("b1")}).ok());
  ASSERT_TRUE(log->append("a", 1, {make_event("a2")}).ok());
  ASSERT_TRUE(log->append("b", 1, {make_event("b2")}).ok());
  ASSERT_TRUE(log->append("a", 2, {make_event("a3")}).ok());
}

void with_raw_db(const std::filesystem::path& dir, const std::function<void(rocksdb::DB&)>& change,
                 bool create = false) {
  rocksdb::Options options;
  options.create_if_missing = create;
  rocksdb::DB* raw = nullptr;
  ASSERT_TRUE(rocksdb::DB::Open(options, dir.string(), &raw).ok());
  std::unique_ptr<rocksdb::DB> db(raw);
  change(*db);
  ASSERT_TRUE(db->Close().ok());
}

void flip_last_byte_before_crc(const std::filesystem::path& dir, const std::string& key) {
  with_raw_db(dir, [&](rocksdb::DB& db) {
    std::string value;
    ASSERT_TRUE(db.Get(rocksdb::ReadOptions{}, key, &value).ok());
    value[value.size() - 5] = static_cast<char>(value[value.size() - 5] ^ 0x01);
    ASSERT_TRUE(db.Put(rocksdb::WriteOptions{}, key, value).ok());
  });
}

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

TEST(EventLogCorruption, A_flipped_payload_byte_stops_read_all_at_that_global_seq) {
  TempDir dir;
  write_sample_log(dir.log_dir());
  flip_last_byte_before_crc(dir.log_dir(), keys::event_key(3));

  auto log = open_or_fail(dir.log_dir());
  std::vector<std::uint64_t> seen;
  const Status read = log->read_all(1, [&](const RecordedEvent& event) {
    seen.push_back(event.global_seq);
    return true;
  });
  EXPECT_EQ(seen, (std::vector<std::uint64_t>{1, 2}));  // stops there, does not skip to 4
  ASSERT_FALSE(read.ok());
  EXPECT_EQ(read.error().code, "corruption");
  EXPECT_TRUE(contains(read.error().message, "global seq 3")) << read.error().message;
  EXPECT_TRUE(contains(read.error().message, "crc mismatch")) << read.error().message;
}

TEST(EventLogCorruption, A_flipped_payload_byte_fails_read_stream_naming_stream_seq_and_global_seq) {
  TempDir dir;
  write_sample_log(dir.log_dir());
  flip_last_byte_before_crc(dir.log_dir(), keys::event_key(3));

  auto log = open_or_fail(dir.log_dir());
  const auto events = log->read_stream("a");
  ASSERT_FALSE(events.ok());
  EXPECT_TRUE(contains(events.error().message, "global seq 3")) << events.error().message;
  EXPECT_TRUE(contains(events.error().message, "stream a seq 2")) << events.error().message;
  EXPECT_TRUE(log->read_stream("b").ok());
  const Status verified = log->verify();
  ASSERT_FALSE(verified.ok());
  EXPECT_TRUE(contains(verified.error().message, "global seq 3")) << verified.error().message;
}

TEST(EventLogCorruption, A_damaged_index_entry_fails_read_stream_and_verify) {
  TempDir dir;
  write_sample_log(dir.log_dir());
  with_raw_db(dir.log_dir(), [](rocksdb::DB& db) {
    const std::string key = keys::stream_index_key("b", 2);
    std::string value;
    ASSERT_TRUE(db.Get(rocksdb::ReadOptions{}, key, &value).ok());
    value[7] = static_cast<char>(value[7] ^ 0x02);  // global seq 4 -> 6
    ASSERT_TRUE(db.Put(rocksdb::WriteOptions{}, key, value).ok());
  });

  auto log = open_or_fail(dir.log_dir());
  const auto events = log->read_stream("b");
  ASSERT_FALSE(events.ok());
  EXPECT_TRUE(contains(events.error().message, "index entry of stream b seq 2")) << events.error().message;
  EXPECT_FALSE(log->verify().ok());
}

TEST(EventLogCorruption, A_record_copied_under_another_key_is_caught) {
  TempDir dir;
  write_sample_log(dir.log_dir());
  with_raw_db(dir.log_dir(), [](rocksdb::DB& db) {
    std::string first;
    ASSERT_TRUE(db.Get(rocksdb::ReadOptions{}, keys::event_key(1), &first).ok());
    ASSERT_TRUE(db.Put(rocksdb::WriteOptions{}, keys::event_key(2), first).ok());
  });

  auto log = open_or_fail(dir.log_dir());
  const Status read = log->read_all(1, [](const RecordedEvent&) { return true; });
  ASSERT_FALSE(read.ok());
  EXPECT_EQ(read.error().message, "event record at global seq 2 (key " + keys::describe(keys::event_key(2)) +
                                      ") says it is global seq 1");
}

TEST(EventLogCorruption, A_missing_record_in_the_middle_is_a_gap_not_a_skip) {
  TempDir dir;
  write_sample_log(dir.log_dir());
  with_raw_db(dir.log_dir(), [](rocksdb::DB& db) {
    ASSERT_TRUE(db.Delete(rocksdb::WriteOptions{}, keys::event_key(2)).ok());
  });

  auto log = open_or_fail(dir.log_dir());
  const Status read = log->read_all(1, [](const RecordedEvent&) { return true; });
  ASSERT_FALSE(read.ok());
  EXPECT_EQ(read.error().message, "global seq 2 has no record (next is 3)");
  const auto stream = log->read_stream("b");
  ASSERT_FALSE(stream.ok());
  EXPECT_EQ(stream.error().message, "stream b seq 1 points to global seq 2, which has no record");
}

TEST(EventLogCorruption, A_writer_refuses_a_log_whose_indexes_disagree_but_a_reader_can_verify_it) {
  TempDir dir;
  write_sample_log(dir.log_dir());
  with_raw_db(dir.log_dir(), [](rocksdb::DB& db) {
    ASSERT_TRUE(db.Delete(rocksdb::WriteOptions{}, keys::event_key(5)).ok());
  });

  const auto writer = EventLog::open(dir.log_dir(), {});
  ASSERT_FALSE(writer.ok());
  EXPECT_EQ(writer.error().code, "corruption");
  EXPECT_TRUE(contains(writer.error().message, "accounts for 5 events but the last global seq is 4"))
      << writer.error().message;

  auto reader = EventLog::open_read_only(dir.log_dir());
  ASSERT_TRUE(reader.ok()) << reader.error().message;
  const Status verified = (*reader)->verify();
  ASSERT_FALSE(verified.ok());
  EXPECT_EQ(verified.error().message, "the stream index has 5 entries for 4 records");
}

TEST(EventLogCorruption, Verify_reports_a_stale_index_entry_that_points_elsewhere) {
  TempDir dir;
  write_sample_log(dir.log_dir());
  with_raw_db(dir.log_dir(), [](rocksdb::DB& db) {
    const std::string key = keys::stream_index_key("a", 3);
    ASSERT_TRUE(db.Put(rocksdb::WriteOptions{}, key, encode_stream_index_value(key, 4)).ok());
  });

  auto log = open_or_fail(dir.log_dir());
  const Status verified = log->verify();
  ASSERT_FALSE(verified.ok());
  EXPECT_TRUE(contains(verified.error().message, "stream a seq 3")) << verified.error().message;
}

TEST(EventLogCorruption, Verify_passes_on_an_undamaged_log) {
  TempDir dir;
  write_sample_log(dir.log_dir());
  auto log = open_or_fail(dir.log_dir());
  const Status verified = log->verify();
  EXPECT_TRUE(verified.ok()) << verified.error().message;
}

TEST(EventLogCorruption, A_database_that_is_not_an_event_log_is_refused) {
  TempDir dir;
  with_raw_db(dir.log_dir(), [](rocksdb::DB& db) {
    ASSERT_TRUE(db.Put(rocksdb::WriteOptions{}, "someone else's key", "value").ok());
  }, /*create=*/true);

  const auto log = EventLog::open(dir.log_dir(), {});
  ASSERT_FALSE(log.ok());
  EXPECT_EQ(log.error().code, "no_event_log");
}

}  // namespace
}  // namespace tvbot::storage
