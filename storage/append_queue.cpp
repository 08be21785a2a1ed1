#include "storage/append_queue.hpp"

#include <exception>
#include <utility>

namespace tvbot::storage {

AppendQueue::AppendQueue(GroupLimits limits, CommitGroup commit,
                         std::function<void()> after_enqueue)
    : limits_(limits), commit_(std::move(commit)), after_enqueue_(std::move(after_enqueue)) {}

Result<AppendResult> AppendQueue::submit(AppendRequest& request) {
  std::unique_lock lock(mutex_);
  queue_.push_back(&request);
  if (after_enqueue_) {
    lock.unlock();
    after_enqueue_();
    lock.lock();
  }
  request.wake.wait(lock, [&] { return request.done || !leader_active_; });
  if (request.done) return std::move(*request.result);

  leader_active_ = true;
  while (!request.done) {
    const std::vector<AppendRequest*> group = take_group_locked();
    lock.unlock();
    std::vector<Result<AppendResult>> outcomes = commit_without_throwing(group);
    lock.lock();
    for (std::size_t i = 0; i < group.size(); ++i) {
      group[i]->result.emplace(std::move(outcomes[i]));
      group[i]->done = true;
      // Under the lock: the member cannot return and free its request before we are done.
      if (group[i] != &request) group[i]->wake.notify_one();
    }
  }
  leader_active_ = false;
  if (!queue_.empty()) queue_.front()->wake.notify_one();
  return std::move(*request.result);
}

std::vector<AppendRequest*> AppendQueue::take_group_locked() {
  std::vector<AppendRequest*> group;
  std::size_t bytes = 0;
  while (!queue_.empty() && group.size() < limits_.max_appends) {
    AppendRequest* next = queue_.front();
    if (!group.empty() && bytes + next->encoded_bytes > limits_.max_bytes) break;
    bytes += next->encoded_bytes;
    group.push_back(next);
    queue_.pop_front();
  }
  return group;
}

std::vector<Result<AppendResult>> AppendQueue::commit_without_throwing(
    std::span<AppendRequest* const> group) {
  // An exception escaping here would leave leader_active_ set and every later append
  // waiting forever, so it becomes the group's error instead.
  try {
    std::vector<Result<AppendResult>> outcomes = commit_(group);
    if (outcomes.size() == group.size()) return outcomes;
    return std::vector<Result<AppendResult>>(
        group.size(), make_error("internal", "group commit returned the wrong number of outcomes"));
  } catch (const std::exception& failure) {
    return std::vector<Result<AppendResult>>(group.size(), make_error("internal", failure.what()));
  }
}

}  // namespace tvbot::storage
