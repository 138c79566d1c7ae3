-- The ledger's total under a filter (window, status, item, agent; kind for the registers) counts the matching rows
-- of a scope of stations. Each filter's index held its column alone, so the count read every matching row from the
-- table to learn its station: at 116 k matters in one village, 72 ms for the 81 k of one item and 93 ms at p99 for
-- an agent's, growing with the matters. With the station in the index as well, the count reads the index alone
-- (an index-only scan: 14 ms and 21 ms on the same rows), which also serves the filter without a scope as before.
-- Assumption: the view is vacuumed often enough for its visibility map to be mostly set (autovacuum's default);
-- rows changed since are read from the table, as before.
create index delegation_view_window_station on delegation_view (window_name, station_code);
create index delegation_view_status_station on delegation_view (status, station_code);
create index delegation_view_item_station on delegation_view (item_code, station_code);
create index delegation_view_agent_station on delegation_view (agent_id, station_code);
-- The registers (by kind) keep delegation_view_kind (kind, received_at desc) for their pages, newest first, which a
-- scope of several stations reads in order and stops at the page's end; their count has an index of its own.
create index delegation_view_kind_station on delegation_view (kind, station_code);
drop index delegation_view_window;
drop index delegation_view_status;
drop index delegation_view_item;
drop index delegation_view_agent;
-- Built in the upgrade's transaction (not concurrently): writes to the view wait for it, seconds at a million rows,
-- while the query side starts and before its processors run.
