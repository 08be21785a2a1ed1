#include "app/serve/reconcile_setup.hpp"

#include <spdlog/spdlog.h>

#include "reconcile/engine_pause.hpp"

namespace tvbot::app {

std::vector<BrokerReconciliation> reconciliation_plan(const config::Config& config) {
  std::vector<BrokerReconciliation> plan;
  for (const auto& broker : config.brokers) {
    if (broker.reconcile_interval.count() == 0) continue;
    BrokerReconciliation entry{{}, broker.reconcile_interval};
    entry.settings.scope.broker = broker.name;
    entry.settings.on_drift = broker.on_drift == config::OnDrift::pause
                                  ? reconcile::DriftReaction::pause
                                  : reconcile::DriftReaction::report;
    entry.settings.compare_positions = broker.kind != config::BrokerKind::binance_spot;
    for (const auto& bot : config.bots) {
      if (bot.broker != broker.name) continue;
      auto& symbols = entry.settings.scope.bots[bot.id];
      for (const auto& instrument : bot.instruments) symbols.insert(instrument.symbol);
    }
    plan.push_back(std::move(entry));
  }
  return plan;
}

Result<std::unique_ptr<reconcile::ReconcileLoop>> start_reconciliation(
    const config::Config& config, storage::EventStore& store,
    const std::map<std::string, std::shared_ptr<Broker>>& brokers, actors::Engine& engine) {
  std::vector<reconcile::ScheduledReconciler> scheduled;
  for (auto& entry : reconciliation_plan(config)) {
    const auto broker = brokers.find(entry.settings.scope.broker);
    if (broker == brokers.end()) {
      return make_error("invalid_config",
                        "brokers." + entry.settings.scope.broker + ": not started, cannot reconcile");
    }
    auto reconciler = reconcile::Reconciler::create(std::move(entry.settings), store,
                                                    broker->second, reconcile::pause_through(engine));
    if (!reconciler.ok()) return reconciler.error();
    spdlog::info("reconciliation: broker {} every {} s, on drift: {}", broker->first,
                 entry.interval.count(), config.broker(broker->first)->on_drift == config::OnDrift::pause
                                             ? "pause" : "report");
    scheduled.push_back({std::move(reconciler).value(), entry.interval});
  }
  if (scheduled.empty()) return std::unique_ptr<reconcile::ReconcileLoop>{};
  return std::make_unique<reconcile::ReconcileLoop>(std::move(scheduled));
}

}  // namespace tvbot::app
