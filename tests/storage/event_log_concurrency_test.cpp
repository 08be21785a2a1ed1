// Group commit on a real RocksDB: many writers, racing writers, failed writes.
#include <gtest/gtest.h>

#include <atomic>
#include <latch>
#include <map>
#include <set>
#include <thread>

#include "storage/event_log.hpp"
#include "storage_test_support.hpp"

namespace tvbot::storage {
namespace {

using testing::Counter;
using testing::make_event;
using testing::open_or_fail;
using testing::Signal;
using testing::TempDir;

TEST(EventLogTail, A_waiting_tailer_wakes_on_the_next_commit_and_times_out_without_one) {
  TempDir dir;
  auto log = open_or_fail(dir.log_dir());
  ASSERT_TRUE(log->append("a/b", 0, {make_event("one")}).ok());
  const auto started = std::chrono::steady_clock::now();
  EXPECT_EQ(log->wait_for_global_seq_beyond(1, std::chrono::milliseconds(50)), 1u);
  EXPECT_GE(std::chrono::steady_clock::now() - started, std::chrono::milliseconds(50));
  // Already beyond: no wait at all.
  EXPECT_EQ(log->wait_for_global_seq_beyond(0, std::chrono::seconds(30)), 1u);

  std::thread writer([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    ASSERT_TRUE(log->append("a/b", 1, {make_event("two"), make_event("three")}).ok());
  });
  const auto waited_from = std::chrono::steady_clock::now();
  EXPECT_EQ(log->wait_for_global_seq_beyond(1, std::chrono::seconds(30)), 3u);
  EXPECT_LT(std::chrono::steady_clock::now() - waited_from, std::chrono::seconds(10));
  writer.join();
}

TEST(EventLogConcurrency, Eight_threads_on_many_streams_lose_nothing_and_share_fsyncs) {
  constexpr int threads = 8;
  constexpr int streams_per_thread = 16;
  constexpr int appends_per_thread = 200;
  TempDir dir;
  auto log = open_or_fail(dir.log_dir());
  std::atomic<std::uint64_t> events_appended{0};
  std::atomic<std::uint64_t> shared_retries{0};

  std::vector<std::thread> writers;
  for (int t = 0; t < threads; ++t) {
    writers.emplace_back([&, t] {
      std::vector<std::uint64_t> versions(streams_per_thread, 0);
      for (int i = 0; i < appends_per_thread; ++i) {
        // Every thread also appends to one shared stream, retrying on conflict like a
        // writer that re-reads the stream would.
        if (i % 10 == 0) {
          for (;;) {
            const std::uint64_t version = log->stream_version("shared");
            const auto appended = log->append("shared", version, {make_event("t" + std::to_string(t) + "/shared/" + std::to_string(i))});
            if (appended.ok()) break;
            ASSERT_EQ(appended.error().code, "version_conflict");
            ++shared_retries;
          }
          ++events_appended;
        }
        const int s = i % streams_per_thread;
        const std::string stream = "t" + std::to_string(t) + "/s" + std::to_string(s);
        const std::size_t count = 1 + static_cast<std::size_t>(i % 3);
        std::vector<NewEvent> events;
        for (std::size_t n = 0; n < count; ++n) {
          events.push_back(make_event(stream + "/" + std::to_string(versions[s] + n + 1)));
        }
        const auto appended = log->append(stream, versions[s], std::move(events));
        ASSERT_TRUE(appended.ok()) << appended.error().message;
        ASSERT_EQ(appended->first_stream_seq, versions[s] + 1);
        versions[s] = appended->last_stream_seq;
        events_appended += count;
      }
    });
  }
  for (auto& writer : writers) writer.join();

  std::set<std::string> payloads;
  std::map<std::string, std::uint64_t> last_seq_of;
  std::uint64_t expected_global = 1;
  const Status read = log->read_all(1, [&](const RecordedEvent& event) {
    EXPECT_EQ(event.global_seq, expected_global++);
    EXPECT_EQ(event.stream_seq, ++last_seq_of[event.stream]) << event.stream;
    if (event.stream != "shared") {
      EXPECT_EQ(event.payload, event.stream + "/" + std::to_string(event.stream_seq));
    }
    EXPECT_TRUE(payloads.insert(event.payload).second) << "twice: " << event.payload;
    return true;
  });
  ASSERT_TRUE(read.ok()) << read.error().message;
  EXPECT_EQ(payloads.size(), events_appended.load());
  EXPECT_EQ(log->last_global_seq(), events_appended.load());
  EXPECT_EQ(log->stream_version("shared"), std::uint64_t{threads * appends_per_thread / 10});

  const EventLogStatistics stats = log->statistics();
  EXPECT_EQ(stats.events_written, events_appended.load());
  EXPECT_EQ(stats.appends_conflicted, shared_retries.load());
  EXPECT_LT(stats.batches_written, stats.appends_committed);
  EXPECT_GT(stats.largest_group, 1u);
  EXPECT_TRUE(log->verify().ok());
}

TEST(EventLogConcurrency, Of_two_writers_racing_on_one_stream_exactly_one_wins) {
  TempDir dir;
  auto log = open_or_fail(dir.log_dir());
  for (int round = 0; round < 100; ++round) {
    const std::string stream = "race/" + std::to_string(round);
    std::latch start(2);
    std::optional<Result<AppendResult>> outcomes[2];
    std::thread racers[2];
    for (int r = 0; r < 2; ++r) {
      racers[r] = std::thread([&, r] {
        start.arrive_and_wait();
        outcomes[r] = log->append(stream, 0, {make_event("racer " + std::to_string(r))});
      });
    }
    for (auto& racer : racers) racer.join();
    const int winner = outcomes[0]->ok() ? 0 : 1;
    ASSERT_TRUE(outcomes[winner]->ok());
    ASSERT_FALSE(outcomes[1 - winner]->ok());
    EXPECT_EQ(outcomes[1 - winner]->error().code, "version_conflict");
    const auto events = log->read_stream(stream);
    ASSERT_EQ(events->size(), 1u);
    EXPECT_EQ((*events)[0].payload, "racer " + std::to_string(winner));
  }
  EXPECT_EQ(log->last_global_seq(), 100u);
}

// Holds the first group's write until `release_at` appends have been queued, so the
// appends queued meanwhile deterministically form the second group.
struct HeldFirstWrite {
  Counter queued;
  Signal first_write_started;
  int release_at = 0;
  int writes = 0;
  Status second_write_outcome;

