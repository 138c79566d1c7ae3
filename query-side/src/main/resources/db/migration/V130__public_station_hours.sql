-- Opening hours for the public face (PublicHoursProjection, processing group public-hours): the windows of each
-- station's latest booking schedule. The public face reads only this table, station_directory, service_item,
-- agent and the satisfaction figures; never a client's row.
create table public_station_hours (
    station_code varchar(20) primary key,
    hours        jsonb       not null,
    home_visits  boolean     not null
);
