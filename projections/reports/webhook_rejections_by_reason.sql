-- Webhook rejections by reason: refused at the door (bad secret, unknown bot, malformed,
-- rate limited, ...) or accepted and then refused by the position (max_entries, paused, ...).
select reason,
       count(*) as rejections,
       count(*) filter (where not accepted) as at_the_door,
       count(*) filter (where accepted) as after_acceptance,
       count(distinct source_ip) as sources,
       min(received_at) as first_seen,
       max(received_at) as last_seen
from webhook_logs
where outcome = 'rejected'
group by reason
order by rejections desc, reason;
