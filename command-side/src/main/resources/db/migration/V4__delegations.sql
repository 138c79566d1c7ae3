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
