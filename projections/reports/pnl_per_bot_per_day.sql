-- Realized P&L per bot per day (UTC): gross booked by the reductions and closes of that day,
-- fees paid on every fill of that day (opening fees included), net = gross - fees.
with gross as (
  select bot_id, (closed_at at time zone 'UTC')::date as day,
         sum(realized_gross) as realized_gross, count(*) as exits
  from trade_history
  group by 1, 2
), paid as (
  select bot_id, (filled_at at time zone 'UTC')::date as day, sum(fee) as fees
  from fills
  group by 1, 2
)
select bot_id, day,
       coalesce(g.realized_gross, 0) as realized_gross,
       coalesce(p.fees, 0) as fees,
       coalesce(g.realized_gross, 0) - coalesce(p.fees, 0) as realized_net,
       coalesce(g.exits, 0) as exits
from gross g full join paid p using (bot_id, day)
order by bot_id, day;
