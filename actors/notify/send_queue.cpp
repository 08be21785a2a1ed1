#include "actors/notify/send_queue.hpp"

#include <algorithm>

namespace tvbot::notify {

std::size_t SendQueue::push(OutgoingMessage message) {
  std::size_t dropped = 0;
  {
    std::lock_guard lock(mutex_);
    while (waiting_.size() >= capacity_) {
      waiting_.pop_front();
      ++dropped;
    }
    waiting_.push_back(std::move(message));
  }
  ready_.notify_one();
  return dropped;
}

std::optional<OutgoingMessage> SendQueue::take(std::chrono::milliseconds timeout) {
  std::unique_lock lock(mutex_);
  ready_.wait_for(lock, timeout, [this] { return closed_ || !waiting_.empty(); });
  if (waiting_.empty()) return std::nullopt;
  OutgoingMessage message = std::move(waiting_.front());
  waiting_.pop_front();
  in_flight_seq_ = message.global_seq;
  return message;
}

void SendQueue::finish() {
  std::lock_guard lock(mutex_);
  in_flight_seq_.reset();
}

void SendQueue::close() {
  {
    std::lock_guard lock(mutex_);
    closed_ = true;
  }
  ready_.notify_all();
}

std::size_t SendQueue::size() const {
  std::lock_guard lock(mutex_);
  return waiting_.size();
}

std::optional<std::uint64_t> SendQueue::oldest_pending_seq() const {
  std::lock_guard lock(mutex_);
  std::optional<std::uint64_t> oldest;
  auto consider = [&oldest](std::uint64_t seq) {
    if (seq != 0) oldest = oldest ? std::min(*oldest, seq) : seq;
  };
  if (in_flight_seq_) consider(*in_flight_seq_);
  for (const auto& message : waiting_) consider(message.global_seq);
  return oldest;
}

}  // namespace tvbot::notify
