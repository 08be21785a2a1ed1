#pragma once
// The last rejected webhook requests, for an admin endpoint: who sent what and why it was
// refused. Bounded (a ring of `capacity` records, bodies cut to `max_body_bytes`),
// thread-safe, and it redacts bodies itself so no caller can put a secret in it.
#include <cstddef>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "events/event_types.hpp"

namespace tvbot::webhook {

struct RejectionRecord {
  Timestamp time = 0;
  std::string bot;        // empty when the bot was not known yet
  std::string source_ip;
  std::string code;       // machine code, e.g. "invalid_secret"
  std::string message;
  std::string body;       // redacted, then cut to max_body_bytes on a UTF-8 boundary
  bool body_truncated = false;
  bool operator==(const RejectionRecord&) const = default;
};

class RejectionLog {
 public:
  RejectionLog(std::size_t capacity, std::size_t max_body_bytes);

  // raw_body is redacted here; pass it as received.
  void record(Timestamp time, std::string_view bot, std::string_view source_ip, std::string_view code,
              std::string_view message, std::string_view raw_body);

  // Counts a rejection in the totals without keeping a record (for floods such as 429s).
  void count(std::string_view code);

  // Oldest first, at most `capacity` records.
  [[nodiscard]] std::vector<RejectionRecord> snapshot() const;
  // Every rejection ever recorded, by code; not bounded by capacity.
  [[nodiscard]] std::map<std::string, std::uint64_t> totals_by_code() const;
  [[nodiscard]] std::uint64_t total() const;

 private:
  const std::size_t capacity_;
  const std::size_t max_body_bytes_;
  mutable std::mutex mutex_;
  std::vector<RejectionRecord> ring_;  // grows to capacity_, then next_ overwrites the oldest
  std::size_t next_ = 0;
  std::uint64_t total_ = 0;
  std::map<std::string, std::uint64_t> totals_;
};

}  // namespace tvbot::webhook
