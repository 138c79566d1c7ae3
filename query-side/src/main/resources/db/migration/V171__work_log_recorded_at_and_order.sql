-- The work log (V170), after a second reading: when an entry was recorded beside when it happened (an entry may be
-- written after the fact, and supervision reads both, as it does for the steps); the day a problem recorded with its
-- resolution was resolved (that day); and the order of the list across a zone or the whole county.

-- Entries written before this column: recorded when they happened (the events keep the true moment; a rebuild of
-- the delegations group writes it).
alter table work_log_entry add column recorded_at timestamp with time zone;
update work_log_entry set recorded_at = occurred_at;
alter table work_log_entry alter column recorded_at set not null;
update work_log_entry set resolved_on = occurred_on
where kind = 'PROBLEM' and resolution is not null and resolved_on is null;

-- Newest first without a station, or across a zone (the scope filters as the index is read), as the ledger does.
create index work_log_day on work_log_entry (occurred_on desc, occurred_at desc, delegation_id, number);
-- By kind, and the open problems, in the list's order.
drop index work_log_station_kind_day;
create index work_log_station_kind_day on work_log_entry (station_code, kind, occurred_on desc, occurred_at desc,
    delegation_id, number);
drop index work_log_open_problems;
create index work_log_open_problems on work_log_entry (station_code, occurred_on desc, occurred_at desc, delegation_id,
    number) where kind = 'PROBLEM' and resolution is null and resolved_by is null;
analyze work_log_entry;
