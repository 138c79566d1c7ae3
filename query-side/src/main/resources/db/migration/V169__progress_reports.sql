-- 002 代办·承办 服务人员需定期向服务对象提供进度报告: the day the client last heard how their matter stands (a progress
-- report, or the client back in touch as it goes on: supplement received, continuation); until the first, the day of
-- intake counts. Supervision flags a proxy in hand whose client has heard nothing for too long (ProgressReports).
alter table delegation_view add column last_reported_on date;

-- Matters before this column: the latest such day their details keep (progress:N "on", pause:N "until"), never
-- before the day of intake, as the projection keeps it.
update delegation_view d set last_reported_on = greatest(d.received_on, r.last)
from (select v.delegation_id,
             max(cast(x.value ->> case when x.key like 'progress:%' then 'on' else 'until' end as date)) last
      from delegation_view v cross join lateral jsonb_each(v.details) x
      where x.key like 'progress:%' or x.key like 'pause:%' group by v.delegation_id) r
where d.delegation_id = r.delegation_id;

-- The flag reads the matters in hand through the (status, station_code) index of V163: as many as are open, not all.
