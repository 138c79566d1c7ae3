-- 003 四(三) 严禁推诿扯皮: how often a matter's transfers were refused by their receiver (退回转办), kept on the row so
-- that supervision finds the matters passed back and forth (flagged from the second refusal, PendingTransfers) and
-- the quarterly assessment counts each zone's refusals without reading every matter's details.
alter table delegation_view add column transfers_refused integer not null default 0;

-- Matters refused before this column: counted from the refusals their details keep (transfer-refused:N).
update delegation_view d set transfers_refused = r.n
from (select v.delegation_id, count(*) n
      from delegation_view v cross join lateral jsonb_object_keys(v.details) k
      where k like 'transfer-refused:%' group by v.delegation_id) r
where d.delegation_id = r.delegation_id;

-- As many entries as matters ever refused: the flag (open matters refused twice or more) and the assessment's
-- count of refusals read these rows only.
create index delegation_view_refused_transfers on delegation_view (station_code) where transfers_refused > 0;

-- Statistics for the new column, so that the planner knows how few matters were ever refused and takes the index
-- above before autovacuum comes by.
analyze delegation_view;
