#pragma once
// Folding helpers around decide/evolve: numbering decided payloads as stored events,
// replaying event lists, and fold_fills for `tvbot replay --fills`.
#include <optional>
#include <string>
#include <vector>

#include "events/position.hpp"

namespace tvbot {

// The payloads decide() returned, as the events they become: stream seq version+1+i (the
// numbering their client order ids assume), global seq left 0 for storage to assign.
std::vector<Event> number_events(const StreamState& state, std::vector<EventPayload> payloads,
                                 Timestamp time);

// decide, then evolve every resulting event in place. For in-memory folds (tests, the
// replay CLI); the position actor appends before it evolves.
[[nodiscard]] Result<std::vector<Event>> decide_and_apply(StreamState& state,
                                                          const Command& command,
                                                          const PositionConfig& config,
                                                          Timestamp now);

void fold_events(StreamState& state, const std::vector<Event>& events);

// One fill as the replay CLI reads it. Without an id, the fill gets "fill-<n>" (1-based
// position in the list); hedge mode needs position_side on every fill.
struct FillInput {
  Timestamp time = 0;
  Side side = Side::buy;
  Quantity qty;
  Price price;
  Money fee;
  std::optional<std::string> fill_id;
  std::optional<PositionSide> position_side;
};

// The positions after one fill (a repeated fill id leaves them unchanged, with no events).
struct FoldStep {
  std::vector<Event> events;
  SidePosition net;
  SidePosition long_side;
  SidePosition short_side;
  PnlTotals totals;
};

struct FoldResult {
  std::vector<FoldStep> steps;  // one per input fill
  StreamState state;            // after the last fill
};

// Errors name the fill ("fill 3: ...") and stop the fold.
[[nodiscard]] Result<FoldResult> fold_fills(std::string stream, PositionMode mode,
                                            const std::vector<FillInput>& fills);

}  // namespace tvbot
