#pragma once
// Group commit: many appending threads, one fsync per group.
//
// Leader/follower, as RocksDB's own write path does it. Each appending thread queues its
// request. If no leader is active it becomes the leader: it takes a group from the front
// of the queue (capped by appends and bytes), writes the group without holding the queue
// lock (while it writes, new requests pile up for the next group), then hands every member
// its outcome and wakes it. It keeps leading until its own request is done, then wakes the
// request now at the front, whose thread leads next. So a request waits for at most the
// groups ahead of it in a FIFO queue, and each group is bounded by the caps. The waits
// need no timeout for that reason: a leader always finishes its group (a RocksDB write
// returns, and an exception becomes the group's error), so each wait is bounded by the
// writes of the groups ahead.
//
// Example with caps of 3 appends: A arrives, leads, writes [A]. Meanwhile B, C, D, E queue.
// A finishes, wakes B; B leads and writes [B C D] (cap), wakes C and D, then finishes,
// handing over to E, who writes [E].
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <functional>
#include <mutex>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

#include "events/result.hpp"
#include "storage/types.hpp"

namespace tvbot::storage {

struct AppendRequest {
  std::string_view stream;
  std::uint64_t expected_version = 0;
  std::vector<NewEvent> events;
  std::size_t encoded_bytes = 0;  // what this request adds to a batch, for the byte cap

  // Set by the leader under the queue's mutex; read by the owner once done is true.
  std::optional<Result<AppendResult>> result;
  bool done = false;
  std::condition_variable wake;
};

struct GroupLimits {
  std::size_t max_appends = 1;
  std::size_t max_bytes = 1;  // a single request bigger than this still forms a group alone
};

class AppendQueue {
 public:
  // Writes one group and returns one outcome per request, in order. Called on the leader's
  // thread, without the queue lock, never concurrently with itself.
  using CommitGroup =
      std::function<std::vector<Result<AppendResult>>(std::span<AppendRequest* const> group)>;

  AppendQueue(GroupLimits limits, CommitGroup commit, std::function<void()> after_enqueue = {});

  // Blocks until the group holding `request` has been committed or has failed.
  [[nodiscard]] Result<AppendResult> submit(AppendRequest& request);

 private:
  std::vector<AppendRequest*> take_group_locked();
  std::vector<Result<AppendResult>> commit_without_throwing(std::span<AppendRequest* const> group);

  const GroupLimits limits_;
  const CommitGroup commit_;
  const std::function<void()> after_enqueue_;

  std::mutex mutex_;
  std::deque<AppendRequest*> queue_;  // guarded by mutex_
  bool leader_active_ = false;        // guarded by mutex_
};

}  // namespace tvbot::storage
