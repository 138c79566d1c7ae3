-- Acceptance-form numbers: one sequence per station and day (JdbcAcceptanceFormNumbers).
create table acceptance_form_sequence (
    station_code varchar(20) not null,
    day          date        not null,
    last_value   integer     not null,
    primary key (station_code, day)
);

-- What a commissioning needs to know about its station besides level and status: the supervision phone
-- printed on the acceptance form.
alter table station_registry add column name varchar(64);
alter table station_registry add column supervision_phone varchar(20);

-- Which station is responsible for which unfinished delegation (JdbcUnfinishedDelegations): a station with
-- unfinished delegations cannot close.
create table delegation_registry (
    delegation_id varchar(36) primary key,
    station_code  varchar(20) not null,
    finished      boolean     not null
);
create index delegation_registry_open on delegation_registry (station_code) where not finished;
