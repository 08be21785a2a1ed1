#pragma once
// The broker gateway actor: the only way to a Broker. Every broker call runs on the
// gateway's own worker threads (never on CAF's scheduler), and its answer comes back as a
// message to the position actor that asked.
//
// Placement never places twice: the client order id is derived from the requesting event,
// and when a placement's outcome is unknown (timeout, 5xx) the order is queried by that id
// before anything is placed again. Orders that are still working (partial fills, limit
// orders) or whose outcome is still unknown are polled until they end.
#include <chrono>
#include <cstdint>
#include <memory>

#include <caf/fwd.hpp>

#include "brokers/broker.hpp"

namespace tvbot::actors {

struct GatewayOptions {
  std::size_t worker_threads = 4;
  std::uint32_t max_place_attempts = 4;  // per placement call, before handing it to the poller
  std::chrono::milliseconds first_backoff{100};  // doubles per attempt: 100, 200, 400 ms
  std::chrono::milliseconds poll_interval{500};
  // An order whose placement never reached the venue is placed again by the poller only
  // this long after it was requested; later, a market signal is stale and it is given up
  // as rejected ("not_placed") rather than traded at a price nobody asked for.
  std::chrono::seconds replace_window{30};
};

caf::actor spawn_broker_gateway(caf::actor_system& system, std::shared_ptr<Broker> broker,
                                GatewayOptions options);

}  // namespace tvbot::actors
