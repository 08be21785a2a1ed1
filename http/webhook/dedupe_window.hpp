#pragma once
// Recognises an alert delivered twice (TradingView retries, a user firing one alert on two
// charts) within a time window. Time is passed in; memory is bounded.
//
// Start-up: seed the window from the AlertReceived events of the last `window` (insert).
// Per alert: check_and_insert(key, now); on first_seen append AlertReceived, then
// attach_ref(key, ref) so later duplicates can answer with the original event; if the append
// fails, forget(key) so the sender's retry is not taken for a duplicate.
#include <cstddef>
#include <cstdint>
#include <deque>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <variant>

#include "events/event_types.hpp"

namespace tvbot::webhook {

// Where the first alert with a key was recorded.
struct EventRef {
  std::string stream;
  std::uint64_t stream_seq = 0;
  std::uint64_t global_seq = 0;
  bool operator==(const EventRef&) const = default;
};

struct FirstSeen {
  bool operator==(const FirstSeen&) const = default;
};
struct DuplicateOf {
  std::optional<EventRef> original;  // nullopt while the original is still being appended
  Timestamp first_seen_at = 0;
  bool operator==(const DuplicateOf&) const = default;
};
using DedupeOutcome = std::variant<FirstSeen, DuplicateOf>;

// "<bot>/id/<alert id>" when the sender gave an id, else "<bot>/sha256/<hex>" over the bot and
// the redacted body (never the raw one: a hash over a body with a short secret could be
// brute-forced back to the secret), with surrounding whitespace and CR before LF removed.
[[nodiscard]] std::string make_dedupe_key(std::string_view bot, std::string_view alert_id,
                                          std::string_view redacted_body);

class DedupeWindow {
 public:
  // A key seen at t is a duplicate until t + window (exclusive). window >= 1 ns.
  DedupeWindow(Timestamp window, std::size_t max_entries);

  // Thread-safe. A duplicate does not extend the window: it is measured from the first.
  [[nodiscard]] DedupeOutcome check_and_insert(std::string_view key, Timestamp now);
  // Seeding: records key as seen at `time`, unless it is already held (the first one wins).
  void insert(std::string_view key, Timestamp time, EventRef ref);
  void attach_ref(std::string_view key, EventRef ref);
  void forget(std::string_view key);

  [[nodiscard]] std::size_t size() const;

 private:
  struct Entry {
    Timestamp first_seen_at = 0;
    std::optional<EventRef> ref;
  };

  void expire(Timestamp now);
  void make_room();
  void add(std::string key, Timestamp time, std::optional<EventRef> ref);

  const Timestamp window_;
  const std::size_t max_entries_;
  mutable std::mutex mutex_;
  std::unordered_map<std::string, Entry> entries_;
  // Keys in insertion order. An element whose time no longer matches its entry is stale
  // (the key was forgotten or expired and seen again) and is skipped.
  std::deque<std::pair<std::string, Timestamp>> order_;
};

}  // namespace tvbot::webhook
