-- The command side's look-up of stations (JdbcStationRegistry), kept in the events' own transaction.
create table station_registry (
    station_code       varchar(20) primary key,
    level              varchar(32) not null,
    status             varchar(16) not null,
    parent_code        varchar(20),
    service_item_codes text[]      not null default '{}'
);
