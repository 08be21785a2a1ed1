#pragma once
// What a position actor reads back from the log when it loads a stream, beyond its state:
// the dedupe window's alerts and the orders still in flight. Plain functions over the
// store, so they are tested without actors.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "actors/alert_memory.hpp"
#include "brokers/broker.hpp"
#include "storage/event_store.hpp"

namespace tvbot::actors {

// Remembers the AlertReceived events among the stream's last `lookback` events. An Error
// when the log cannot be read (the caller decides whether an empty memory will do).
[[nodiscard]] Status remember_recent_alerts(const storage::EventStore& store,
                                            const StreamState& state, std::uint64_t lookback,
                                            AlertMemory& memory);

struct OrderToResume {
  OrderRequest request;
  Timestamp requested_at = 0;  // when its OrderRequested was recorded
};

// The request of every order in flight, read from its OrderRequested event. Orders whose
// request cannot be read come back in `unreadable` (their client ids), for the log.
struct ResumableOrders {
  std::vector<OrderToResume> orders;
  std::vector<std::string> unreadable;
};
ResumableOrders orders_to_resume(const storage::EventStore& store, const StreamState& state,
                                 const std::string& symbol);

// Alerts recorded (and acknowledged) whose decision never reached the log: the process
// stopped between the two appends. Every decision of an entry, close or rejection appends
// at least one event after its AlertReceived, so these are exactly the AlertReceived
// events at the end of the stream. An alert whose decision was "nothing to do" (a sync
// already at target) also ends the stream; deciding it again is again nothing.
struct UndecidedAlert {
  std::uint64_t alert_seq = 0;
  Timestamp recorded_at = 0;
  Signal signal;
};
[[nodiscard]] Result<std::vector<UndecidedAlert>> undecided_alerts(
    const storage::EventStore& store, const StreamState& state, std::uint64_t lookback);

// "<stream>:<seq>" -> seq; nullopt for an id of another form.
std::optional<std::uint64_t> requesting_seq(std::string_view client_order_id);

}  // namespace tvbot::actors
