-- The station each consultation and complaint belongs to (JdbcSubjectStations): who may act on it is decided
-- from this, before the command is sent.
create table subject_station (
    subject_id   varchar(36) primary key,
    station_code varchar(20) not null
);
