#include "actors/notify/telegram_sender.hpp"

#include <spdlog/spdlog.h>

#include "events/codec.hpp"

namespace tvbot::notify {
namespace {

// A numeric chat id is sent as a JSON integer, "@channel" as a string (both documented).
bool is_integer(std::string_view text) {
  if (!text.empty() && text.front() == '-') text.remove_prefix(1);
  if (text.empty() || text.size() > 19) return false;
  for (const char c : text) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

}  // namespace

std::string send_message_body(const std::string& chat_id, ParseMode mode, std::string_view text) {
  std::string body = "{\"chat_id\":";
  if (is_integer(chat_id)) {
    body += chat_id;
  } else {
    append_json_string(body, chat_id);
  }
  body += ",\"text\":";
  append_json_string(body, text);
  if (mode != ParseMode::plain) {
    body += ",\"parse_mode\":";
    append_json_string(body, parse_mode_field(mode));
  }
  body += ",\"disable_web_page_preview\":true}";
  return body;
}

TelegramSender::TelegramSender(SenderOptions options, std::string bot_token, Transport transport,
                               NotifierCounters& counters)
    : options_(std::move(options)),
      token_(std::move(bot_token)),
      target_("/bot" + token_ + "/sendMessage"),
      transport_(std::move(transport)),
      counters_(counters),
      queue_(options_.queue_capacity),
      limiter_(options_.limits) {}

TelegramSender::~TelegramSender() { (void)stop(std::chrono::milliseconds(0)); }

void TelegramSender::start() {
  if (!thread_.joinable()) thread_ = std::thread([this] { run(); });
}

void TelegramSender::enqueue(const Notification& notification) {
  OutgoingMessage message{notification.global_seq, notification.kind,
                          notification.text.render(options_.parse_mode)};
  const std::size_t dropped = queue_.push(std::move(message));
  counters_.messages_enqueued.fetch_add(1);
  if (dropped > 0) {
    counters_.dropped_queue_full.fetch_add(dropped);
    spdlog::warn("telegram: queue full ({} messages), dropped the oldest", options_.queue_capacity);
  }
  counters_.queue_depth.store(queue_.size());
}

bool TelegramSender::stop(std::chrono::milliseconds flush_deadline) {
  std::unique_lock lock(mutex_);
  draining_ = true;
  queue_.close();
  const bool drained =
      !thread_.joinable() || wake_.wait_for(lock, flush_deadline, [this] { return finished_; });
  abort_ = true;
  lock.unlock();
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
  return drained && queue_.size() == 0 && !queue_.oldest_pending_seq();
}

bool TelegramSender::sleep_until(SteadyTime until) {
  std::unique_lock lock(mutex_);
  return !wake_.wait_until(lock, until, [this] { return abort_; });
}

void TelegramSender::run() {
  while (true) {
    bool draining = false;
    {
      std::lock_guard lock(mutex_);
      if (abort_) break;
      draining = draining_;
    }
    // The timeout only bounds how late a stop is noticed; close() wakes take() at once.
    auto message =
        queue_.take(draining ? std::chrono::milliseconds(0) : std::chrono::milliseconds(200));
    counters_.queue_depth.store(queue_.size());
    if (!message) {
      if (draining) break;
      continue;
    }
    if (!deliver(*message)) break;  // aborted: the message stays pending for the next start
    queue_.finish();
  }
  {
    std::lock_guard lock(mutex_);
    finished_ = true;
  }
  wake_.notify_all();
}

bool TelegramSender::deliver(const OutgoingMessage& message) {
  const std::string body = send_message_body(options_.chat_id, options_.parse_mode, message.text);
  std::uint32_t attempt = 1;
  while (true) {
    const SteadyTime allowed =
        limiter_.next_allowed(options_.chat_id, std::chrono::steady_clock::now());
    if (allowed > std::chrono::steady_clock::now() && !sleep_until(allowed)) return false;
    limiter_.record_send(options_.chat_id, std::chrono::steady_clock::now());
    counters_.send_attempts.fetch_add(1);
    const Decision decision = decide_delivery(transport_(target_, body), attempt, options_.retry);
    if (decision.transport_error) counters_.transport_errors.fetch_add(1);
    if (decision.server_error) counters_.server_errors.fetch_add(1);
    if (decision.rate_limited) counters_.rate_limited.fetch_add(1);
    switch (decision.verdict) {
      case Verdict::delivered:
        counters_.messages_sent.fetch_add(1);
        return true;
      case Verdict::drop:
        if (decision.transport_error || decision.server_error) {
          counters_.dropped_gave_up.fetch_add(1);
        } else {
          counters_.dropped_rejected.fetch_add(1);
        }
        spdlog::warn("telegram: {} message (event {}) dropped: {}", message.kind,
                     message.global_seq, redact(decision.reason, token_));
        return true;
      case Verdict::retry:
        break;
    }
    spdlog::info("telegram: {} message (event {}) not sent yet, retrying in {} ms: {}",
                 message.kind, message.global_seq, decision.wait.count(),
                 redact(decision.reason, token_));
    const SteadyTime retry_at = std::chrono::steady_clock::now() + decision.wait;
    if (decision.rate_limited) {
      limiter_.block_until(options_.chat_id, retry_at);  // 429 does not use up attempts
    } else {
      ++attempt;
    }
    if (!sleep_until(retry_at)) return false;
  }
}

}  // namespace tvbot::notify
