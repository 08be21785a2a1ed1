#pragma once
// The live projector: a thread of its own (PostgreSQL calls block, so never on the actor
// pool) that tails the event log from the database's checkpoint and projects it in batches.
// PostgreSQL down, restarting or refusing: trading goes on (the log is the truth), the
// driver reconnects with exponential backoff and catches up from its checkpoint.
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>

#include "projections/pg_connect.hpp"
#include "storage/event_store.hpp"

namespace tvbot::projections {

class Projector;

enum class ProjectorState { starting, connected, retrying, stopped };
[[nodiscard]] std::string_view to_string(ProjectorState);

// A copy of the driver's figures (for `tvbot` logs, the status view and metrics).
struct ProjectorStats {
  ProjectorState state = ProjectorState::starting;
  std::uint64_t checkpoint = 0;        // last global seq committed to PostgreSQL
  std::uint64_t last_global_seq = 0;   // the log's last event, when last looked at
  std::uint64_t events_behind = 0;     // last_global_seq - checkpoint
  double seconds_behind = 0;           // age of the oldest event not yet projected; 0 if none
  std::uint64_t batches = 0;           // committed
  std::uint64_t events_projected = 0;  // committed, skipped types included
  std::uint64_t errors = 0;            // failed connects and batches
  std::string last_error;              // never holds the DSN
};

struct ProjectorDriverOptions {
  std::string dsn;  // a secret: never logged
  std::string log_id;
  std::size_t batch_size = 500;
  PgTimeouts timeouts;
  std::chrono::milliseconds min_backoff{200};
  std::chrono::milliseconds max_backoff{10000};
  // How long one wait for new events lasts before the stats are refreshed.
  std::chrono::milliseconds idle_wake{500};
};

class ProjectorDriver {
 public:
  // The store must outlive the driver. Starts the thread at once.
  ProjectorDriver(const storage::EventStore& store, ProjectorDriverOptions options);
  ~ProjectorDriver();  // stop()
  ProjectorDriver(const ProjectorDriver&) = delete;
  ProjectorDriver& operator=(const ProjectorDriver&) = delete;

  // Thread-safe.
  [[nodiscard]] ProjectorStats stats() const;
  // Blocks until the checkpoint reaches `global_seq` or `timeout` passes; true if reached.
  [[nodiscard]] bool wait_for_checkpoint(std::uint64_t global_seq,
                                         std::chrono::milliseconds timeout) const;
  // Finishes the batch in progress (bounded by the statement timeout) and joins the thread.
  void stop();

 private:
  void run();
  void project_available(Projector& projector);
  void refresh_lag(std::uint64_t checkpoint);
  void record_error(const std::string& message);
  bool sleep_unless_stopped(std::chrono::milliseconds duration);

  const storage::EventStore& store_;
  const ProjectorDriverOptions options_;
  mutable std::mutex mutex_;
  mutable std::condition_variable changed_;
  ProjectorStats stats_;
  bool stopping_ = false;
  std::atomic<bool> stop_flag_{false};
  std::thread thread_;
};

}  // namespace tvbot::projections
