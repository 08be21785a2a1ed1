#pragma once
// Deciding a commit group: which appends of the group may be written and which sequence
// numbers each gets. Pure, so the version rules are tested without threads or RocksDB.
//
// Appends are taken in queue order. Each one's expected version is checked against the
// stream's version *including earlier appends of the same group*, so two appends to one
// stream in one group chain correctly, and a conflicting append fails alone.
//
// Worked example: versions {a: 2}, last global seq 10.
//   1. a expects 2, 3 events  -> stream seqs 3..5, global 11..13   (a is now at 5)
//   2. b expects 0, 1 event   -> stream seqs 1..1, global 14
//   3. a expects 2, 1 event   -> version_conflict (a is at 5), nothing assigned
//   4. a expects 5, 2 events  -> stream seqs 6..7, global 15..16
// Result: new versions {a: 7, b: 1}, last global seq 16, global seqs gapless.
#include <cstdint>
#include <functional>
#include <map>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "events/result.hpp"
#include "storage/types.hpp"

namespace tvbot::storage {

struct GroupMember {
  std::string_view stream;
  std::uint64_t expected_version = 0;
  std::size_t event_count = 0;  // at least 1
};

struct GroupPlan {
  std::vector<Result<AppendResult>> outcomes;  // one per member, in order
  std::map<std::string, std::uint64_t, std::less<>> new_versions;  // streams the group advances
  std::uint64_t last_global_seq = 0;          // unchanged when nothing is accepted
  std::size_t accepted_events = 0;
};

using VersionLookup = std::function<std::uint64_t(std::string_view stream)>;

[[nodiscard]] GroupPlan plan_group(std::span<const GroupMember> members,
                                   const VersionLookup& current_version,
                                   std::uint64_t last_global_seq);

[[nodiscard]] Error version_conflict(std::string_view stream, std::uint64_t actual,
                                     std::uint64_t expected);

}  // namespace tvbot::storage
