-- The year a provisional promised date reaches into (null: the date is on loaded years). Kept by the delegation
-- events in their own transaction; when a calendar year is loaded, the open delegations whose provisional date
-- reaches into it or beyond are found through the partial index, never by reading the whole table.
-- Assumption: no delegation commissioned before this migration has a provisional date (they were introduced in the
-- same release), so the column is not filled from the event store.
alter table delegation_registry add column provisional_year integer;
create index delegation_registry_provisional on delegation_registry (provisional_year, delegation_id)
    where provisional_year is not null and not finished;
