#include "app/serve/rejection_recorder.hpp"

#include <spdlog/spdlog.h>

#include <vector>

#include "http/webhook/redaction.hpp"

namespace tvbot::app {

RejectionRecorder::RejectionRecorder(storage::EventStore& store, RejectionRecorderOptions options)
    : store_(store), options_(options) {
  thread_ = std::thread([this] { run(); });
}

RejectionRecorder::~RejectionRecorder() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void RejectionRecorder::record(Timestamp time, std::string_view bot, std::string_view source_ip,
                               int http_status, std::string_view reason, std::string_view message,
                               std::string_view raw_body, std::string_view request_id) {
  {
    // Checked before the redaction work, so a flood costs little once the queue is full.
    std::lock_guard lock(mutex_);
    if (queue_.size() >= options_.queue_capacity) {
      dropped_.fetch_add(1);
      return;
    }
  }
  const std::string redacted = webhook::redact_body(raw_body);
  const std::string_view cut = webhook::truncate_utf8(redacted, options_.max_body_bytes);
  WebhookRejected event{std::string(bot), std::string(source_ip), static_cast<std::uint32_t>(http_status),
                        std::string(reason), std::string(message), std::string(cut),
                        cut.size() < redacted.size(), std::string(request_id)};
  {
    std::lock_guard lock(mutex_);
    if (queue_.size() >= options_.queue_capacity) {
      dropped_.fetch_add(1);
      return;
    }
    queue_.push_back(Item{time, std::move(event)});
  }
  wake_.notify_one();
}

void RejectionRecorder::flush() {
  std::unique_lock lock(mutex_);
  drained_.wait(lock, [this] { return queue_.empty() && !writing_; });
}

void RejectionRecorder::run() {
  std::vector<EventPayload> batch;
  std::unique_lock lock(mutex_);
  while (true) {
    wake_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
    if (queue_.empty()) break;  // stopping, nothing left
    batch.clear();
    // One append per batch: the events share its time, the first one's (a rejection is
    // recorded at most a batch's append later than it happened).
    const Timestamp time = queue_.front().time;
    while (!queue_.empty() && batch.size() < options_.max_batch) {
      batch.emplace_back(std::move(queue_.front().event));
      queue_.pop_front();
    }
    writing_ = true;
    const std::uint64_t dropped = dropped_.load();
    lock.unlock();
    if (dropped != dropped_reported_) {
      spdlog::warn("webhook rejections: {} not recorded in the event log (queue full under a flood)",
                   dropped - dropped_reported_);
      dropped_reported_ = dropped;
    }
    // This thread is the stream's only writer, so its version is ours to read.
    const std::uint64_t version = store_.log().stream_version(rejected_webhooks_stream);
    auto appended = store_.append(rejected_webhooks_stream, version, batch, time);
    if (appended.ok()) {
      recorded_.fetch_add(batch.size());
    } else {
      dropped_.fetch_add(batch.size());
      spdlog::warn("webhook rejections: {} could not be recorded: {}", batch.size(),
                   appended.error().message);
    }
    lock.lock();
    writing_ = false;
    drained_.notify_all();
  }
  writing_ = false;
  drained_.notify_all();
}

}  // namespace tvbot::app
