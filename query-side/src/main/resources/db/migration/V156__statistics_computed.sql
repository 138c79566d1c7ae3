-- Statistics upward computed by the system (数据统计上报, 002 服务人员). Each submission's computed figures, frozen
-- when the query side first followed it (processing group "frozen-figures", which never deletes), in canonical JSON
-- (sorted keys, compact) with their SHA-256; and the station's remarks and corrections beside them.
create table statistics_frozen (
    event_id      varchar(64)  primary key,
    station_code  varchar(20)  not null,
    period        varchar(7)   not null,
    submitted_at  timestamptz  not null,
    digest        char(64)     not null,
    figures       text         not null
);
create index statistics_frozen_station on statistics_frozen (station_code, period, submitted_at desc);

alter table statistics_submission add column remarks varchar(2000);
alter table statistics_submission add column figure_corrections text;
