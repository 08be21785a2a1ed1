// The storage side of snapshots: save, load, overwrite, refuse stale ones, detect damage.
#include <gtest/gtest.h>
#include <rocksdb/db.h>

#include "storage/event_log.hpp"
#include "storage/keys.hpp"
#include "storage/record_codec.hpp"
#include "storage_test_support.hpp"

namespace tvbot::storage {
namespace {

using testing::make_event;
using testing::open_or_fail;
using testing::TempDir;

std::unique_ptr<EventLog> log_with_events(const std::filesystem::path& dir, int count) {
  auto log = open_or_fail(dir);
  std::vector<NewEvent> events;
  for (int i = 0; i < count; ++i) events.push_back(make_event(std::to_string(i)));
  EXPECT_TRUE(log->append("s", 0, std::move(events)).ok());
  return log;
}

void put_raw(const std::filesystem::path& dir, const std::string& key, const std::string& value) {
  rocksdb::DB* raw = nullptr;
  ASSERT_TRUE(rocksdb::DB::Open(rocksdb::Options{}, dir.string(), &raw).ok());
  std::unique_ptr<rocksdb::DB> db(raw);
  ASSERT_TRUE(db->Put(rocksdb::WriteOptions{}, key, value).ok());
}

TEST(Snapshots, A_stream_without_a_snapshot_loads_nothing) {
  TempDir dir;
  auto log = log_with_events(dir.log_dir(), 3);
  const auto loaded = log->load_snapshot("s");
  ASSERT_TRUE(loaded.ok());
  EXPECT_FALSE(loaded->has_value());
}

TEST(Snapshots, A_saved_snapshot_loads_back_with_its_version_after_reopening) {
  TempDir dir;
  {
    auto log = log_with_events(dir.log_dir(), 3);
    ASSERT_TRUE(log->save_snapshot("s", 2, std::string("state\0bytes", 11)).ok());
  }
  auto log = open_or_fail(dir.log_dir());
  const auto loaded = log->load_snapshot("s");
  ASSERT_TRUE(loaded.ok() && loaded->has_value());
  EXPECT_EQ(**loaded, (Snapshot{2, std::string("state\0bytes", 11)}));
}

TEST(Snapshots, A_newer_snapshot_replaces_the_stored_one_and_an_older_one_is_refused) {
  TempDir dir;
  auto log = log_with_events(dir.log_dir(), 5);
  ASSERT_TRUE(log->save_snapshot("s", 2, "at 2").ok());
  ASSERT_TRUE(log->save_snapshot("s", 4, "at 4").ok());
  const Status stale = log->save_snapshot("s", 3, "at 3");
  ASSERT_FALSE(stale.ok());
  EXPECT_EQ(stale.error().code, "stale_snapshot");
  ASSERT_TRUE(log->save_snapshot("s", 4, "at 4, again").ok());
  EXPECT_EQ(**log->load_snapshot("s"), (Snapshot{4, "at 4, again"}));
}

TEST(Snapshots, A_snapshot_beyond_the_stream_version_or_at_zero_is_refused) {
  TempDir dir;
  auto log = log_with_events(dir.log_dir(), 2);
  EXPECT_EQ(log->save_snapshot("s", 3, "x").error().code, "invalid_argument");
  EXPECT_EQ(log->save_snapshot("s", 0, "x").error().code, "invalid_argument");
  EXPECT_EQ(log->save_snapshot("no such stream", 1, "x").error().code, "invalid_argument");
}

TEST(Snapshots, A_damaged_snapshot_is_reported_and_can_be_replaced) {
  TempDir dir;
  {
    auto log = log_with_events(dir.log_dir(), 3);
    ASSERT_TRUE(log->save_snapshot("s", 3, "good state").ok());
  }
  const std::string key = keys::snapshot_key("s");
  std::string damaged = encode_snapshot_record(key, 3, "good state");
  damaged[14] = 'G';
  put_raw(dir.log_dir(), key, damaged);

  auto log = open_or_fail(dir.log_dir());
  const auto loaded = log->load_snapshot("s");
  ASSERT_FALSE(loaded.ok());
  EXPECT_EQ(loaded.error().code, "corruption");
  EXPECT_NE(loaded.error().message.find("snapshot of stream s: crc mismatch"), std::string::npos)
      << loaded.error().message;
  EXPECT_FALSE(log->verify().ok());

  ASSERT_TRUE(log->save_snapshot("s", 3, "rebuilt state").ok());
  EXPECT_EQ(**log->load_snapshot("s"), (Snapshot{3, "rebuilt state"}));
  EXPECT_TRUE(log->verify().ok());
}

TEST(Snapshots, A_snapshot_ahead_of_its_stream_is_corruption) {
  TempDir dir;
  { auto log = log_with_events(dir.log_dir(), 2); }
  const std::string key = keys::snapshot_key("s");
  put_raw(dir.log_dir(), key, encode_snapshot_record(key, 9, "from the future"));

  auto log = open_or_fail(dir.log_dir());
  const auto loaded = log->load_snapshot("s");
  ASSERT_FALSE(loaded.ok());
  EXPECT_EQ(loaded.error().message, "snapshot of stream s is at version 9, ahead of the stream at 2");
}

}  // namespace
}  // namespace tvbot::storage