  EventLogOptions options() {
    EventLogOptions options;
    options.test_hooks.after_enqueue = [this] { queued.increment(); };
    options.test_hooks.before_group_write = [this](std::size_t) -> Status {
      if (++writes == 1) {
        first_write_started.notify();
        EXPECT_TRUE(queued.wait_for_count(release_at));
        return {};
      }
      return writes == 2 ? second_write_outcome : Status{};
    };
    return options;
  }
};

TEST(EventLogConcurrency, Two_appends_to_one_stream_in_one_group_chain_their_versions) {
  TempDir dir;
  HeldFirstWrite held;
  held.release_at = 3;
  auto log = open_or_fail(dir.log_dir(), held.options());
  std::optional<Result<AppendResult>> first, second;
  std::thread leader([&] { ASSERT_TRUE(log->append("a", 0, {make_event("a1")}).ok()); });
  ASSERT_TRUE(held.first_write_started.wait());
  std::thread follower1([&] { first = log->append("b", 0, {make_event("b1"), make_event("b2")}); });
  ASSERT_TRUE(held.queued.wait_for_count(2));  // so follower1 is ahead of follower2
  std::thread follower2([&] { second = log->append("b", 2, {make_event("b3")}); });
  for (auto* thread : {&leader, &follower1, &follower2}) thread->join();

  ASSERT_TRUE(first->ok() && second->ok());
  EXPECT_EQ(first->value(), (AppendResult{1, 2, 2, 3}));
  EXPECT_EQ(second->value(), (AppendResult{3, 3, 4, 4}));
  EXPECT_EQ(log->statistics().batches_written, 2u);
  EXPECT_EQ(log->statistics().largest_group, 2u);
  EXPECT_EQ(log->stream_version("b"), 3u);
}

TEST(EventLogConcurrency, A_failed_write_fails_every_append_in_its_group_and_changes_no_version) {
  TempDir dir;
  HeldFirstWrite held;
  held.release_at = 4;
  held.second_write_outcome = make_error("io_error", "injected: fsync failed");
  auto log = open_or_fail(dir.log_dir(), held.options());
  std::optional<Result<AppendResult>> b, c, conflicting;
  std::thread leader([&] { ASSERT_TRUE(log->append("a", 0, {make_event("a1")}).ok()); });
  ASSERT_TRUE(held.first_write_started.wait());
  std::thread tb([&] { b = log->append("b", 0, {make_event("b1")}); });
  std::thread tc([&] { c = log->append("c", 0, {make_event("c1"), make_event("c2")}); });
  std::thread ta([&] { conflicting = log->append("a", 0, {make_event("a again")}); });
  for (auto* thread : {&leader, &tb, &tc, &ta}) thread->join();

  EXPECT_EQ(b->error(), make_error("io_error", "injected: fsync failed"));
  EXPECT_EQ(c->error(), make_error("io_error", "injected: fsync failed"));
  EXPECT_EQ(conflicting->error().code, "version_conflict");  // it failed alone, for its own reason
  EXPECT_EQ(log->stream_version("b"), 0u);
  EXPECT_EQ(log->stream_version("c"), 0u);
  EXPECT_EQ(log->last_global_seq(), 1u);
  EXPECT_EQ(log->statistics().appends_failed, 2u);

  // Nothing was numbered: the next append continues the sequences without a gap.
  const auto retried = log->append("b", 0, {make_event("b1")});
  ASSERT_TRUE(retried.ok());
  EXPECT_EQ(retried->first_global_seq, 2u);
  EXPECT_TRUE(log->read_stream("c")->empty());
  EXPECT_TRUE(log->verify().ok());
}

}  // namespace
}  // namespace tvbot::storage
