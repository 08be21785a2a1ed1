#pragma once
// The one-line description `tvbot verify` and `tvbot backup` print for a log they checked.
#include <cstdint>
#include <string>

#include "storage/event_log.hpp"

namespace tvbot::app {

inline std::string log_summary(const storage::EventLog& log) {
  const auto streams = log.list_streams();
  std::uint64_t events = 0;
  for (const auto& stream : streams) events += stream.version;
  return std::to_string(events) + " events, " + std::to_string(streams.size()) +
         " streams, last global seq " + std::to_string(log.last_global_seq()) + ", log id " +
         log.log_id();
}

}  // namespace tvbot::app
