#include "reconcile/reconcile_loop.hpp"

#include <spdlog/spdlog.h>

namespace tvbot::reconcile {

ReconcileLoop::ReconcileLoop(std::vector<ScheduledReconciler> reconcilers)
    : reconcilers_(std::move(reconcilers)) {
  for (auto& scheduled : reconcilers_) {
    threads_.emplace_back([this, &scheduled] { run(scheduled); });
  }
}

ReconcileLoop::~ReconcileLoop() { stop(); }

void ReconcileLoop::stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  for (auto& thread : threads_) {
    if (thread.joinable()) thread.join();
  }
}

std::uint64_t ReconcileLoop::passes() const {
  std::lock_guard lock(mutex_);
  return passes_;
}

void ReconcileLoop::run(ScheduledReconciler& scheduled) {
  auto& reconciler = *scheduled.reconciler;
  bool balances_logged = false;
  while (true) {
    auto report = reconciler.run_once();
    if (report.ok() && !balances_logged) {
      // Once per start: the log cannot say what they should be, so they are shown, not judged.
      for (const auto& balance : report->balances) {
        spdlog::info("reconciliation: broker {} holds {} {} free, {} locked",
                     reconciler.broker_name(), balance.asset, balance.free.to_string(),
                     balance.locked.to_string());
      }
      balances_logged = true;
    }
    if (!report.ok()) {
      // The venue or the log could not be read: nothing was compared, so nothing is
      // reported as drift; the next pass tries again.
      spdlog::warn("reconciliation: broker {} not checked: {}: {}", reconciler.broker_name(),
                   report.error().code, report.error().message);
    } else if (report->open_drifts > 0) {
      spdlog::warn("reconciliation: broker {}: {} drift(s) open, {} symbol(s) skipped",
                   reconciler.broker_name(), report->open_drifts, report->symbols_skipped);
    } else {
      spdlog::debug("reconciliation: broker {} agrees with the log ({} symbols, {} skipped)",
                    reconciler.broker_name(), report->symbols_checked, report->symbols_skipped);
    }
    std::unique_lock lock(mutex_);
    ++passes_;
    if (wake_.wait_for(lock, scheduled.interval, [this] { return stopping_; })) return;
  }
}

}  // namespace tvbot::reconcile
