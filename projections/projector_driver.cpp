#include "projections/projector_driver.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <vector>

#include "projections/catch_up.hpp"
#include "projections/projector.hpp"

namespace tvbot::projections {

std::string_view to_string(ProjectorState state) {
  switch (state) {
    case ProjectorState::starting: return "starting";
    case ProjectorState::connected: return "connected";
    case ProjectorState::retrying: return "retrying";
    case ProjectorState::stopped: return "stopped";
  }
  return "unknown";
}

ProjectorDriver::ProjectorDriver(const storage::EventStore& store, ProjectorDriverOptions options)
    : store_(store), options_(std::move(options)) {
  thread_ = std::thread([this] { run(); });
}

ProjectorDriver::~ProjectorDriver() { stop(); }

void ProjectorDriver::stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  stop_flag_ = true;
  changed_.notify_all();
  if (thread_.joinable()) thread_.join();
}

ProjectorStats ProjectorDriver::stats() const {
  std::lock_guard lock(mutex_);
  return stats_;
}

bool ProjectorDriver::wait_for_checkpoint(std::uint64_t global_seq,
                                          std::chrono::milliseconds timeout) const {
  std::unique_lock lock(mutex_);
  return changed_.wait_for(lock, timeout, [&] { return stats_.checkpoint >= global_seq; });
}

bool ProjectorDriver::sleep_unless_stopped(std::chrono::milliseconds duration) {
  std::unique_lock lock(mutex_);
  return !changed_.wait_for(lock, duration, [this] { return stopping_; });
}

void ProjectorDriver::record_error(const std::string& message) {
  bool first = false;
  {
    std::lock_guard lock(mutex_);
    first = stats_.state != ProjectorState::retrying;
    stats_.errors += 1;
    stats_.last_error = message;
    stats_.state = ProjectorState::retrying;
  }
  // Once per outage at warn level, then quietly: a long outage must not flood the log.
  if (first) {
    spdlog::warn("projector: {}; retrying with backoff (trading is not affected)", message);
  } else {
    spdlog::debug("projector: {}", message);
  }
}

// Lag is measured from the log: how many events and how old the oldest unprojected one is.
void ProjectorDriver::refresh_lag(std::uint64_t checkpoint) {
  const std::uint64_t last = store_.log().last_global_seq();
  double seconds = 0;
  if (last > checkpoint) {
    Timestamp oldest = 0;
    (void)store_.read_all(checkpoint + 1, [&](const Event& event) {
      oldest = event.time;
      return false;
    });
    if (oldest != 0) {
      const auto now = std::chrono::duration_cast<std::chrono::nanoseconds>(
                           std::chrono::system_clock::now().time_since_epoch())
                           .count();
      seconds = std::max(0.0, static_cast<double>(now - oldest) / 1e9);
    }
  }
  std::lock_guard lock(mutex_);
  stats_.last_global_seq = last;
  stats_.events_behind = last > stats_.checkpoint ? last - stats_.checkpoint : 0;
  stats_.seconds_behind = seconds;
}

void ProjectorDriver::project_available(Projector& projector) {
  auto stored = projector.checkpoint();
  if (!stored) {
    record_error(stored.error().message);
    return;
  }
  std::uint64_t checkpoint = *stored;
  {
    std::lock_guard lock(mutex_);
    stats_.checkpoint = checkpoint;
    stats_.state = ProjectorState::connected;
  }
  changed_.notify_all();
  std::vector<Event> batch;
  while (!stop_flag_) {
    refresh_lag(checkpoint);
    const std::uint64_t last = store_.log().wait_for_global_seq_beyond(checkpoint, options_.idle_wake);
    if (last <= checkpoint) continue;
    if (Status read = read_batch(store_, checkpoint + 1, options_.batch_size, batch); !read) {
      // The log could not be read (a corrupt record): nothing past it can be projected.
      record_error("reading the event log: " + read.error().message);
      if (!sleep_unless_stopped(options_.max_backoff)) return;
      continue;
    }
    if (batch.empty()) continue;
    auto applied = projector.apply_batch(batch);
    if (!applied) {
      record_error(applied.error().message);
      if (applied.error().code == "checkpoint_moved") {
        auto reread = projector.checkpoint();
        if (!reread) return;
        checkpoint = *reread;
        continue;
      }
      return;  // reconnect after a backoff
    }
    checkpoint = batch.back().global_seq;
    {
      std::lock_guard lock(mutex_);
      stats_.state = ProjectorState::connected;
      stats_.checkpoint = checkpoint;
      stats_.batches += 1;
      stats_.events_projected += batch.size();
    }
    changed_.notify_all();
  }
}

void ProjectorDriver::run() {
  auto backoff = options_.min_backoff;
  while (!stop_flag_) {
    auto opened = Projector::open(options_.dsn, options_.log_id, options_.timeouts);
    if (opened) {
      spdlog::info("projector: connected to PostgreSQL, projecting log {}", options_.log_id);
      project_available(**opened);
      if (stop_flag_) break;
      backoff = options_.min_backoff;  // it worked for a while: start the backoff over
    } else {
      record_error(opened.error().message);
    }
    refresh_lag(stats().checkpoint);
    if (!sleep_unless_stopped(backoff)) break;
    backoff = std::min(backoff * 2, options_.max_backoff);
  }
  {
    std::lock_guard lock(mutex_);
    stats_.state = ProjectorState::stopped;
  }
  changed_.notify_all();
}

}  // namespace tvbot::projections
