#include "http/webhook/rejection_log.hpp"

#include <algorithm>

#include "http/webhook/redaction.hpp"

namespace tvbot::webhook {

RejectionLog::RejectionLog(std::size_t capacity, std::size_t max_body_bytes)
    : capacity_(std::max<std::size_t>(capacity, 1)), max_body_bytes_(max_body_bytes) {}

void RejectionLog::record(Timestamp time, std::string_view bot, std::string_view source_ip,
                          std::string_view code, std::string_view message, std::string_view raw_body) {
  // Redact the whole body before cutting it: a cut through a secret's key would hide the
  // key from the redactor and leave the start of the value visible.
  const std::string redacted = redact_body(raw_body);
  const std::string_view kept = truncate_utf8(redacted, max_body_bytes_);
  RejectionRecord record{time,
                         std::string(bot),
                         std::string(source_ip),
                         std::string(code),
                         std::string(message),
                         std::string(kept),
                         kept.size() < redacted.size()};

  const std::lock_guard lock(mutex_);
  ++total_;
  ++totals_[record.code];
  if (ring_.size() < capacity_) {
    ring_.push_back(std::move(record));
  } else {
    ring_[next_] = std::move(record);
  }
  next_ = (next_ + 1) % capacity_;
}

void RejectionLog::count(std::string_view code) {
  const std::lock_guard lock(mutex_);
  ++total_;
  ++totals_[std::string(code)];
}

std::vector<RejectionRecord> RejectionLog::snapshot() const {
  const std::lock_guard lock(mutex_);
  if (ring_.size() < capacity_) return ring_;
  std::vector<RejectionRecord> ordered;
  ordered.reserve(ring_.size());
  // Full ring: next_ is the oldest record.
  for (std::size_t i = 0; i < ring_.size(); ++i) ordered.push_back(ring_[(next_ + i) % ring_.size()]);
  return ordered;
}

std::map<std::string, std::uint64_t> RejectionLog::totals_by_code() const {
  const std::lock_guard lock(mutex_);
  return totals_;
}

std::uint64_t RejectionLog::total() const {
  const std::lock_guard lock(mutex_);
  return total_;
}

}  // namespace tvbot::webhook
