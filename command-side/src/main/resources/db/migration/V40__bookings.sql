-- Booking schedules and live bookings per slot (JdbcBookingSlots), kept in the booking commands' transaction;
-- a slot's capacity is checked against these rows.
create table booking_schedule (
    station_code varchar(20) primary key,
    windows      jsonb       not null,
    home_visits  boolean     not null
);
create table booking_registry (
    appointment_id varchar(36) primary key,
    station_code   varchar(20) not null,
    day            date        not null,
    slot_start     time        not null,
    active         boolean     not null
);
create index booking_registry_slot on booking_registry (station_code, day, slot_start) where active;
