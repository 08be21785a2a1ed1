-- Open exposure per instrument over all bots: net and per-direction quantity, and the
-- notional at the average entry prices.
select symbol,
       sum(case when direction = 'long' then qty else -qty end) as net_qty,
       coalesce(sum(qty) filter (where direction = 'long'), 0) as long_qty,
       coalesce(sum(qty) filter (where direction = 'short'), 0) as short_qty,
       sum(qty * avg_entry) as notional_at_entry,
       count(*) as open_positions,
       count(distinct bot_id) as bots
from current_positions
where qty <> 0
group by symbol
order by symbol;
