#include "actors/notify/delivery_policy.hpp"

#include <simdjson.h>

#include <charconv>

namespace tvbot::notify {
namespace {

struct BotApiAnswer {
  bool parsed = false;
  bool ok = false;
  std::string description;
  std::optional<std::int64_t> retry_after;
};

BotApiAnswer read_answer(const std::string& body) {
  BotApiAnswer answer;
  simdjson::dom::parser parser;
  simdjson::dom::element root;
  if (parser.parse(body).get(root) != simdjson::SUCCESS || !root.is_object()) return answer;
  answer.parsed = true;
  bool ok = false;
  if (root["ok"].get(ok) == simdjson::SUCCESS) answer.ok = ok;
  std::string_view description;
  if (root["description"].get(description) == simdjson::SUCCESS) {
    answer.description = std::string(description.substr(0, 200));
  }
  std::int64_t retry_after = 0;
  if (root.at_pointer("/parameters/retry_after").get(retry_after) == simdjson::SUCCESS) {
    answer.retry_after = retry_after;
  }
  return answer;
}

std::optional<std::int64_t> header_seconds(std::string_view text) {
  std::int64_t value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return value;
}

Decision retry_or_give_up(Decision decision, std::uint32_t attempt, const RetryPolicy& policy) {
  if (attempt >= policy.max_attempts) {
    decision.verdict = Verdict::drop;
    decision.reason += " (gave up after " + std::to_string(attempt) + " attempts)";
    return decision;
  }
  decision.verdict = Verdict::retry;
  decision.wait = backoff(attempt, policy);
  return decision;
}

}  // namespace

std::chrono::milliseconds backoff(std::uint32_t attempt, const RetryPolicy& policy) {
  std::chrono::milliseconds wait = policy.first_backoff;
  for (std::uint32_t i = 1; i < attempt && wait < policy.max_backoff; ++i) wait *= 2;
  return std::min(wait, policy.max_backoff);
}

Decision decide_delivery(const Result<TransportResponse>& answer, std::uint32_t attempt,
                         const RetryPolicy& policy) {
  Decision decision;
  if (!answer.ok()) {
    decision.transport_error = true;
    decision.reason = answer.error().code + ": " + answer.error().message;
    return retry_or_give_up(std::move(decision), attempt, policy);
  }
  const TransportResponse& response = answer.value();
  const BotApiAnswer body = read_answer(response.body);
  const std::string description = body.description.empty() ? "" : " " + body.description;
  if (response.status == 200 && body.ok) {
    decision.verdict = Verdict::delivered;
    return decision;
  }
  if (response.status == 429) {
    // Telegram's own number wins; the header is the generic HTTP way of saying it.
    std::optional<std::int64_t> seconds = body.retry_after;
    if (!seconds) seconds = header_seconds(response.retry_after_header);
    decision.verdict = Verdict::retry;
    decision.rate_limited = true;
    decision.wait = seconds && *seconds >= 0
                        ? std::chrono::milliseconds(std::chrono::seconds(
                              std::min<std::int64_t>(*seconds, policy.max_retry_after.count())))
                        : backoff(attempt, policy);
    decision.reason = "429" + description;
    return decision;
  }
  if (response.status >= 500) {
    decision.server_error = true;
    decision.reason = std::to_string(response.status) + description;
    return retry_or_give_up(std::move(decision), attempt, policy);
  }
  decision.verdict = Verdict::drop;
  decision.reason = std::to_string(response.status) +
                    (body.parsed ? description : std::string(" (not a Bot API answer)"));
  return decision;
}

std::string redact(std::string text, std::string_view secret) {
  if (secret.empty()) return text;
  for (auto at = text.find(secret); at != std::string::npos; at = text.find(secret, at + 3)) {
    text.replace(at, secret.size(), "***");
  }
  return text;
}

}  // namespace tvbot::notify
