#pragma once
// Runs reconcilers on threads of their own: one pass at once (reconciliation at start, after
// the engine has recovered its streams) and then one every interval, until stopped. One
// thread per broker, because a pass blocks on that broker's calls and a slow venue must not
// delay another's check.
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include "reconcile/reconciler.hpp"

namespace tvbot::reconcile {

struct ScheduledReconciler {
  std::unique_ptr<Reconciler> reconciler;
  std::chrono::milliseconds interval{60'000};  // between passes; must be positive
};

class ReconcileLoop {
 public:
  explicit ReconcileLoop(std::vector<ScheduledReconciler> reconcilers);
  // Stops the threads: a pass in progress finishes first (its broker calls cannot be
  // interrupted; they are bounded by the adapter's timeouts).
  ~ReconcileLoop();
  ReconcileLoop(const ReconcileLoop&) = delete;
  ReconcileLoop& operator=(const ReconcileLoop&) = delete;

  void stop();
  // Passes finished (successful or not), over all brokers.
  [[nodiscard]] std::uint64_t passes() const;

 private:
  void run(ScheduledReconciler& scheduled);

  std::vector<ScheduledReconciler> reconcilers_;
  mutable std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::uint64_t passes_ = 0;
  std::vector<std::thread> threads_;
};

}  // namespace tvbot::reconcile
