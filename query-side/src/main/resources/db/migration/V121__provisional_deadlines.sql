-- A promised date that reaches into a year whose working-day calendar is not loaded yet: computed on weekends
-- alone, provisional until that year is loaded. The partial index lists the open provisional ones without a scan.
alter table delegation_view add column deadline_provisional boolean not null default false;
create index delegation_view_provisional on delegation_view (deadline) where deadline_provisional;
