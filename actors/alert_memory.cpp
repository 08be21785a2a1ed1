#include "actors/alert_memory.hpp"

namespace tvbot::actors {

std::optional<AcceptedAlert> AlertMemory::find(const std::string& key, Timestamp now) {
  if (window_ns_ <= 0 || key.empty()) return std::nullopt;
  forget_before(now - window_ns_);
  auto it = by_key_.find(key);
  if (it == by_key_.end()) return std::nullopt;
  return it->second.second;
}

void AlertMemory::remember(const std::string& key, Timestamp at, AcceptedAlert alert) {
  if (window_ns_ <= 0 || key.empty()) return;
  by_key_.insert_or_assign(key, std::pair{at, alert});
  by_time_.emplace_back(at, key);
}

void AlertMemory::forget_before(Timestamp cutoff) {
  while (!by_time_.empty() && by_time_.front().first < cutoff) {
    auto it = by_key_.find(by_time_.front().second);
    // A key remembered again later has a newer time: keep that one.
    if (it != by_key_.end() && it->second.first < cutoff) by_key_.erase(it);
    by_time_.pop_front();
  }
}

}  // namespace tvbot::actors
