#include "storage/append_queue.hpp"

#include <gtest/gtest.h>

#include <stdexcept>
#include <thread>
#include <vector>

#include "storage_test_support.hpp"

namespace tvbot::storage {
namespace {

using testing::Counter;
using testing::Signal;

// A commit function that records group sizes and answers each member with a result that
// names its stream, so a test can tell every outcome reached its own request. Its first
// call can be held until a number of requests have been queued.
class FakeCommit {
 public:
  std::vector<Result<AppendResult>> operator()(std::span<AppendRequest* const> group) {
    if (group_sizes_.empty() && hold_first_until_queued_ > 0) {
      first_commit_started_.notify();
      EXPECT_TRUE(queued_.wait_for_count(hold_first_until_queued_));
    }
    group_sizes_.push_back(group.size());
    std::vector<Result<AppendResult>> outcomes;
    for (const AppendRequest* request : group) {
      const auto id = static_cast<std::uint64_t>(std::stoul(std::string(request->stream)));
      outcomes.emplace_back(AppendResult{id, id, id, id});
    }
    return outcomes;
  }

  int hold_first_until_queued_ = 0;
  Counter queued_;
  Signal first_commit_started_;
  std::vector<std::size_t> group_sizes_;
};

struct Harness {
  explicit Harness(GroupLimits limits, int hold_first_until_queued = 0)
      : queue(limits, [this](std::span<AppendRequest* const> group) { return commit(group); },
              [this] { commit.queued_.increment(); }) {
    commit.hold_first_until_queued_ = hold_first_until_queued;
  }

  // Submits a request for stream `id` on a new thread and checks it gets its own outcome.
  void submit_in_background(int id, std::size_t bytes = 1) {
    threads.emplace_back([this, id, bytes] {
      const std::string stream = std::to_string(id);
      AppendRequest request;
      request.stream = stream;
      request.encoded_bytes = bytes;
      const Result<AppendResult> result = queue.submit(request);
      ASSERT_TRUE(result.ok());
      EXPECT_EQ(result->first_global_seq, static_cast<std::uint64_t>(id));
    });
  }

  void join() {
    for (auto& thread : threads) thread.join();
    threads.clear();
  }

  FakeCommit commit;
  AppendQueue queue;
  std::vector<std::thread> threads;
};

constexpr GroupLimits roomy{.max_appends = 100, .max_bytes = 1 << 20};

TEST(AppendQueue, A_lone_request_is_committed_as_a_group_of_one) {
  Harness harness(roomy);
  harness.submit_in_background(7);
  harness.join();
  EXPECT_EQ(harness.commit.group_sizes_, (std::vector<std::size_t>{1}));
}

TEST(AppendQueue, Requests_queued_while_the_leader_writes_share_the_next_group) {
  Harness harness(roomy, /*hold_first_until_queued=*/4);
  harness.submit_in_background(1);
  ASSERT_TRUE(harness.commit.first_commit_started_.wait());
  for (int id = 2; id <= 4; ++id) harness.submit_in_background(id);
  harness.join();
  EXPECT_EQ(harness.commit.group_sizes_, (std::vector<std::size_t>{1, 3}));
}

TEST(AppendQueue, A_group_never_holds_more_requests_than_the_cap) {
  Harness harness({.max_appends = 2, .max_bytes = 1 << 20}, /*hold_first_until_queued=*/6);
  harness.submit_in_background(1);
  ASSERT_TRUE(harness.commit.first_commit_started_.wait());
  for (int id = 2; id <= 6; ++id) harness.submit_in_background(id);
  harness.join();
  EXPECT_EQ(harness.commit.group_sizes_, (std::vector<std::size_t>{1, 2, 2, 1}));
}

TEST(AppendQueue, A_group_never_holds_more_bytes_than_the_cap_but_an_oversized_request_goes_alone) {
  Harness harness({.max_appends = 100, .max_bytes = 100}, /*hold_first_until_queued=*/4);
  harness.submit_in_background(1, 10);
  ASSERT_TRUE(harness.commit.first_commit_started_.wait());
  // Whatever order these queue in, no two fit under 100 bytes together.
  harness.submit_in_background(2, 60);
  harness.submit_in_background(3, 60);
  harness.submit_in_background(4, 500);
  harness.join();
  EXPECT_EQ(harness.commit.group_sizes_, (std::vector<std::size_t>{1, 1, 1, 1}));
}

TEST(AppendQueue, A_throwing_commit_fails_its_group_and_the_queue_keeps_working) {
  bool throw_next = true;
  AppendQueue queue(roomy, [&](std::span<AppendRequest* const> group) {
    if (std::exchange(throw_next, false)) throw std::runtime_error("disk on fire");
    return std::vector<Result<AppendResult>>(group.size(), AppendResult{1, 1, 1, 1});
  });
  AppendRequest first;
  first.stream = "a";
  const Result<AppendResult> failed = queue.submit(first);
  ASSERT_FALSE(failed.ok());
  EXPECT_EQ(failed.error(), make_error("internal", "disk on fire"));
  AppendRequest second;
  second.stream = "a";
  EXPECT_TRUE(queue.submit(second).ok());
}

TEST(AppendQueue, Many_threads_each_get_their_own_outcome) {
  Harness harness({.max_appends = 3, .max_bytes = 1 << 20});
  for (int id = 1; id <= 64; ++id) harness.submit_in_background(id);
  harness.join();
  std::size_t committed = 0;
  for (const std::size_t size : harness.commit.group_sizes_) {
    EXPECT_LE(size, 3u);
    committed += size;
  }
  EXPECT_EQ(committed, 64u);
}

}  // namespace
}  // namespace tvbot::storage
