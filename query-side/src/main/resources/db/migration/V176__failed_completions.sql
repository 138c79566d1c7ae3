-- 001 §6.4.2: the dashboard counts the matters completed without success in its period, and those applied for again,
-- per station and period on this partial index: only the failures (a few in a hundred matters) are in it.
create index delegation_view_failed on delegation_view (station_code, completed_on) where successful = false;
