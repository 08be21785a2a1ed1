#pragma once
// Webhooks refused at the door (bad secret, unknown bot, malformed, rate limited, too
// large, ...) recorded as WebhookRejected events in the stream "webhooks/rejected", so the
// SQL webhook_logs hold every webhook. The HTTP thread only pushes into a bounded queue
// (never waits for the disk); one writer thread appends what is queued in batches. Under a
// flood the queue fills and further rejections are dropped and counted, and the log says so.
#include <atomic>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <mutex>
#include <string_view>
#include <thread>

#include "events/event_types.hpp"
#include "storage/event_store.hpp"

namespace tvbot::app {

inline constexpr std::string_view rejected_webhooks_stream = "webhooks/rejected";

struct RejectionRecorderOptions {
  std::size_t queue_capacity = 4096;
  std::size_t max_batch = 256;
  std::size_t max_body_bytes = 2048;  // the body is redacted, then cut to this
};

class RejectionRecorder {
 public:
  explicit RejectionRecorder(storage::EventStore& store, RejectionRecorderOptions options = {});
  ~RejectionRecorder();  // appends what is queued, then joins
  RejectionRecorder(const RejectionRecorder&) = delete;
  RejectionRecorder& operator=(const RejectionRecorder&) = delete;

  // Never blocks on I/O. `raw_body` is redacted and cut here.
  void record(Timestamp time, std::string_view bot, std::string_view source_ip, int http_status,
              std::string_view reason, std::string_view message, std::string_view raw_body,
              std::string_view request_id);

  std::uint64_t recorded() const { return recorded_.load(); }
  std::uint64_t dropped() const { return dropped_.load(); }
  void flush();  // waits until the queue is empty (tests, shutdown)

 private:
  struct Item {
    Timestamp time;
    WebhookRejected event;
  };
  void run();

  storage::EventStore& store_;
  const RejectionRecorderOptions options_;
  std::mutex mutex_;
  std::condition_variable wake_;
  std::condition_variable drained_;
  std::deque<Item> queue_;
  bool writing_ = false;
  bool stopping_ = false;
  std::atomic<std::uint64_t> recorded_{0};
  std::atomic<std::uint64_t> dropped_{0};
  std::uint64_t dropped_reported_ = 0;
  std::thread thread_;
};

}  // namespace tvbot::app
