#include "http/webhook/dedupe_window.hpp"

#include <algorithm>

#include "http/webhook/auth.hpp"
#include "http/webhook/json_number.hpp"

namespace tvbot::webhook {

std::string make_dedupe_key(std::string_view bot, std::string_view alert_id,
                            std::string_view redacted_body) {
  std::string key(bot);
  if (!alert_id.empty()) return key.append("/id/").append(alert_id);
  const std::string_view trimmed = trim_json_whitespace(redacted_body);
  std::string hashed(bot);
  hashed += '\0';  // bot ids cannot hold NUL, so ("ab", "c...") and ("a", "bc...") differ
  hashed.reserve(hashed.size() + trimmed.size());
  for (std::size_t i = 0; i < trimmed.size(); ++i) {
    if (trimmed[i] == '\r' && i + 1 < trimmed.size() && trimmed[i + 1] == '\n') continue;
    hashed += trimmed[i];
  }
  return key.append("/sha256/").append(sha256_hex(hashed));
}

DedupeWindow::DedupeWindow(Timestamp window, std::size_t max_entries)
    : window_(std::max<Timestamp>(window, 1)), max_entries_(std::max<std::size_t>(max_entries, 1)) {}

DedupeOutcome DedupeWindow::check_and_insert(std::string_view key, Timestamp now) {
  const std::lock_guard lock(mutex_);
  expire(now);
  const std::string owned(key);
  if (auto found = entries_.find(owned); found != entries_.end()) {
    // Seeded times may be out of order, so expiry from the front can lag: check the entry.
    if (now - found->second.first_seen_at < window_) {
      return DuplicateOf{found->second.ref, found->second.first_seen_at};
    }
    entries_.erase(found);
  }
  add(owned, now, std::nullopt);
  return FirstSeen{};
}

void DedupeWindow::insert(std::string_view key, Timestamp time, EventRef ref) {
  const std::lock_guard lock(mutex_);
  if (entries_.count(std::string(key)) != 0) return;
  add(std::string(key), time, std::move(ref));
}

void DedupeWindow::attach_ref(std::string_view key, EventRef ref) {
  const std::lock_guard lock(mutex_);
  if (auto found = entries_.find(std::string(key)); found != entries_.end()) found->second.ref = std::move(ref);
}

void DedupeWindow::forget(std::string_view key) {
  const std::lock_guard lock(mutex_);
  entries_.erase(std::string(key));
}

std::size_t DedupeWindow::size() const {
  const std::lock_guard lock(mutex_);
  return entries_.size();
}

void DedupeWindow::expire(Timestamp now) {
  while (!order_.empty() && now - order_.front().second >= window_) {
    const auto& [key, time] = order_.front();
    if (auto found = entries_.find(key); found != entries_.end() && found->second.first_seen_at == time) {
      entries_.erase(found);
    }
    order_.pop_front();
  }
}

void DedupeWindow::make_room() {
  // Stale elements make order_ longer than entries_; bounding it at twice the entries keeps
  // memory bounded even when seeded times arrive out of order.
  while (!order_.empty() && (entries_.size() >= max_entries_ || order_.size() >= 2 * max_entries_)) {
    const auto& [key, time] = order_.front();
    if (auto found = entries_.find(key); found != entries_.end() && found->second.first_seen_at == time) {
      entries_.erase(found);
    }
    order_.pop_front();
  }
}

void DedupeWindow::add(std::string key, Timestamp time, std::optional<EventRef> ref) {
  make_room();
  order_.emplace_back(key, time);
  entries_.emplace(std::move(key), Entry{time, std::move(ref)});
}

}  // namespace tvbot::webhook
