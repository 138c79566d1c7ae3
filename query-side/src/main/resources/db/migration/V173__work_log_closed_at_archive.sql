-- A problem of the work log still open when its matter is archived can no longer be resolved there (the log is kept
-- until the archive): it is closed unresolved on the archive's day, and no longer counted or listed as open.
alter table work_log_entry add column closed_on date;

-- Matters archived before this column: their open problems closed on the archive's day, as the projection does.
update work_log_entry w set closed_on = d.archived_on
from delegation_view d
where d.delegation_id = w.delegation_id and d.status = 'ARCHIVED' and w.kind = 'PROBLEM' and w.resolution is null
  and w.resolved_by is null and w.closed_on is null;

-- The open problems' index, with the new condition (LedgerQueries.OPEN_PROBLEM).
drop index work_log_open_problems;
create index work_log_open_problems on work_log_entry (station_code, occurred_on desc, occurred_at desc, delegation_id,
    number) where kind = 'PROBLEM' and resolution is null and resolved_by is null and closed_on is null;
analyze work_log_entry;
