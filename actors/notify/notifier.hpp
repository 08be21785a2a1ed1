#pragma once
// The Telegram notifier: a thread that tails the global event log (DESIGN.md: everything
// is derived from the log), turns the events worth a message into one (event_messages.hpp)
// and hands it to the sender (telegram_sender.hpp). Nothing in the trading path knows it
// exists: it only reads the log, so Telegram being slow or down cannot delay a trade.
//
// Cursor (cursor_file.hpp): on the very first start the notifier begins at the log's end
// (no flood of history). Afterwards it saves the last global seq whose message is done
// with: the seq just before the oldest message still queued or in flight. A restart
// resumes after it, so a message lost with the process (queued, or sent but unanswered)
// is sent again, at least once; nothing older is repeated. A cursor from another log id
// or beyond the log's end (the log was replaced) restarts at the end.
#include <chrono>
#include <condition_variable>
#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "actors/notify/daily_summary.hpp"
#include "actors/notify/event_messages.hpp"
#include "actors/notify/notifier_stats.hpp"
#include "actors/notify/telegram_sender.hpp"
#include "storage/event_store.hpp"

namespace tvbot::notify {

struct NotifierOptions {
  std::filesystem::path cursor_file;  // e.g. <data_dir>/telegram.cursor
  SenderOptions sender;
  std::optional<DailySummaryTime> daily_summary;  // UTC time of day; absent: no summary
  // How long one wait on the log lasts; bounds how late a stop or the summary time is noticed.
  std::chrono::milliseconds tail_wait{500};
  std::size_t max_events_per_batch = 1000;  // the cursor is saved at least this often
  // Wall time for the daily summary; empty: the system clock. Tests move it by hand.
  std::function<Timestamp()> clock;
};

class Notifier {
 public:
  // Reads the cursor and starts both threads. `store` must outlive the notifier.
  // Errors: "invalid_cursor", "io_error" (the cursor file).
  [[nodiscard]] static Result<std::unique_ptr<Notifier>> start(storage::EventStore& store,
                                                               NotifierOptions options,
                                                               std::string bot_token,
                                                               Transport transport);
  ~Notifier();
  Notifier(const Notifier&) = delete;
  Notifier& operator=(const Notifier&) = delete;

  // Reads the log to its end one last time (call it after the engine has stopped), sends
  // what is queued within `flush_deadline`, saves the cursor. True when everything was sent.
  bool stop(std::chrono::milliseconds flush_deadline);

  [[nodiscard]] NotifierStats stats() const { return counters_.snapshot(); }

 private:
  Notifier(storage::EventStore& store, NotifierOptions options, std::string bot_token,
           Transport transport, std::uint64_t start_seq);
  void run();
  void read_new_events();
  void save_progress();
  void maybe_send_summary();
  [[nodiscard]] Timestamp now() const;

  storage::EventStore& store_;
  const NotifierOptions options_;
  NotifierCounters counters_;
  TelegramSender sender_;
  EventMessages messages_;
  std::optional<DailySummaryClock> summary_clock_;
  std::uint64_t read_seq_ = 0;   // last event looked at
  std::uint64_t saved_seq_ = 0;  // last cursor written

  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace tvbot::notify
