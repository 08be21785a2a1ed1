#pragma once
// `tvbot serve`'s reconciliation: one reconciler per configured broker whose
// reconcile_interval is not 0, each checking the bots that trade there, run by a
// ReconcileLoop (first pass at once, after the engine has recovered its streams).
#include <chrono>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "actors/engine.hpp"
#include "app/config/config.hpp"
#include "reconcile/reconcile_loop.hpp"
#include "storage/event_store.hpp"

namespace tvbot::app {

struct BrokerReconciliation {
  reconcile::ReconcilerSettings settings;
  std::chrono::seconds interval;
};

// What each reconciled broker checks and how often; brokers with interval 0 are left out.
std::vector<BrokerReconciliation> reconciliation_plan(const config::Config& config);

// The running loop, or nullptr when no broker is reconciled. `brokers`, `store` and
// `engine` must outlive it; destroy it before shutting the engine down.
[[nodiscard]] Result<std::unique_ptr<reconcile::ReconcileLoop>> start_reconciliation(
    const config::Config& config, storage::EventStore& store,
    const std::map<std::string, std::shared_ptr<Broker>>& brokers, actors::Engine& engine);

}  // namespace tvbot::app
