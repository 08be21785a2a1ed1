#pragma once
// Drains the send queue into the Bot API's sendMessage on its own thread, within the rate
// limits, honouring 429 retry_after, retrying 5xx and transport errors with backoff, and
// dropping (counted) what Telegram refuses. enqueue() never blocks, so whoever produces
// messages never waits for Telegram.
//
// The bot token is part of the request path (POST /bot<token>/sendMessage), so the target
// is never logged and every error text is passed through redact() before it is.
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <thread>

#include "actors/notify/delivery_policy.hpp"
#include "actors/notify/event_messages.hpp"
#include "actors/notify/notifier_stats.hpp"
#include "actors/notify/rate_limiter.hpp"
#include "actors/notify/send_queue.hpp"
#include "actors/notify/text.hpp"
#include "events/result.hpp"

namespace tvbot::notify {

// POSTs `body` (application/json) to `target` under the Bot API base URL and returns the
// answer. Must be bounded in time (the WebClient's per-phase timeouts do that). Called
// from the sender thread only.
using Transport =
    std::function<Result<TransportResponse>(std::string_view target, std::string body)>;

struct SenderOptions {
  std::string chat_id;  // "-1001234567890" or "@channel"
  ParseMode parse_mode = ParseMode::html;
  std::size_t queue_capacity = 1000;
  RateLimitPolicy limits;
  RetryPolicy retry;
};

// The JSON body of sendMessage for `text` (already rendered for the parse mode).
[[nodiscard]] std::string send_message_body(const std::string& chat_id, ParseMode mode,
                                            std::string_view text);

class TelegramSender {
 public:
  // `counters` must outlive the sender.
  TelegramSender(SenderOptions options, std::string bot_token, Transport transport,
                 NotifierCounters& counters);
  ~TelegramSender();
  TelegramSender(const TelegramSender&) = delete;
  TelegramSender& operator=(const TelegramSender&) = delete;

  void start();
  // Renders and queues; drops the oldest waiting message when the queue is full.
  void enqueue(const Notification& notification);
  // Sends what is queued until it is empty or `flush_deadline` passes, then stops; a
  // message cut off at the deadline stays pending (oldest_pending_seq). True when all was
  // done with in time. A request already on the wire is waited for (its own timeouts bound it).
  bool stop(std::chrono::milliseconds flush_deadline);

  [[nodiscard]] std::optional<std::uint64_t> oldest_pending_seq() const {
    return queue_.oldest_pending_seq();
  }

 private:
  void run();
  // false when stopped before the message was done with.
  bool deliver(const OutgoingMessage& message);
  bool sleep_until(SteadyTime until);  // false when aborted meanwhile

  const SenderOptions options_;
  const std::string token_;
  const std::string target_;
  Transport transport_;
  NotifierCounters& counters_;
  SendQueue queue_;
  RateLimiter limiter_;

  std::mutex mutex_;
  std::condition_variable wake_;
  bool draining_ = false;
  bool abort_ = false;
  bool finished_ = false;
  std::thread thread_;
};

}  // namespace tvbot::notify
