#pragma once
// What to do with the answer to one sendMessage request, as the Bot API documents it
// (https://core.telegram.org/bots/api#making-requests): every answer is a JSON object with
// "ok"; on failure "error_code", "description" and, for 429, "parameters":{"retry_after":N}.
//   ok                          -> delivered
//   429                         -> retry after retry_after seconds (that chat only)
//   5xx, no answer (transport)  -> retry with exponential backoff, capped, a bounded number
//                                  of times, then give up (counted)
//   any other status (400, 401, 403, 404, ...) -> drop and count: resending cannot help
#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>

#include "events/result.hpp"

namespace tvbot::notify {

// The HTTP answer, as far as the policy needs it; transport-neutral so the notifier does not
// depend on one HTTP client.
struct TransportResponse {
  unsigned status = 0;
  std::string body;
  std::string retry_after_header;  // the Retry-After header, if any
};

struct RetryPolicy {
  std::chrono::milliseconds first_backoff{1000};
  std::chrono::milliseconds max_backoff{60000};
  std::uint32_t max_attempts = 8;  // attempts per message before giving up on 5xx / transport
  // A retry_after beyond this is capped: a notifier that sleeps an hour is as good as dead.
  std::chrono::seconds max_retry_after{3600};
};

enum class Verdict { delivered, retry, drop };

struct Decision {
  Verdict verdict = Verdict::drop;
  std::chrono::milliseconds wait{0};  // retry: how long before the next attempt
  bool rate_limited = false;          // retry because of 429: block the chat, not just the message
  bool server_error = false;          // 5xx
  bool transport_error = false;       // no HTTP answer
  std::string reason;                 // for the log: never contains the token
};

// `attempt` counts from 1 (the attempt whose answer this is).
[[nodiscard]] Decision decide_delivery(const Result<TransportResponse>& answer,
                                       std::uint32_t attempt, const RetryPolicy& policy);

// first_backoff * 2^(attempt-1), capped at max_backoff. Example with 1 s and 60 s:
// 1, 2, 4, 8, 16, 32, 60, 60 s.
[[nodiscard]] std::chrono::milliseconds backoff(std::uint32_t attempt, const RetryPolicy& policy);

// `text` with every occurrence of `secret` replaced by "***" (an error message from an HTTP
// client may quote the request target, which holds the bot token).
[[nodiscard]] std::string redact(std::string text, std::string_view secret);

}  // namespace tvbot::notify
