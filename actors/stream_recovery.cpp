#include "actors/stream_recovery.hpp"

#include <algorithm>

#include "actors/order_translation.hpp"

namespace tvbot::actors {

Status remember_recent_alerts(const storage::EventStore& store, const StreamState& state,
                              std::uint64_t lookback, AlertMemory& memory) {
  const std::uint64_t from = state.version > lookback ? state.version - lookback + 1 : 1;
  auto recent = store.read_stream(state.stream, from);
  if (!recent.ok()) return recent.error();
  for (const auto& event : *recent) {
    if (const auto* received = std::get_if<AlertReceived>(&event.payload)) {
      memory.remember(received->dedupe_key, event.time, {event.global_seq, event.stream_seq});
    }
  }
  return {};
}

std::optional<std::uint64_t> requesting_seq(std::string_view client_order_id) {
  const auto colon = client_order_id.rfind(':');
  if (colon == std::string_view::npos || colon + 1 == client_order_id.size()) return std::nullopt;
  std::uint64_t seq = 0;
  for (char c : client_order_id.substr(colon + 1)) {
    if (c < '0' || c > '9') return std::nullopt;
    const auto digit = static_cast<std::uint64_t>(c - '0');
    if (seq > (UINT64_MAX - digit) / 10) return std::nullopt;  // would overflow
    seq = seq * 10 + digit;
  }
  return seq;
}

namespace {

// The OrderRequested stored at the seq the client id names, or nullopt.
std::optional<OrderToResume> read_request(const storage::EventStore& store,
                                          const StreamState& state, const PendingOrder& pending,
                                          const std::string& symbol) {
  const auto seq = requesting_seq(pending.client_order_id);
  if (!seq) return std::nullopt;
  auto recorded = store.log().read_stream(state.stream, *seq, 1);
  if (!recorded.ok() || recorded->empty()) return std::nullopt;
  auto event = storage::decode_recorded(recorded->front());
  if (!event.ok()) return std::nullopt;
  const auto* requested = std::get_if<OrderRequested>(&event->payload);
  if (requested == nullptr || requested->client_order_id != pending.client_order_id) {
    return std::nullopt;
  }
  return OrderToResume{to_order_request(*requested, symbol), event->time};
}

}  // namespace

ResumableOrders orders_to_resume(const storage::EventStore& store, const StreamState& state,
                                 const std::string& symbol) {
  ResumableOrders result;
  for (const auto& pending : state.pending) {
    if (auto order = read_request(store, state, pending, symbol)) {
      result.orders.push_back(std::move(*order));
    } else {
      result.unreadable.push_back(pending.client_order_id);
    }
  }
  return result;
}

Result<std::vector<UndecidedAlert>> undecided_alerts(const storage::EventStore& store,
                                                     const StreamState& state,
                                                     std::uint64_t lookback) {
  std::vector<UndecidedAlert> alerts;
  if (state.version == 0) return alerts;
  std::uint64_t from = state.version > lookback ? state.version - lookback + 1 : 1;
  auto recent = store.read_stream(state.stream, from);
  if (!recent.ok()) return recent.error();
  for (auto it = recent->rbegin(); it != recent->rend(); ++it) {
    const auto* received = std::get_if<AlertReceived>(&it->payload);
    if (received == nullptr) break;
    alerts.push_back(UndecidedAlert{it->stream_seq, it->time, received->signal});
  }
  std::reverse(alerts.begin(), alerts.end());
  return alerts;
}

}  // namespace tvbot::actors
