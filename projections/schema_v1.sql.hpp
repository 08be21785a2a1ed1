#pragma once
// Migration 1: the tables of the original specification plus orders, fills, the checkpoint.
// Money, prices and quantities are numeric (exact, written from the decimals' own text);
// times are timestamptz. Rows carry the log_id of the event log they come from, so several
// nodes (each with its own log and global sequence) can project into one database and a
// rebuild of one log touches only its rows.
#include <string_view>

namespace tvbot::projections {

inline constexpr std::string_view schema_v1_sql = R"SQL(
create table projection_checkpoints (
  log_id            text primary key,
  global_seq        bigint not null check (global_seq >= 0),
  last_event_time   timestamptz,
  updated_at        timestamptz not null default now()
);

create table trading_bots (
  bot_id         text primary key,
  log_id         text not null,
  broker         text,
  position_mode  text,
  paused         boolean not null default false,
  pause_reason   text,
  removed        boolean not null default false,
  settings       jsonb,
  configured_at  timestamptz,
  first_seen_at  timestamptz not null,
  updated_at     timestamptz not null
);

create table instruments (
  bot_id               text not null references trading_bots (bot_id),
  symbol               text not null,
  log_id               text not null,
  tradingview_tickers  jsonb,
  removed              boolean not null default false,
  configured_at        timestamptz,
  first_seen_at        timestamptz not null,
  updated_at           timestamptz not null,
  primary key (bot_id, symbol)
);

-- One row per recorded configuration of an instrument: valid_to is set when the next one
-- arrives, so "which rules were in force at time T" is a range query.
create table strategy_configs (
  log_id      text not null,
  global_seq  bigint not null,
  bot_id      text not null,
  symbol      text not null,
  strategy    jsonb not null,
  valid_from  timestamptz not null,
  valid_to    timestamptz,
  primary key (log_id, global_seq),
  foreign key (bot_id, symbol) references instruments (bot_id, symbol)
);
create index strategy_configs_by_instrument on strategy_configs (bot_id, symbol, valid_from);

-- One row per stream and position side ('both' in one-way mode, 'long'/'short' in hedge
-- mode), flat ones included (qty 0) with the last cycle's totals, as the aggregate keeps them.
create table current_positions (
  stream                text not null,
  position_side         text not null,
  log_id                text not null,
  bot_id                text not null,
  symbol                text not null,
  direction             text not null,
  qty                   numeric not null,
  avg_entry             numeric not null,
  entries               integer not null,
  cycle                 integer not null,
  cycle_realized_gross  numeric not null,
  cycle_fees            numeric not null,
  realized_gross        numeric not null,
  fees                  numeric not null,
  opened_at             timestamptz,
  updated_at            timestamptz not null,
  last_global_seq       bigint not null,
  primary key (stream, position_side),
  foreign key (bot_id, symbol) references instruments (bot_id, symbol)
);
create index current_positions_open on current_positions (symbol) where qty <> 0;

-- Every entry (pyramid level) of every cycle.
create table position_entries (
  stream         text not null,
  position_side  text not null,
  cycle          integer not null,
  entry_no       integer not null,
  log_id         text not null,
  bot_id         text not null,
  symbol         text not null,
  direction      text not null,
  fill_id        text not null,
  qty            numeric not null,
  price          numeric not null,
  fee            numeric not null,
  entered_at     timestamptz not null,
  global_seq     bigint not null,
  primary key (stream, position_side, cycle, entry_no),
  foreign key (bot_id, symbol) references instruments (bot_id, symbol)
);

-- One row per reduction or close, with the P&L the aggregate booked for it.
create table trade_history (
  log_id                text not null,
  global_seq            bigint not null,
  stream                text not null,
  bot_id                text not null,
  symbol                text not null,
  position_side         text not null,
  direction             text not null,
  cycle                 integer,
  kind                  text not null check (kind in ('reduce', 'close')),
  fill_id               text not null,
  qty                   numeric not null,
  entry_price           numeric not null,
  exit_price            numeric not null,
  realized_gross        numeric not null,
  fee                   numeric not null,
  remaining_qty         numeric not null,
  cycle_realized_gross  numeric,
  cycle_fees            numeric,
  cycle_realized_net    numeric,
  exit_reason           text not null,
  opened_at             timestamptz,
  closed_at             timestamptz not null,
  primary key (log_id, global_seq),
  foreign key (bot_id, symbol) references instruments (bot_id, symbol)
);
create index trade_history_by_bot_time on trade_history (bot_id, closed_at);

create table orders (
  client_order_id  text primary key,
  log_id           text not null,
  global_seq       bigint not null,
  stream           text not null,
  bot_id           text not null,
  symbol           text not null,
  side             text not null,
  position_side    text not null,
  order_type       text not null,
  qty              numeric not null,
  limit_price      numeric,
  stop_price       numeric,
  reason           text not null,
  reduce_only      boolean not null,
  status           text not null,
  broker_order_id  text,
  filled_qty       numeric not null default 0,
  reject_reason    text,
  message          text,
  requested_at     timestamptz not null,
  updated_at       timestamptz not null,
  foreign key (bot_id, symbol) references instruments (bot_id, symbol)
);
create index orders_by_bot_time on orders (bot_id, requested_at);

create table fills (
  log_id           text not null,
  global_seq       bigint not null,
  fill_id          text not null,
  client_order_id  text not null,
  broker_order_id  text,
  stream           text not null,
  bot_id           text not null,
  symbol           text not null,
  side             text not null,
  position_side    text not null,
  qty              numeric not null,
  price            numeric not null,
  fee              numeric not null,
  fee_asset        text not null,
  order_complete   boolean not null,
  filled_at        timestamptz not null,
  primary key (log_id, global_seq),
  foreign key (bot_id, symbol) references instruments (bot_id, symbol)
);
create index fills_by_bot_time on fills (bot_id, filled_at);
create index fills_by_order on fills (client_order_id);

-- Every webhook: accepted ones (AlertReceived, outcome filled in by the decision that
-- followed) and ones refused at the door (WebhookRejected). Bodies are redacted before they
-- are recorded in the log; bot_id has no foreign key because an unknown bot is a reason
-- for rejection.
create table webhook_logs (
  log_id           text not null,
  global_seq       bigint not null,
  received_at      timestamptz not null,
  bot_id           text,
  symbol           text,
  stream           text,
  stream_seq       bigint,
  request_id       text,
  source_ip        text,
  accepted         boolean not null,
  http_status      integer not null,
  outcome          text,
  reason           text,
  message          text,
  action           text,
  ticker           text,
  alert_id         text,
  client_order_id  text,
  body             text not null,
  body_truncated   boolean not null default false,
  decided_at       timestamptz,
  primary key (log_id, global_seq)
);
create index webhook_logs_by_stream on webhook_logs (stream, stream_seq) where stream is not null;
create index webhook_logs_rejections on webhook_logs (reason, received_at) where outcome = 'rejected';
create index webhook_logs_by_time on webhook_logs (received_at);
)SQL";

}  // namespace tvbot::projections
