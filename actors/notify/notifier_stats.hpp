#pragma once
// What the notifier has done, for logs, tests and /metrics. Counters only grow; every
// member may be read from any thread while the notifier runs.
#include <atomic>
#include <cstdint>

namespace tvbot::notify {

struct NotifierStats {
  std::uint64_t events_read = 0;         // events the tailer has looked at
  std::uint64_t messages_enqueued = 0;   // handed to the sender's queue
  std::uint64_t messages_sent = 0;       // Telegram answered ok
  std::uint64_t dropped_queue_full = 0;  // oldest dropped to make room (never blocks trading)
  std::uint64_t dropped_rejected = 0;    // 4xx other than 429: would never be accepted
  std::uint64_t dropped_gave_up = 0;     // retries exhausted (5xx or transport errors)
  std::uint64_t send_attempts = 0;       // requests made, retries included
  std::uint64_t transport_errors = 0;    // connect/TLS/timeout/...: no HTTP answer
  std::uint64_t server_errors = 0;       // 5xx answers
  std::uint64_t rate_limited = 0;        // 429 answers
  std::uint64_t read_errors = 0;         // event log reads that failed (retried)
  std::uint64_t queue_depth = 0;         // waiting now, the message in flight excluded
  std::uint64_t last_notified_seq = 0;   // the persisted cursor
};

class NotifierCounters {
 public:
  std::atomic<std::uint64_t> events_read{0};
  std::atomic<std::uint64_t> messages_enqueued{0};
  std::atomic<std::uint64_t> messages_sent{0};
  std::atomic<std::uint64_t> dropped_queue_full{0};
  std::atomic<std::uint64_t> dropped_rejected{0};
  std::atomic<std::uint64_t> dropped_gave_up{0};
  std::atomic<std::uint64_t> send_attempts{0};
  std::atomic<std::uint64_t> transport_errors{0};
  std::atomic<std::uint64_t> server_errors{0};
  std::atomic<std::uint64_t> rate_limited{0};
  std::atomic<std::uint64_t> read_errors{0};
  std::atomic<std::uint64_t> queue_depth{0};
  std::atomic<std::uint64_t> last_notified_seq{0};

  [[nodiscard]] NotifierStats snapshot() const {
    NotifierStats s;
    s.events_read = events_read.load();
    s.messages_enqueued = messages_enqueued.load();
    s.messages_sent = messages_sent.load();
    s.dropped_queue_full = dropped_queue_full.load();
    s.dropped_rejected = dropped_rejected.load();
    s.dropped_gave_up = dropped_gave_up.load();
    s.send_attempts = send_attempts.load();
    s.transport_errors = transport_errors.load();
    s.server_errors = server_errors.load();
    s.rate_limited = rate_limited.load();
    s.read_errors = read_errors.load();
    s.queue_depth = queue_depth.load();
    s.last_notified_seq = last_notified_seq.load();
    return s;
  }
};

}  // namespace tvbot::notify
