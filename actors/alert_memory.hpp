#pragma once
// Which dedupe keys a stream has accepted recently, so a TradingView re-send (it retries a
// 5xx or a slow answer up to three times, 5 s apart) or a repeated alert id is acknowledged
// as a duplicate and never trades twice. Rebuilt from the log's recent AlertReceived events
// when a stream is loaded, so a restart does not forget the window.
#include <cstdint>
#include <deque>
#include <optional>
#include <string>
#include <unordered_map>

#include "events/event_types.hpp"

namespace tvbot::actors {

struct AcceptedAlert {
  std::uint64_t global_seq = 0;
  std::uint64_t stream_seq = 0;
};

class AlertMemory {
 public:
  explicit AlertMemory(Timestamp window_ns) : window_ns_(window_ns) {}

  // The earlier acceptance of `key` when it is still inside the window at `now`.
  std::optional<AcceptedAlert> find(const std::string& key, Timestamp now);
  void remember(const std::string& key, Timestamp at, AcceptedAlert alert);

 private:
  void forget_before(Timestamp cutoff);

  Timestamp window_ns_;
  std::unordered_map<std::string, std::pair<Timestamp, AcceptedAlert>> by_key_;
  std::deque<std::pair<Timestamp, std::string>> by_time_;  // oldest first
};

}  // namespace tvbot::actors
