#pragma once
// The broker gateway actor: the only way to a Broker. Every broker call runs on worker
// threads (never on CAF's scheduler) under a deadline, and its answer comes back to the
// gateway as a message; the gateway passes what the venue says on to the position actor
// that asked.
//
// Messages it serves:
//   PlaceOrderMsg   place (or, recovering, first look for) one order; every report of it
//                   goes to reply_to as OrderUpdateMsg until the order ends
//   MarketQueryMsg  last price (and equity) for sizing; exactly one MarketInfoMsg back
//
// Never places twice. The client order id is derived from the requesting event, and an
// order whose placement outcome is unknown (a timeout, or no answer within call_timeout) is
// queried by that id before anything else happens to it; it is placed again only when the
// venue says it never saw it, no call for it is still running, and the request is younger
// than replace_window. Orders of one stream are placed in the order requested: each waits
// until the earlier ones are at the venue or ended. Working orders (partial fills, resting limits) are polled until they
// end. Failed calls are retried with backoff, without end: the broker being down never
// loses a request.
#include <chrono>
#include <cstddef>
#include <memory>

#include <caf/fwd.hpp>

#include "brokers/broker.hpp"

namespace tvbot::actors {

class WorkPool;

struct GatewayOptions {
  std::size_t worker_threads = 4;
  // A call not answered by then counts as timed out: a market query is answered with an
  // error (the signal waiting on it is rejected rather than held up), an order's outcome
  // becomes unknown. The call itself cannot be interrupted and may still land, which is why
  // an order is never placed while an earlier call for it is running.
  std::chrono::milliseconds call_timeout{10'000};
  std::chrono::milliseconds first_backoff{100};  // after a failed call; doubles per failure
  std::chrono::milliseconds max_backoff{5'000};
  std::chrono::milliseconds poll_interval{500};  // orders still working at the venue
  // An order the venue never saw is placed only this long after it was recorded as
  // requested; later, a market signal is stale, and the order is given up as rejected
  // ("not_placed") rather than traded at a price nobody asked for.
  std::chrono::seconds replace_window{30};
};

// `workers` runs the broker calls; it must outlive the actor, and is best destroyed after
// the actor system has stopped, off CAF's threads, because destroying it joins calls in
// progress.
caf::actor spawn_broker_gateway(caf::actor_system& system, std::shared_ptr<Broker> broker,
                                GatewayOptions options, WorkPool& workers);

}  // namespace tvbot::actors
