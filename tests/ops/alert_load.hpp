#pragma once
// Concurrent webhook traffic for the operations tests: several client threads, each on its
// own keep-alive connection, post unique alerts (buys, sells and closes on alpha's two
// streams) to a real `tvbot serve` until told to stop or until the server goes away.
// Every 202 is recorded with the id the alert carried and the log position the server
// acknowledged, so a test can check that every acknowledged alert is in the log.
#include <atomic>
#include <cstdint>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace tvbot::ops_test {

struct Acknowledged {
  std::string alert_id;  // the "id" the alert carried: unique per alert
  std::uint64_t event_id = 0;
  std::string stream;
  std::uint64_t stream_seq = 0;
};

class AlertLoad {
 public:
  // Starts `threads` posting to 127.0.0.1:port with alpha's `secret`.
  AlertLoad(std::uint16_t port, std::string secret, unsigned threads);
  ~AlertLoad();  // stop() and join
  AlertLoad(const AlertLoad&) = delete;
  AlertLoad& operator=(const AlertLoad&) = delete;

  void stop();  // returns once every thread has finished its request in progress
  // Waits (bounded by `timeout_ms`) until at least `count` alerts were acknowledged.
  [[nodiscard]] bool wait_for_acks(std::size_t count, int timeout_ms) const;
  [[nodiscard]] std::size_t acks() const;
  [[nodiscard]] std::vector<Acknowledged> acknowledged() const;
  // Answers other than 202 (or 429, the rate limit), and transport failures, with reasons.
  [[nodiscard]] std::vector<std::string> unexpected() const;
  [[nodiscard]] std::size_t transport_failures() const { return transport_failures_; }

 private:
  void run(unsigned thread);

  std::uint16_t port_;
  std::string secret_;
  std::atomic<bool> stop_{false};
  mutable std::mutex mutex_;
  std::vector<Acknowledged> acked_;
  std::vector<std::string> unexpected_;
  std::atomic<std::size_t> transport_failures_{0};
  std::vector<std::thread> threads_;
};

}  // namespace tvbot::ops_test
