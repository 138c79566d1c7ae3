-- The working-day calendar as loaded (JdbcCalendarProvider), kept in the loading command's transaction.
create table calendar_year (
    year     integer      primary key,
    revision integer      not null,
    notice   varchar(200) not null
);
create table calendar_day (
    year    integer not null references calendar_year (year),
    day     date    not null,
    working boolean not null,
    primary key (year, day)
);
