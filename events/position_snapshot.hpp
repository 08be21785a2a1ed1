#pragma once
// A StreamState as bytes, so storage can snapshot every N events and a restart folds only
// the tail: decode(encode(s)) == s, and snapshot-at-k + events after k == full replay.
//
// Binary, not JSON: a snapshot is a cache, never a fact (the log is the truth), so it needs
// no readable schema; what it needs is exactness and size. Mantissas go out as raw integers
// (int128 included) with no text round trip, and the seen-fill-id set, which dominates, costs
// its bytes plus a 4-byte length per id. Layout: "TVPS", a format version byte, then the
// fields in declaration order, little-endian. A snapshot whose version is not this one is
// refused ("snapshot_version") and storage replays from the log instead.
// Version 2 added the protection progress (take-profits hit, break-even, trailing best);
// a version-1 snapshot cannot say what it was, so it is refused and the stream replays.
#include <cstdint>
#include <string>
#include <string_view>

#include "events/position_state.hpp"
#include "events/result.hpp"

namespace tvbot {

inline constexpr std::uint8_t kSnapshotFormatVersion = 2;

// Deterministic: equal states give equal bytes (fill ids are written sorted).
std::string encode_snapshot(const StreamState& state);
// Errors: snapshot_version, snapshot_corrupt (truncated, trailing bytes, bad enum value).
Result<StreamState> decode_snapshot(std::string_view bytes);

}  // namespace tvbot
