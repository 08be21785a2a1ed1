-- Win rate and average win / loss per bot, per closed position (open to flat), net of every
-- fee paid in the position's cycle.
select bot_id,
       count(*) as closed_positions,
       count(*) filter (where cycle_realized_net > 0) as wins,
       count(*) filter (where cycle_realized_net <= 0) as losses,
       round(100.0 * count(*) filter (where cycle_realized_net > 0) / count(*), 2) as win_rate_pct,
       round(avg(cycle_realized_net) filter (where cycle_realized_net > 0), 8) as avg_win,
       round(avg(cycle_realized_net) filter (where cycle_realized_net <= 0), 8) as avg_loss,
       sum(cycle_realized_net) as realized_net
from trade_history
where kind = 'close'
group by bot_id
order by bot_id;
