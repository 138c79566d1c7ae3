-- Bookings per station and day (AppointmentProjection).
create table appointment_view (
    appointment_id varchar(36)  primary key,
    station_code   varchar(20)  not null,
    day            date         not null,
    slot_start     time         not null,
    slot_end       time         not null,
    kind           varchar(16)  not null,
    channel        varchar(8)   not null,
    item_code      varchar(32)  not null,
    client_name    varchar(100) not null,
    phone          varchar(20)  not null,
    stage          varchar(12)  not null,
    outcome        varchar(16),
    reference      varchar(64)
);
create index appointment_view_station_day on appointment_view (station_code, day);
create index appointment_view_missed on appointment_view (station_code, day) where stage = 'MISSED';
