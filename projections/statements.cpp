#include "projections/statements.hpp"

#include <pqxx/pqxx>

namespace tvbot::projections::sql {

void prepare_all(pqxx::connection_base& c) {
  c.prepare(checkpoint_init,
            "insert into projection_checkpoints (log_id, global_seq) values ($1::text, 0) "
            "on conflict (log_id) do nothing");
  // FOR UPDATE: a second projector of the same log waits here and then sees the new
  // checkpoint, so two of them can never both apply a batch.
  c.prepare(checkpoint_lock,
            "select global_seq from projection_checkpoints where log_id = $1::text for update");
  c.prepare(checkpoint_write,
            "update projection_checkpoints set global_seq = $2::bigint, "
            "last_event_time = $3::timestamptz, updated_at = now() where log_id = $1::text");

  c.prepare(ensure_bot,
            "insert into trading_bots (bot_id, log_id, first_seen_at, updated_at) "
            "values ($1::text, $2::text, $3::timestamptz, $3::timestamptz) "
            "on conflict (bot_id) do nothing");
  c.prepare(ensure_instrument,
            "insert into instruments (bot_id, symbol, log_id, first_seen_at, updated_at) "
            "values ($1::text, $2::text, $3::text, $4::timestamptz, $4::timestamptz) "
            "on conflict (bot_id, symbol) do nothing");

  // $1 stream, $2 side, $3 log_id, $4 bot, $5 symbol, $6 direction, $7 qty, $8 price, $9 fee,
  // $10 cycle, $11 time, $12 global_seq, $13 fill_id. Mirrors evolve(PositionOpened).
  c.prepare(position_opened, R"SQL(
    with p as (
      insert into current_positions (stream, position_side, log_id, bot_id, symbol, direction,
          qty, avg_entry, entries, cycle, cycle_realized_gross, cycle_fees, realized_gross, fees,
          opened_at, updated_at, last_global_seq)
      values ($1::text, $2::text, $3::text, $4::text, $5::text, $6::text, $7::numeric,
          $8::numeric, 1, $10::integer, 0, $9::numeric, 0, $9::numeric, $11::timestamptz,
          $11::timestamptz, $12::bigint)
      on conflict (stream, position_side) do update set direction = excluded.direction,
          qty = excluded.qty, avg_entry = excluded.avg_entry, entries = 1, cycle = excluded.cycle,
          cycle_realized_gross = 0, cycle_fees = excluded.cycle_fees,
          fees = current_positions.fees + excluded.fees, opened_at = excluded.opened_at,
          updated_at = excluded.updated_at, last_global_seq = excluded.last_global_seq
      returning cycle)
    insert into position_entries (stream, position_side, cycle, entry_no, log_id, bot_id, symbol,
        direction, fill_id, qty, price, fee, entered_at, global_seq)
    select $1::text, $2::text, p.cycle, 1, $3::text, $4::text, $5::text, $6::text, $13::text,
        $7::numeric, $8::numeric, $9::numeric, $11::timestamptz, $12::bigint from p)SQL");

  // $1..$6 as above, $7 qty, $8 price, $9 fee, $10 new_qty, $11 new_avg_entry, $12 entries,
  // $13 time, $14 global_seq, $15 fill_id. The entry number is the aggregate's entry count.
  c.prepare(position_increased, R"SQL(
    with p as (
      update current_positions set qty = $10::numeric, avg_entry = $11::numeric,
          entries = $12::integer, cycle_fees = cycle_fees + $9::numeric,
          fees = fees + $9::numeric, updated_at = $13::timestamptz, last_global_seq = $14::bigint
      where stream = $1::text and position_side = $2::text
      returning cycle)
    insert into position_entries (stream, position_side, cycle, entry_no, log_id, bot_id, symbol,
        direction, fill_id, qty, price, fee, entered_at, global_seq)
    select $1::text, $2::text, coalesce(p.cycle, 0), $12::integer, $3::text, $4::text, $5::text,
        $6::text, $15::text, $7::numeric, $8::numeric, $9::numeric, $13::timestamptz, $14::bigint
    from (select 1) one left join p on true)SQL");

  // $1..$6 as above, $7 qty, $8 price, $9 fee, $10 avg_entry, $11 realized_gross,
  // $12 remaining_qty, $13 reason, $14 time, $15 global_seq, $16 fill_id.
  c.prepare(position_reduced, R"SQL(
    with p as (
      update current_positions set qty = $12::numeric,
          cycle_realized_gross = cycle_realized_gross + $11::numeric,
          realized_gross = realized_gross + $11::numeric, cycle_fees = cycle_fees + $9::numeric,
          fees = fees + $9::numeric, updated_at = $14::timestamptz, last_global_seq = $15::bigint
      where stream = $1::text and position_side = $2::text
      returning cycle, opened_at)
    insert into trade_history (log_id, global_seq, stream, bot_id, symbol, position_side,
        direction, cycle, kind, fill_id, qty, entry_price, exit_price, realized_gross, fee,
        remaining_qty, exit_reason, opened_at, closed_at)
    select $3::text, $15::bigint, $1::text, $4::text, $5::text, $2::text, $6::text, p.cycle,
        'reduce', $16::text, $7::numeric, $10::numeric, $8::numeric, $11::numeric, $9::numeric,
        $12::numeric, $13::text, p.opened_at, $14::timestamptz
    from (select 1) one left join p on true)SQL");

  // $1..$6 as above, $7 qty, $8 price, $9 fee, $10 avg_entry, $11 realized_gross,
  // $12 cycle_realized_gross, $13 cycle_fees, $14 cycle_realized_net, $15 exit_reason,
  // $16 time, $17 global_seq, $18 fill_id. Mirrors evolve(PositionClosed).
  c.prepare(position_closed, R"SQL(
    with p as (
      update current_positions set qty = 0, avg_entry = 0, entries = 0,
          realized_gross = realized_gross + $11::numeric, fees = fees + $9::numeric,
          cycle_realized_gross = $12::numeric, cycle_fees = $13::numeric,
          updated_at = $16::timestamptz, last_global_seq = $17::bigint
      where stream = $1::text and position_side = $2::text
      returning cycle, opened_at)
    insert into trade_history (log_id, global_seq, stream, bot_id, symbol, position_side,
        direction, cycle, kind, fill_id, qty, entry_price, exit_price, realized_gross, fee,
        remaining_qty, cycle_realized_gross, cycle_fees, cycle_realized_net, exit_reason,
        opened_at, closed_at)
    select $3::text, $17::bigint, $1::text, $4::text, $5::text, $2::text, $6::text, p.cycle,
        'close', $18::text, $7::numeric, $10::numeric, $8::numeric, $11::numeric, $9::numeric,
        0, $12::numeric, $13::numeric, $14::numeric, $15::text, p.opened_at, $16::timestamptz
    from (select 1) one left join p on true)SQL");

  // $1 client_order_id, $2 log_id, $3 global_seq, $4 stream, $5 bot, $6 symbol, $7 side,
  // $8 position_side, $9 type, $10 qty, $11 limit_price, $12 stop_price, $13 reason,
  // $14 reduce_only, $15 time. The id derives from the requesting event, so a second row
  // for it can only be a repeat and is ignored.
  c.prepare(order_requested, R"SQL(
    insert into orders (client_order_id, log_id, global_seq, stream, bot_id, symbol, side,
        position_side, order_type, qty, limit_price, stop_price, reason, reduce_only, status,
        requested_at, updated_at)
    values ($1::text, $2::text, $3::bigint, $4::text, $5::text, $6::text, $7::text, $8::text,
        $9::text, $10::numeric, $11::numeric, $12::numeric, $13::text, $14::boolean, 'requested',
        $15::timestamptz, $15::timestamptz)
    on conflict (client_order_id) do nothing)SQL");

  // The alert an order answers is the stream's last AlertReceived before it ($1 stream,
  // $2 stream seq of the OrderRequested, $3 client_order_id, $4 time).
  c.prepare(webhook_ordered, R"SQL(
    update webhook_logs set outcome = 'ordered',
        client_order_id = coalesce(client_order_id, $3::text),
        decided_at = coalesce(decided_at, $4::timestamptz)
    where stream = $1::text and (outcome is null or outcome = 'ordered')
      and stream_seq = (select max(stream_seq) from webhook_logs
                        where stream = $1::text and stream_seq < $2::bigint))SQL");

  c.prepare(order_accepted, R"SQL(
    update orders set status = case when status = 'requested' then 'accepted' else status end,
        broker_order_id = $2::text, updated_at = $3::timestamptz
    where client_order_id = $1::text)SQL");

  // $1 log_id, $2 global_seq, $3 fill_id, $4 client_order_id, $5 broker_order_id, $6 stream,
  // $7 bot, $8 symbol, $9 side, $10 position_side, $11 qty, $12 price, $13 fee, $14 fee_asset,
  // $15 order_complete, $16 time.
  c.prepare(order_filled, R"SQL(
    with o as (
      update orders set filled_qty = filled_qty + $11::numeric,
          status = case when $15::boolean then 'filled' else 'partially_filled' end,
          broker_order_id = coalesce(nullif($5::text, ''), broker_order_id),
          updated_at = $16::timestamptz
      where client_order_id = $4::text)
    insert into fills (log_id, global_seq, fill_id, client_order_id, broker_order_id, stream,
        bot_id, symbol, side, position_side, qty, price, fee, fee_asset, order_complete, filled_at)
    values ($1::text, $2::bigint, $3::text, $4::text, nullif($5::text, ''), $6::text, $7::text,
        $8::text, $9::text, $10::text, $11::numeric, $12::numeric, $13::numeric, $14::text,
        $15::boolean, $16::timestamptz))SQL");

  c.prepare(order_rejected, R"SQL(
    update orders set status = 'rejected', reject_reason = $2::text, message = $3::text,
        updated_at = $4::timestamptz
    where client_order_id = $1::text)SQL");
  c.prepare(order_cancelled, R"SQL(
    update orders set status = 'cancelled', reject_reason = $2::text,
        updated_at = $3::timestamptz
    where client_order_id = $1::text)SQL");

  // $1 log_id, $2 global_seq, $3 time, $4 bot, $5 symbol, $6 stream, $7 stream_seq,
  // $8 request_id, $9 source_ip, $10 action, $11 ticker, $12 alert_id, $13 body (redacted).
  c.prepare(alert_received, R"SQL(
    insert into webhook_logs (log_id, global_seq, received_at, bot_id, symbol, stream, stream_seq,
        request_id, source_ip, accepted, http_status, action, ticker, alert_id, body)
    values ($1::text, $2::bigint, $3::timestamptz, $4::text, $5::text, $6::text, $7::bigint,
        $8::text, $9::text, true, 202, $10::text, $11::text, $12::text, $13::text))SQL");
  c.prepare(alert_rejected, R"SQL(
    update webhook_logs set outcome = 'rejected', reason = $3::text, message = $4::text,
        decided_at = $5::timestamptz
    where stream = $1::text and stream_seq = $2::bigint)SQL");
  // $1 log_id, $2 global_seq, $3 time, $4 bot (null: unknown), $5 request_id, $6 source_ip,
  // $7 http_status, $8 reason, $9 message, $10 body (redacted), $11 body_truncated.
  c.prepare(webhook_rejected, R"SQL(
    insert into webhook_logs (log_id, global_seq, received_at, bot_id, request_id, source_ip,
        accepted, http_status, outcome, reason, message, body, body_truncated, decided_at)
    values ($1::text, $2::bigint, $3::timestamptz, $4::text, $5::text, $6::text, false,
        $7::integer, 'rejected', $8::text, $9::text, $10::text, $11::boolean, $3::timestamptz))SQL");

  c.prepare(bot_paused, R"SQL(
    update trading_bots set paused = $2::boolean, pause_reason = $3::text,
        updated_at = $4::timestamptz
    where bot_id = $1::text)SQL");

  // $1 bot, $2 log_id, $3 broker, $4 position_mode, $5 paused, $6 settings, $7 time.
  c.prepare(bot_configured, R"SQL(
    insert into trading_bots (bot_id, log_id, broker, position_mode, paused, removed, settings,
        configured_at, first_seen_at, updated_at)
    values ($1::text, $2::text, $3::text, $4::text, $5::boolean, false, $6::jsonb,
        $7::timestamptz, $7::timestamptz, $7::timestamptz)
    on conflict (bot_id) do update set log_id = excluded.log_id, broker = excluded.broker,
        position_mode = excluded.position_mode, paused = excluded.paused, removed = false,
        settings = excluded.settings, configured_at = excluded.configured_at,
        updated_at = excluded.updated_at)SQL");
  // $1 bot, $2 symbol, $3 log_id, $4 tradingview_tickers, $5 time.
  c.prepare(instrument_configured, R"SQL(
    insert into instruments (bot_id, symbol, log_id, tradingview_tickers, removed, configured_at,
        first_seen_at, updated_at)
    values ($1::text, $2::text, $3::text, $4::jsonb, false, $5::timestamptz, $5::timestamptz,
        $5::timestamptz)
    on conflict (bot_id, symbol) do update set tradingview_tickers = excluded.tradingview_tickers,
        removed = false, configured_at = excluded.configured_at, updated_at = excluded.updated_at)SQL");
  c.prepare(strategy_close, R"SQL(
    update strategy_configs set valid_to = $3::timestamptz
    where bot_id = $1::text and symbol = $2::text and valid_to is null)SQL");
  // $1 log_id, $2 global_seq, $3 bot, $4 symbol, $5 strategy, $6 time.
  c.prepare(strategy_insert, R"SQL(
    insert into strategy_configs (log_id, global_seq, bot_id, symbol, strategy, valid_from)
    values ($1::text, $2::bigint, $3::text, $4::text, $5::jsonb, $6::timestamptz))SQL");
  c.prepare(bot_removed, R"SQL(
    update trading_bots set removed = true, updated_at = $2::timestamptz where bot_id = $1::text)SQL");
  c.prepare(instrument_removed, R"SQL(
    update instruments set removed = true, updated_at = $3::timestamptz
    where bot_id = $1::text and symbol = $2::text)SQL");
}

}  // namespace tvbot::projections::sql
