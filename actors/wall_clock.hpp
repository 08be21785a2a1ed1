#pragma once
// The one clock the actors read: wall time, as events record it. events/ takes time only
// inside commands, so this is where "now" enters.
#include <chrono>

#include "events/event_types.hpp"

namespace tvbot::actors {

inline Timestamp wall_clock_now() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

}  // namespace tvbot::actors
