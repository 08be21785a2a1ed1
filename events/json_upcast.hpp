#pragma once
// Upcasting: reading an event written at an older schema version. Events are never rewritten
// in the log; instead each (type, from_version) may have a pure function that turns the
// payload JSON of that version into the JSON of the next one, and reading chains them up to
// the current version. Working on JSON rather than on old structs means an old version costs
// one small function, not a frozen copy of the struct and its reader.
//
// Example, if OrderFilled v2 added "liquidity" (maker/taker), its upcaster would be
//   {"OrderFilled", 1, [](std::string_view v1) -> Result<std::string> {
//       return insert "liquidity":"unknown" into the v1 object; }}
// and event_schemas would say {"OrderFilled", 2}.
#include <span>
#include <string>
#include <string_view>

#include "events/result.hpp"

namespace tvbot {

using UpcastFunction = Result<std::string> (*)(std::string_view payload_json);

struct Upcaster {
  std::string_view type;
  int from_version;       // the function reads this version and writes from_version + 1
  UpcastFunction upcast;
};

// The upcasters this build knows. None yet: every event type is still at version 1.
std::span<const Upcaster> event_upcasters();

// Applies the upcasters for `type` from `version` up to `target_version`, one step at a time.
// "unsupported_event_version" if a step has no upcaster; an upcaster's own error passes through.
[[nodiscard]] Result<std::string> upcast_payload(std::span<const Upcaster> upcasters, std::string_view type,
                                                 int version, int target_version, std::string_view payload_json);

}  // namespace tvbot
