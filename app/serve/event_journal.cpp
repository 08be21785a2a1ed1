#include "app/serve/event_journal.hpp"

#include <variant>

#include "app/logging/log_fields.hpp"

namespace tvbot::app {
namespace {

// An alert never decided (the process stopped first) must not grow the queue for ever.
constexpr std::size_t kMaxUndecided = 1000;

bool is_decision_of_signal(const Event& event) {
  if (const auto* order = std::get_if<OrderRequested>(&event.payload)) {
    return order->reason == OrderReason::signal || order->reason == OrderReason::sync;
  }
  return std::holds_alternative<ProtectionSet>(event.payload);
}

}  // namespace

std::string EventJournal::attribute(StreamTrack& track, const Event& event) {
  if (const auto* received = std::get_if<AlertReceived>(&event.payload)) {
    if (track.undecided.size() == kMaxUndecided) track.undecided.pop_front();
    track.undecided.push_back({event.stream_seq, received->request_id});
    return received->request_id;
  }
  if (const auto* rejected = std::get_if<AlertRejected>(&event.payload)) {
    for (auto it = track.undecided.begin(); it != track.undecided.end(); ++it) {
      if (it->alert_seq == rejected->alert_seq) {
        std::string id = std::move(it->request_id);
        track.undecided.erase(it);
        track.decision_time = event.time;
        track.decision_request_id = id;
        return id;
      }
    }
    return {};
  }
  if (!is_decision_of_signal(event)) return {};
  if (event.time == track.decision_time) return track.decision_request_id;
  if (track.undecided.empty()) return {};
  track.decision_time = event.time;
  track.decision_request_id = std::move(track.undecided.front().request_id);
  track.undecided.pop_front();
  return track.decision_request_id;
}

void EventJournal::record(const Event& event) {
  auto it = streams_.find(event.stream);
  if (it == streams_.end()) it = streams_.emplace(event.stream, StreamTrack{}).first;
  last_request_id_ = attribute(it->second, event);
  const std::string_view type = event_type_name(event.payload);
  std::string client_order_id;
  std::visit(
      [&client_order_id](const auto& payload) {
        if constexpr (requires { payload.client_order_id; }) {
          client_order_id = payload.client_order_id;
        }
      },
      event.payload);
  auto level = std::holds_alternative<OrderAccepted>(event.payload) ||
                       std::holds_alternative<PositionIncreased>(event.payload) ||
                       std::holds_alternative<PositionOpened>(event.payload) ||
                       std::holds_alternative<PositionReduced>(event.payload)
                   ? spdlog::level::debug
                   : spdlog::level::info;
  logging::log(level, "event recorded",
               {{"type", type},
                {"stream", event.stream},
                {"stream_seq", event.stream_seq},
                {"global_seq", event.global_seq},
                {"request_id", last_request_id_},
                {"client_order_id", client_order_id}});
}

}  // namespace tvbot::app
