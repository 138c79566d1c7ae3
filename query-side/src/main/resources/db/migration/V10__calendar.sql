-- The working-day calendar as loaded (CalendarProjection).
create table calendar_year (
    year                  integer      primary key,
    revision              integer      not null,
    notice                varchar(200) not null,
    holidays              date[]       not null,
    adjusted_working_days date[]       not null
);
