// Appending, reading, reopening and opening errors on a real RocksDB in a temp dir.
#include "storage/event_log.hpp"

#include <gtest/gtest.h>

#include "storage_test_support.hpp"

namespace tvbot::storage {
namespace {

using testing::make_event;
using testing::open_or_fail;
using testing::TempDir;

std::vector<std::string> payloads_of(const std::vector<RecordedEvent>& events) {
  std::vector<std::string> payloads;
  for (const auto& event : events) payloads.push_back(event.payload);
  return payloads;
}

std::vector<RecordedEvent> read_everything(const EventLog& log) {
  std::vector<RecordedEvent> events;
  const Status read = log.read_all(1, [&](const RecordedEvent& event) {
    events.push_back(event);
    return true;
  });
  EXPECT_TRUE(read.ok()) << read.error().message;
  return events;
}

TEST(EventLog, Appended_events_read_back_with_their_stream_and_global_positions) {
  TempDir dir;
  auto log = open_or_fail(dir.log_dir());
  const Result<AppendResult> appended =
      log->append("bot1/BTCUSDT", 0, {make_event("a", "AlertReceived", 100), make_event("b", "OrderRequested", 200)});
  ASSERT_TRUE(appended.ok()) << appended.error().message;
  EXPECT_EQ(*appended, (AppendResult{1, 2, 1, 2}));

  const auto events = log->read_stream("bot1/BTCUSDT");
  ASSERT_TRUE(events.ok());
  ASSERT_EQ(events->size(), 2u);
  EXPECT_EQ((*events)[0], (RecordedEvent{"bot1/BTCUSDT", 1, 1, 100, "AlertReceived", "a"}));
  EXPECT_EQ((*events)[1], (RecordedEvent{"bot1/BTCUSDT", 2, 2, 200, "OrderRequested", "b"}));
  EXPECT_EQ(log->stream_version("bot1/BTCUSDT"), 2u);
  EXPECT_EQ(log->last_global_seq(), 2u);
}

TEST(EventLog, Streams_interleave_in_the_global_sequence_but_read_back_separately) {
  TempDir dir;
  auto log = open_or_fail(dir.log_dir());
  ASSERT_TRUE(log->append("a", 0, {make_event("a1")}).ok());
  ASSERT_TRUE(log->append("b", 0, {make_event("b1")}).ok());
  ASSERT_TRUE(log->append("a", 1, {make_event("a2")}).ok());

  EXPECT_EQ(payloads_of(*log->read_stream("a")), (std::vector<std::string>{"a1", "a2"}));
  EXPECT_EQ(payloads_of(*log->read_stream("b")), (std::vector<std::string>{"b1"}));
  EXPECT_EQ(payloads_of(read_everything(*log)), (std::vector<std::string>{"a1", "b1", "a2"}));
  EXPECT_EQ(log->list_streams(), (std::vector<StreamVersion>{{"a", 2}, {"b", 1}}));
}

TEST(EventLog, Read_stream_starts_at_a_version_and_stops_at_max) {
  TempDir dir;
  auto log = open_or_fail(dir.log_dir());
  ASSERT_TRUE(log->append("s", 0, {make_event("1"), make_event("2"), make_event("3"), make_event("4")}).ok());
  EXPECT_EQ(payloads_of(*log->read_stream("s", 3)), (std::vector<std::string>{"3", "4"}));
  EXPECT_EQ(payloads_of(*log->read_stream("s", 2, 2)), (std::vector<std::string>{"2", "3"}));
  EXPECT_TRUE(log->read_stream("s", 5)->empty());
  EXPECT_TRUE(log->read_stream("unknown")->empty());
}

TEST(EventLog, A_stream_whose_name_extends_another_does_not_leak_into_it) {
  TempDir dir;
  auto log = open_or_fail(dir.log_dir());
  ASSERT_TRUE(log->append("bot/BTC", 0, {make_event("short")}).ok());
  ASSERT_TRUE(log->append("bot/BTCUSDT", 0, {make_event("long")}).ok());
  EXPECT_EQ(payloads_of(*log->read_stream("bot/BTC")), (std::vector<std::string>{"short"}));
}

TEST(EventLog, Read_all_starts_at_a_global_seq_and_stops_when_the_visitor_says_so) {
  TempDir dir;
  auto log = open_or_fail(dir.log_dir());
  for (std::uint64_t i = 0; i < 5; ++i) ASSERT_TRUE(log->append("s", i, {make_event(std::to_string(i + 1))}).ok());
  std::vector<std::uint64_t> seen;
  const Status read = log->read_all(2, [&](const RecordedEvent& event) {
    seen.push_back(event.global_seq);
    return event.global_seq < 4;
  });
  ASSERT_TRUE(read.ok());
  EXPECT_EQ(seen, (std::vector<std::uint64_t>{2, 3, 4}));
}

TEST(EventLog, A_wrong_expected_version_is_a_conflict_and_writes_nothing) {
  TempDir dir;
  auto log = open_or_fail(dir.log_dir());
  ASSERT_TRUE(log->append("s", 0, {make_event("first")}).ok());
  for (const std::uint64_t wrong : {0u, 2u, 7u}) {
    const Result<AppendResult> refused = log->append("s", wrong, {make_event("never")});
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(refused.error().code, "version_conflict");
  }
  EXPECT_EQ(log->stream_version("s"), 1u);
  EXPECT_EQ(log->last_global_seq(), 1u);
  EXPECT_EQ(payloads_of(read_everything(*log)), (std::vector<std::string>{"first"}));
  EXPECT_EQ(log->statistics().appends_conflicted, 3u);
}

TEST(EventLog, Invalid_appends_are_refused_before_they_are_queued) {
  TempDir dir;
  auto log = open_or_fail(dir.log_dir(), EventLogOptions{.max_event_bytes = 1000});
  EXPECT_EQ(log->append("", 0, {make_event("x")}).error().code, "invalid_argument");
  EXPECT_EQ(log->append(std::string("a\0b", 3), 0, {make_event("x")}).error().code, "invalid_argument");
  EXPECT_EQ(log->append(std::string(513, 's'), 0, {make_event("x")}).error().code, "invalid_argument");
  EXPECT_EQ(log->append("s", 0, {}).error().code, "invalid_argument");
  EXPECT_EQ(log->append("s", 0, {make_event("x", "")}).error().code, "invalid_argument");
  EXPECT_EQ(log->append("s", 0, {make_event(std::string(1000, 'x'))}).error().code, "invalid_argument");
  EXPECT_EQ(log->last_global_seq(), 0u);
}

TEST(EventLog, Reopening_restores_stream_versions_and_the_global_sequence) {
  TempDir dir;
  {
    auto log = open_or_fail(dir.log_dir());
    ASSERT_TRUE(log->append("a", 0, {make_event("a1"), make_event("a2")}).ok());
    ASSERT_TRUE(log->append("b", 0, {make_event("b1")}).ok());
  }
  auto log = open_or_fail(dir.log_dir());
  EXPECT_EQ(log->stream_version("a"), 2u);
  EXPECT_EQ(log->stream_version("b"), 1u);
  EXPECT_EQ(log->last_global_seq(), 3u);
  const Result<AppendResult> next = log->append("a", 2, {make_event("a3")});
  ASSERT_TRUE(next.ok());
  EXPECT_EQ(*next, (AppendResult{3, 3, 4, 4}));
  EXPECT_TRUE(log->verify().ok());
}

TEST(EventLog, Keeps_its_log_id_and_refuses_to_open_under_another) {
  TempDir dir;
  { auto log = open_or_fail(dir.log_dir(), EventLogOptions{.log_id = "node-a"}); }
  {
    auto same = EventLog::open(dir.log_dir(), EventLogOptions{.log_id = "node-a"});
    ASSERT_TRUE(same.ok());
    EXPECT_EQ((*same)->log_id(), "node-a");
  }

  const auto other = EventLog::open(dir.log_dir(), EventLogOptions{.log_id = "node-b"});
  ASSERT_FALSE(other.ok());
  EXPECT_EQ(other.error().code, "log_id_mismatch");
  EXPECT_NE(other.error().message.find("node-a"), std::string::npos);
}

TEST(EventLog, An_empty_log_id_is_refused) {
  TempDir dir;
  EXPECT_EQ(EventLog::open(dir.log_dir(), EventLogOptions{.log_id = ""}).error().code, "invalid_argument");
}

TEST(EventLog, Read_only_open_of_a_missing_directory_says_there_is_no_event_log) {
  TempDir dir;
  const auto log = EventLog::open_read_only(dir.path() / "nowhere");
  ASSERT_FALSE(log.ok());
  EXPECT_EQ(log.error(), make_error("no_event_log", "no event log at " + (dir.path() / "nowhere").string()));
  EXPECT_FALSE(std::filesystem::exists(dir.path() / "nowhere"));
}

TEST(EventLog, Opening_without_create_if_missing_does_not_create_a_log) {
  TempDir dir;
  const auto log = EventLog::open(dir.log_dir(), EventLogOptions{.create_if_missing = false});
  ASSERT_FALSE(log.ok());
  EXPECT_EQ(log.error().code, "no_event_log");
  EXPECT_FALSE(std::filesystem::exists(dir.log_dir()));
}

TEST(EventLog, Read_only_open_reads_but_refuses_writes) {
  TempDir dir;
  {
    auto log = open_or_fail(dir.log_dir(), EventLogOptions{.log_id = "node-a"});
    ASSERT_TRUE(log->append("s", 0, {make_event("x")}).ok());
  }
  auto log = EventLog::open_read_only(dir.log_dir());
  ASSERT_TRUE(log.ok()) << log.error().message;
  EXPECT_EQ((*log)->log_id(), "node-a");
  EXPECT_EQ((*log)->stream_version("s"), 1u);
  EXPECT_EQ(payloads_of(*(*log)->read_stream("s")), (std::vector<std::string>{"x"}));
  EXPECT_EQ((*log)->append("s", 1, {make_event("y")}).error().code, "read_only");
  EXPECT_EQ((*log)->save_snapshot("s", 1, "state").error().code, "read_only");
  EXPECT_TRUE((*log)->verify().ok());
}

TEST(EventLog, A_checkpoint_taken_while_open_is_a_complete_log) {
  TempDir dir;
  auto log = open_or_fail(dir.log_dir());
  ASSERT_TRUE(log->append("s", 0, {make_event("1"), make_event("2")}).ok());
  ASSERT_TRUE(log->checkpoint(dir.path() / "backup").ok());
  ASSERT_TRUE(log->append("s", 2, {make_event("after the checkpoint")}).ok());

  auto backup = EventLog::open_read_only(dir.path() / "backup");
  ASSERT_TRUE(backup.ok()) << backup.error().message;
  EXPECT_EQ(payloads_of(*(*backup)->read_stream("s")), (std::vector<std::string>{"1", "2"}));
  EXPECT_TRUE((*backup)->verify().ok());
}

TEST(EventLog, Checkpoint_into_an_existing_directory_is_an_error) {
  TempDir dir;
  auto log = open_or_fail(dir.log_dir());
  const Status refused = log->checkpoint(dir.path());
  EXPECT_FALSE(refused.ok());
}

TEST(EventLog, Statistics_count_batches_events_and_appends) {
  TempDir dir;
  auto log = open_or_fail(dir.log_dir());
  ASSERT_TRUE(log->append("s", 0, {make_event("1"), make_event("2")}).ok());
  ASSERT_TRUE(log->append("s", 2, {make_event("3")}).ok());
  const EventLogStatistics stats = log->statistics();
  EXPECT_EQ(stats.batches_written, 2u);
  EXPECT_EQ(stats.events_written, 3u);
  EXPECT_EQ(stats.appends_committed, 2u);
  EXPECT_EQ(stats.largest_group, 1u);
}

}  // namespace
}  // namespace tvbot::storage
