#pragma once
// `tvbot serve`'s Telegram notifier: built from [telegram] and started on the event log, or
// nothing when the section is disabled. The notifier only reads the log, so whatever
// happens to Telegram, trading goes on (actors/notify/notifier.hpp).
#include <chrono>
#include <memory>

#include "actors/notify/notifier.hpp"
#include "app/config/config.hpp"
#include "storage/event_store.hpp"

namespace tvbot::app {

// The notifier's Transport over the HTTPS WebClient for telegram.api_base_url, trusting
// telegram.ca_file too. Timeouts shorter than a broker's: a message can wait, and a stop must
// not hang on a dead peer. Errors: "invalid_url", "tls_setup_failed".
[[nodiscard]] Result<notify::Transport> web_client_transport(
    const config::TelegramConfig& telegram);

// nullptr (and no error) when telegram is disabled. Errors: "invalid_url",
// "tls_setup_failed" (ca_file), "io_error" / "invalid_cursor" (<data_dir>/telegram.cursor).
[[nodiscard]] Result<std::unique_ptr<notify::Notifier>> start_telegram_notifier(
    const config::Config& config, storage::EventStore& store);

// How long `tvbot serve` gives queued messages at shutdown, after the engine stopped.
inline constexpr std::chrono::milliseconds kTelegramFlushDeadline{2000};

}  // namespace tvbot::app
