#pragma once
// The price monitor actor: one per broker. It knows which streams have an open position
// with protection (their position actors tell it, WatchPricesMsg), asks the broker for the
// last prices of all their symbols in one call (Broker::last_prices) every `interval`, and
// sends each watching position actor a PriceTickMsg; the position actor decides.
//
// Messages it serves:
//   WatchPricesMsg  start or stop sending ticks of a symbol to a position actor
//   (internal)      the poll timer and the broker call's answer
//
// The broker call blocks, so it runs on the broker's work pool, never on CAF's threads; at
// most one is in flight per broker, so a hung venue cannot pile calls up (polls that come
// due meanwhile are skipped and counted). A failed call is logged and counted and the next
// interval tries again: the monitor never stops on a broker error. When one symbol makes
// the batch fail (unknown_symbol), that round falls back to one call per symbol so the
// other streams keep their ticks. A position actor that stops is forgotten (monitored).
#include <atomic>
#include <chrono>
#include <cstdint>
#include <memory>

#include <caf/fwd.hpp>

#include "brokers/broker.hpp"

namespace tvbot::actors {

class WorkPool;

struct MonitorCounters {
  std::atomic<std::uint64_t> polls{0};          // broker price calls made
  std::atomic<std::uint64_t> poll_failures{0};  // of those, failed
  std::atomic<std::uint64_t> polls_skipped{0};  // due while the previous call still ran
  std::atomic<std::uint64_t> ticks_sent{0};
};

struct MonitorOptions {
  std::chrono::milliseconds interval{1000};
};

// `workers` must outlive the actor (see spawn_broker_gateway).
caf::actor spawn_price_monitor(caf::actor_system& system, std::shared_ptr<Broker> broker,
                               MonitorOptions options, WorkPool& workers,
                               std::shared_ptr<MonitorCounters> counters);

}  // namespace tvbot::actors
