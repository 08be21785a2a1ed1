#include "events/position_fold.hpp"

namespace tvbot {

std::vector<Event> number_events(const StreamState& state, std::vector<EventPayload> payloads,
                                 Timestamp time) {
  std::vector<Event> events;
  events.reserve(payloads.size());
  std::uint64_t seq = state.version;
  for (EventPayload& payload : payloads) {
    events.push_back(Event{state.stream, ++seq, 0, time, std::move(payload)});
  }
  return events;
}

Result<std::vector<Event>> decide_and_apply(StreamState& state, const Command& command,
                                            const PositionConfig& config, Timestamp now) {
  auto decided = decide(state, command, config);
  if (!decided) return decided.error();
  auto events = number_events(state, std::move(decided).value(), now);
  fold_events(state, events);
  return events;
}

void fold_events(StreamState& state, const std::vector<Event>& events) {
  for (const Event& event : events) evolve_in_place(state, event);
}

Result<FoldResult> fold_fills(std::string stream, PositionMode mode,
                              const std::vector<FillInput>& fills) {
  PositionConfig config;
  config.mode = mode;
  FoldResult result{{}, initial_state(std::move(stream))};
  result.steps.reserve(fills.size());
  for (std::size_t i = 0; i < fills.size(); ++i) {
    const FillInput& input = fills[i];
    const std::string name = "fill " + std::to_string(i + 1);
    if (mode == PositionMode::hedge && !input.position_side) {
      return make_error("missing_position_side", name + ": hedge mode needs a position side");
    }
    FillCommand command;
    command.now = input.time;
    command.fill.fill_id = input.fill_id.value_or("fill-" + std::to_string(i + 1));
    command.fill.side = input.side;
    command.fill.position_side = input.position_side.value_or(PositionSide::both);
    command.fill.qty = input.qty;
    command.fill.price = input.price;
    command.fill.fee = input.fee;
    auto events = decide_and_apply(result.state, command, config, input.time);
    if (!events) {
      return make_error(events.error().code, name + ": " + events.error().message);
    }
    const StreamState& state = result.state;
    result.steps.push_back(FoldStep{std::move(events).value(), state.net, state.long_side,
                                    state.short_side, state.totals});
  }
  return result;
}

}  // namespace tvbot
