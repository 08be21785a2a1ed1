#include "actors/notify/notifier.hpp"

#include <spdlog/spdlog.h>

#include "actors/notify/cursor_file.hpp"
#include "actors/wall_clock.hpp"

namespace tvbot::notify {

Result<std::unique_ptr<Notifier>> Notifier::start(storage::EventStore& store,
                                                  NotifierOptions options, std::string bot_token,
                                                  Transport transport) {
  auto loaded = load_cursor(options.cursor_file);
  if (!loaded.ok()) return loaded.error();
  const storage::EventLog& log = store.log();
  const std::uint64_t end = log.last_global_seq();
  std::uint64_t start_seq = end;
  if (const auto& cursor = loaded.value()) {
    if (cursor->log_id != log.log_id() || cursor->global_seq > end) {
      spdlog::warn(
          "telegram: cursor {} (log {}) does not belong to this log (log {}, {} events); "
          "starting at its end",
          cursor->global_seq, cursor->log_id, log.log_id(), end);
    } else {
      start_seq = cursor->global_seq;
    }
  }
  if (!loaded.value() || start_seq != loaded.value()->global_seq) {
    if (auto saved = save_cursor(options.cursor_file, {log.log_id(), start_seq}); !saved.ok()) {
      return saved.error();
    }
  }
  std::unique_ptr<Notifier> notifier(new Notifier(store, std::move(options), std::move(bot_token),
                                                  std::move(transport), start_seq));
  notifier->sender_.start();
  notifier->thread_ = std::thread([raw = notifier.get()] { raw->run(); });
  spdlog::info("telegram: notifying from event {} on", start_seq + 1);
  return notifier;
}

Notifier::Notifier(storage::EventStore& store, NotifierOptions options, std::string bot_token,
                   Transport transport, std::uint64_t start_seq)
    : store_(store),
      options_(std::move(options)),
      sender_(options_.sender, std::move(bot_token), std::move(transport), counters_),
      read_seq_(start_seq),
      saved_seq_(start_seq) {
  counters_.last_notified_seq.store(start_seq);
  if (options_.daily_summary) {
    summary_clock_.emplace(*options_.daily_summary, now());
  }
}

Notifier::~Notifier() { (void)stop(std::chrono::milliseconds(0)); }

bool Notifier::stop(std::chrono::milliseconds flush_deadline) {
  {
    std::lock_guard lock(mutex_);
    if (stopping_ && !thread_.joinable()) return true;
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
  read_new_events();  // whatever the engine appended last, before the flush
  const bool flushed = sender_.stop(flush_deadline);
  save_progress();
  const NotifierStats s = counters_.snapshot();
  spdlog::info("telegram: stopped; {} sent, {} dropped (queue full {}, refused {}, gave up {}){}",
               s.messages_sent, s.dropped_queue_full + s.dropped_rejected + s.dropped_gave_up,
               s.dropped_queue_full, s.dropped_rejected, s.dropped_gave_up,
               flushed ? "" : "; unsent messages go out at the next start");
  return flushed;
}

void Notifier::run() {
  storage::EventLog& log = store_.log();
  while (true) {
    {
      std::lock_guard lock(mutex_);
      if (stopping_) return;
    }
    // Wakes at once on each committed batch; the timeout only bounds how late a stop or
    // the summary time is noticed.
    if (log.wait_for_global_seq_beyond(read_seq_, options_.tail_wait) > read_seq_) {
      read_new_events();
    }
    save_progress();
    maybe_send_summary();
  }
}

void Notifier::read_new_events() {
  std::size_t in_batch = 0;
  const Status status = store_.read_all(read_seq_ + 1, [&](const Event& event) {
    counters_.events_read.fetch_add(1);
    if (auto notification = messages_.on_event(event)) sender_.enqueue(*notification);
    read_seq_ = event.global_seq;
    return ++in_batch < options_.max_events_per_batch;
  });
  if (!status.ok()) {
    // The event after read_seq_ cannot be read; nothing is skipped: it is tried again on
    // the next wake, and counted so an operator sees it.
    counters_.read_errors.fetch_add(1);
    spdlog::error("telegram: reading the event log after {}: {}", read_seq_,
                  status.error().message);
    std::unique_lock lock(mutex_);
    wake_.wait_for(lock, std::chrono::seconds(1), [this] { return stopping_; });
  }
}

void Notifier::save_progress() {
  const auto pending = sender_.oldest_pending_seq();
  const std::uint64_t done = pending ? *pending - 1 : read_seq_;
  if (done == saved_seq_) return;
  if (auto saved = save_cursor(options_.cursor_file, {store_.log().log_id(), done}); !saved.ok()) {
    spdlog::error("telegram: saving the cursor: {}", saved.error().message);
    return;  // tried again at the next batch; a restart at worst repeats a few messages
  }
  saved_seq_ = done;
  counters_.last_notified_seq.store(done);
}

void Notifier::maybe_send_summary() {
  if (!summary_clock_) return;
  const Timestamp time = now();
  if (!summary_clock_->due(time)) return;
  const Timestamp end = summary_clock_->window_end();
  DaySummary day(end - kNanosPerDay, end);
  // One scan of the log a day: simple, and right after any restart. A log so large that
  // this matters would keep per-day totals in a projection instead.
  // Not stopped at the first event past `end`: streams stamp their own times, so global
  // order is time order only nearly.
  const Status status = store_.read_all(1, [&](const Event& event) {
    day.add(event);
    return true;
  });
  if (!status.ok()) {
    counters_.read_errors.fetch_add(1);
    spdlog::error("telegram: daily summary: {}", status.error().message);
  }
  sender_.enqueue(Notification{0, "daily_summary", day.render()});
  summary_clock_->advance(time);
}

Timestamp Notifier::now() const {
  return options_.clock ? options_.clock() : actors::wall_clock_now();
}

}  // namespace tvbot::notify
