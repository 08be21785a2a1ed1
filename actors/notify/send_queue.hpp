#pragma once
// The bounded queue between the log tailer (producer) and the sender (consumer). push()
// never waits: when the queue is full the OLDEST waiting message is dropped and counted,
// because a notifier that falls behind must shed stale news, never slow anything down.
// The message the sender has taken stays "in flight" until finish(), so the tailer can
// tell which events are not yet done with (oldest_pending_seq) when it saves its cursor.
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <mutex>
#include <optional>
#include <string>

namespace tvbot::notify {

struct OutgoingMessage {
  std::uint64_t global_seq = 0;  // 0: not from an event (daily summary)
  std::string kind;
  std::string text;  // rendered for the parse mode, within Telegram's limit
};

class SendQueue {
 public:
  explicit SendQueue(std::size_t capacity) : capacity_(capacity == 0 ? 1 : capacity) {}

  // Returns how many older messages were dropped to make room (0 or 1).
  std::size_t push(OutgoingMessage message);
  // Waits up to `timeout` for a message and marks it in flight. nullopt on timeout, or at
  // once when the queue is closed and empty.
  [[nodiscard]] std::optional<OutgoingMessage> take(std::chrono::milliseconds timeout);
  // The in-flight message is done with (sent or dropped).
  void finish();
  // Wakes every take(); later pushes still queue (and drain) but take() no longer waits.
  void close();

  [[nodiscard]] std::size_t size() const;
  // The global seq of the oldest message not yet done with (in flight included), skipping
  // messages that carry no seq; nullopt when none is pending.
  [[nodiscard]] std::optional<std::uint64_t> oldest_pending_seq() const;

 private:
  const std::size_t capacity_;
  mutable std::mutex mutex_;
  std::condition_variable ready_;
  std::deque<OutgoingMessage> waiting_;
  std::optional<std::uint64_t> in_flight_seq_;
  bool closed_ = false;
};

}  // namespace tvbot::notify
