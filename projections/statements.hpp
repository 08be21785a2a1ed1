#pragma once
// The projector's SQL, prepared once per connection. Every value travels as a parameter
// (decimals as their exact text, times as ISO-8601 text), never spliced into the SQL.
namespace pqxx {
class connection_base;
}

namespace tvbot::projections::sql {

inline constexpr const char* checkpoint_init = "tvbot_checkpoint_init";
inline constexpr const char* checkpoint_lock = "tvbot_checkpoint_lock";
inline constexpr const char* checkpoint_write = "tvbot_checkpoint_write";
inline constexpr const char* ensure_bot = "tvbot_ensure_bot";
inline constexpr const char* ensure_instrument = "tvbot_ensure_instrument";
inline constexpr const char* position_opened = "tvbot_position_opened";
inline constexpr const char* position_increased = "tvbot_position_increased";
inline constexpr const char* position_reduced = "tvbot_position_reduced";
inline constexpr const char* position_closed = "tvbot_position_closed";
inline constexpr const char* order_requested = "tvbot_order_requested";
inline constexpr const char* webhook_ordered = "tvbot_webhook_ordered";
inline constexpr const char* order_accepted = "tvbot_order_accepted";
inline constexpr const char* order_filled = "tvbot_order_filled";
inline constexpr const char* order_rejected = "tvbot_order_rejected";
inline constexpr const char* order_cancelled = "tvbot_order_cancelled";
inline constexpr const char* alert_received = "tvbot_alert_received";
inline constexpr const char* alert_rejected = "tvbot_alert_rejected";
inline constexpr const char* webhook_rejected = "tvbot_webhook_rejected";
inline constexpr const char* bot_paused = "tvbot_bot_paused";
inline constexpr const char* bot_configured = "tvbot_bot_configured";
inline constexpr const char* instrument_configured = "tvbot_instrument_configured";
inline constexpr const char* strategy_close = "tvbot_strategy_close";
inline constexpr const char* strategy_insert = "tvbot_strategy_insert";
inline constexpr const char* bot_removed = "tvbot_bot_removed";
inline constexpr const char* instrument_removed = "tvbot_instrument_removed";

void prepare_all(pqxx::connection_base& connection);

// Deletes every projected row of one log and sets its checkpoint back to 0, in `tx`'s
// transaction (the caller's), so a rebuild starts from nothing.
inline constexpr const char* reset_tables_sql[] = {
    "delete from strategy_configs where log_id = $1",
    "delete from position_entries where log_id = $1",
    "delete from trade_history where log_id = $1",
    "delete from fills where log_id = $1",
    "delete from orders where log_id = $1",
    "delete from current_positions where log_id = $1",
    "delete from webhook_logs where log_id = $1",
    "delete from instruments where log_id = $1",
    "delete from trading_bots where log_id = $1",
    "update projection_checkpoints set global_seq = 0, last_event_time = null, updated_at = now() "
    "where log_id = $1",
};

}  // namespace tvbot::projections::sql
