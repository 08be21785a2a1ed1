#include "actors/notify/rate_limiter.hpp"

#include <algorithm>

namespace tvbot::notify {
namespace {

constexpr std::chrono::seconds kMinute{60};
constexpr std::chrono::seconds kSecond{1};

// With at most `limit` sends per `window` and `sends` the recent ones (oldest first), the
// earliest time the next may go: when the send `limit` places back leaves the window.
SteadyTime window_allows(const std::deque<SteadyTime>& sends, std::uint32_t limit,
                         std::chrono::steady_clock::duration window, SteadyTime now) {
  if (limit == 0 || sends.size() < limit) return now;
  return std::max(now, sends[sends.size() - limit] + window);
}

void forget_older(std::deque<SteadyTime>& sends, std::chrono::steady_clock::duration window,
                  SteadyTime now) {
  while (!sends.empty() && sends.front() + window <= now) sends.pop_front();
}

}  // namespace

SteadyTime RateLimiter::next_allowed(const std::string& chat, SteadyTime now) const {
  SteadyTime at = window_allows(last_second_, policy_.global_per_second, kSecond, now);
  const auto found = chats_.find(chat);
  if (found == chats_.end()) return at;
  const ChatState& state = found->second;
  const auto tolerance =
      policy_.per_chat_interval * (policy_.per_chat_burst > 0 ? policy_.per_chat_burst - 1 : 0);
  at = std::max(at, state.tat - tolerance);
  at = std::max(at, state.blocked_until);
  if (is_group(chat)) {
    at = std::max(at, window_allows(state.last_minute, policy_.group_per_minute, kMinute, now));
  }
  return at;
}

void RateLimiter::record_send(const std::string& chat, SteadyTime now) {
  ChatState& state = chats_[chat];
  state.tat = std::max(state.tat, now) + policy_.per_chat_interval;
  forget_older(last_second_, kSecond, now);
  last_second_.push_back(now);
  if (is_group(chat)) {
    forget_older(state.last_minute, kMinute, now);
    state.last_minute.push_back(now);
  }
}

void RateLimiter::block_until(const std::string& chat, SteadyTime until) {
  ChatState& state = chats_[chat];
  state.blocked_until = std::max(state.blocked_until, until);
}

}  // namespace tvbot::notify
