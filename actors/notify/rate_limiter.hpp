#pragma once
// Keeps sends within Telegram's published limits (https://core.telegram.org/bots/faq,
// "My bot is hitting limits"):
//   - one chat: "avoid sending more than one message per second", short bursts tolerated;
//   - a group (chat id starting with '-'): "not more than 20 messages per minute";
//   - all chats: "no more than 30 messages per second".
// And a 429's retry_after blocks that chat until it has passed.
// Time comes in as an argument (steady clock), so the rules are tested without sleeping.
#include <chrono>
#include <cstdint>
#include <deque>
#include <map>
#include <string>

namespace tvbot::notify {

using SteadyTime = std::chrono::steady_clock::time_point;

struct RateLimitPolicy {
  std::chrono::milliseconds per_chat_interval{1000};  // one message per interval, on average
  std::uint32_t per_chat_burst = 3;                   // sent back to back after a quiet spell
  std::uint32_t group_per_minute = 20;                // groups and channels with '-' ids
  std::uint32_t global_per_second = 30;
};

class RateLimiter {
 public:
  explicit RateLimiter(RateLimitPolicy policy) : policy_(policy) {}

  // The earliest time a message to `chat` may go; at or before `now` means at once.
  [[nodiscard]] SteadyTime next_allowed(const std::string& chat, SteadyTime now) const;
  // Records a message sent to `chat` at `now` (attempted: a failed send still counts).
  void record_send(const std::string& chat, SteadyTime now);
  // A 429 said to wait: nothing goes to `chat` before `until`.
  void block_until(const std::string& chat, SteadyTime until);

 private:
  struct ChatState {
    // GCRA ("theoretical arrival time"): a message may go once now >= tat - tolerance,
    // and each one moves tat an interval on. Example, interval 1 s, burst 3: from idle,
    // three go at t=0 (tat 1, 2, 3 s), the fourth waits until t=1 s.
    SteadyTime tat{};
    std::deque<SteadyTime> last_minute;  // groups only: sends within the last 60 s
    SteadyTime blocked_until{};
  };
  static bool is_group(const std::string& chat) { return !chat.empty() && chat.front() == '-'; }

  RateLimitPolicy policy_;
  std::map<std::string, ChatState, std::less<>> chats_;
  std::deque<SteadyTime> last_second_;  // every chat: sends within the last second
};

}  // namespace tvbot::notify
