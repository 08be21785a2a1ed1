#include "actors/monitor.hpp"

#include <algorithm>
#include <map>
#include <string>
#include <vector>

#include <caf/all.hpp>
#include <spdlog/spdlog.h>

#include "actors/monitor_messages.hpp"
#include "actors/wall_clock.hpp"
#include "actors/work_pool.hpp"

namespace tvbot::actors {
namespace {

using poll_atom = caf::atom_constant<caf::atom("poll")>;

// Worker -> monitor: the prices of one round (possibly fewer than asked: see fetch_prices).
struct PricesFetched {
  Result<std::vector<SymbolPrice>> prices;
  Timestamp observed_at = 0;
};

}  // namespace
}  // namespace tvbot::actors

CAF_ALLOW_UNSAFE_MESSAGE_TYPE(tvbot::actors::PricesFetched)

namespace tvbot::actors {
namespace {

struct MonitorState {
  std::shared_ptr<Broker> broker;
  MonitorOptions options;
  WorkPool* workers = nullptr;
  std::shared_ptr<MonitorCounters> counters;
  std::map<std::string, std::vector<caf::actor>> watchers;  // by symbol
  bool in_flight = false;
  static inline const char* name = "price_monitor";
};

using Self = caf::stateful_actor<MonitorState>;

// One batch call; when one unknown symbol fails it, one call per symbol, keeping those that
// answer, so a delisted symbol does not silence the others.
Result<std::vector<SymbolPrice>> fetch_prices(Broker& broker,
                                              const std::vector<std::string>& symbols) {
  auto batch = broker.last_prices(symbols);
  if (batch.ok() || batch.error().code != broker_error::unknown_symbol) return batch;
  std::vector<SymbolPrice> found;
  for (const auto& symbol : symbols) {
    auto price = broker.last_price(symbol);
    if (price.ok()) {
      found.push_back({symbol, *price});
    } else {
      spdlog::warn("monitor: no price for {}: {}", symbol, price.error().message);
    }
  }
  return found;
}

void watch(Self* self, const WatchPricesMsg& msg) {
  auto& list = self->state.watchers[msg.symbol];
  std::erase_if(list, [&](const caf::actor& a) { return a == msg.stream; });
  if (msg.watch) {
    list.push_back(msg.stream);
    self->monitor(msg.stream);
  }
  if (list.empty()) self->state.watchers.erase(msg.symbol);
}

void forget(Self* self, const caf::actor_addr& source) {
  auto& watchers = self->state.watchers;
  for (auto it = watchers.begin(); it != watchers.end();) {
    std::erase_if(it->second, [&](const caf::actor& a) { return a.address() == source; });
    it = it->second.empty() ? watchers.erase(it) : std::next(it);
  }
}

void poll(Self* self) {
  auto& st = self->state;
  // Fixed rate: the next poll is due one interval from now whatever this one does.
  self->delayed_send(self, st.options.interval, poll_atom::value);
  if (st.watchers.empty()) return;
  if (st.in_flight) {
    ++st.counters->polls_skipped;
    return;
  }
  std::vector<std::string> symbols;
  for (const auto& [symbol, list] : st.watchers) symbols.push_back(symbol);
  st.in_flight = true;
  ++st.counters->polls;
  st.workers->submit([me = caf::actor_cast<caf::actor>(self), broker = st.broker,
                      symbols = std::move(symbols)] {
    auto prices = fetch_prices(*broker, symbols);
    caf::anon_send(me, PricesFetched{std::move(prices), wall_clock_now()});
  });
}

void deliver(Self* self, const PricesFetched& fetched) {
  auto& st = self->state;
  st.in_flight = false;
  if (!fetched.prices.ok()) {
    ++st.counters->poll_failures;
    spdlog::warn("monitor: price poll failed: {} ({}); next try in {} ms",
                 fetched.prices.error().message, fetched.prices.error().code,
                 st.options.interval.count());
    return;
  }
  for (const SymbolPrice& price : *fetched.prices) {
    auto it = st.watchers.find(price.symbol);
    if (it == st.watchers.end()) continue;  // unwatched while the call ran
    for (const auto& stream : it->second) {
      ++st.counters->ticks_sent;  // before the send, so a receiver sees it counted
      self->send(stream, PriceTickMsg{price.price, fetched.observed_at});
    }
  }
}

caf::behavior price_monitor(Self* self, std::shared_ptr<Broker> broker, MonitorOptions options,
                            WorkPool* workers, std::shared_ptr<MonitorCounters> counters) {
  auto& st = self->state;
  st.broker = std::move(broker);
  st.options = options;
  st.workers = workers;
  st.counters = std::move(counters);
  self->set_down_handler([self](caf::down_msg& msg) { forget(self, msg.source); });
  self->send(self, poll_atom::value);
  return {
      [=](const WatchPricesMsg& msg) { watch(self, msg); },
      [=](poll_atom) { poll(self); },
      [=](const PricesFetched& fetched) { deliver(self, fetched); },
  };
}

}  // namespace

caf::actor spawn_price_monitor(caf::actor_system& system, std::shared_ptr<Broker> broker,
                               MonitorOptions options, WorkPool& workers,
                               std::shared_ptr<MonitorCounters> counters) {
  return system.spawn(price_monitor, std::move(broker), options, &workers, std::move(counters));
}

}  // namespace tvbot::actors
