-- Counters the delegations projection keeps with every row of delegation_view (DelegationFigures), in the same
-- transaction as the row and the processor's token: the station dashboard (and the ledger's total) add up counter
-- rows (stations x periods) instead of counting the matters. Rebuilt with the projection (ProjectionRebuilds).
--
-- Dated figures, per station, per day (grain 'D') and per month (grain 'M', period_start the 1st), so a period
-- is read as its whole months plus the days at either edge. Each figure is dated as the dashboard counts it:
-- intake, declined and breaches by received_on; same_day, completed, on_time and the handling days by
-- completed_on. `shard` (the delegation id's hash mod 4, the same hash Axon routes segments by) keeps the two
-- segments of the group (up to four) off each other's counter rows: no lock waits and no deadlocks between them.
create table delegation_figure (
    station_code     varchar(20) not null,
    grain            char(1)     not null check (grain in ('D', 'M')),
    period_start     date        not null,
    shard            smallint    not null,
    intake           bigint      not null default 0,
    declined         bigint      not null default 0,
    same_day         bigint      not null default 0,
    completed        bigint      not null default 0,
    on_time          bigint      not null default 0,
    handling_days    bigint      not null default 0,
    handling_counted bigint      not null default 0,
    breaches         bigint      not null default 0,
    primary key (station_code, grain, period_start, shard)
);

-- A county roll-up covers (nearly) every station: it reads a period's rows by grain and date, not station by
-- station (measured on 321 stations x a year, ~0.94 M matters: a month 3 ms; 2026-01-15..12-10 50 ms).
create index delegation_figure_period on delegation_figure (grain, period_start, station_code);

-- Figures of what is open now, per station: matters by open status, open rectifications.
create table delegation_open_figure (
    station_code        varchar(20) not null,
    shard               smallint    not null,
    handling            bigint      not null default 0,
    awaiting_supplement bigint      not null default 0,
    escalated           bigint      not null default 0,
    suspended           bigint      not null default 0,
    open_rectifications bigint      not null default 0,
    primary key (station_code, shard)
);

-- The counters of the matters already projected (the projection keeps them from here on).
insert into delegation_figure (station_code, grain, period_start, shard, intake, declined, breaches)
select station_code, 'D', received_on, 0, count(*) filter (where not declined), count(*) filter (where declined),
       coalesce(sum(breaches), 0)
from delegation_view group by station_code, received_on;
insert into delegation_figure (station_code, grain, period_start, shard, same_day, completed, on_time,
                               handling_days, handling_counted)
select station_code, 'D', completed_on, 0, count(*) filter (where completed_on = received_on), count(*),
       count(*) filter (where on_time), coalesce(sum(handling_working_days), 0), count(handling_working_days)
from delegation_view where completed_on is not null group by station_code, completed_on
on conflict (station_code, grain, period_start, shard) do update set same_day = excluded.same_day,
    completed = excluded.completed, on_time = excluded.on_time, handling_days = excluded.handling_days,
    handling_counted = excluded.handling_counted;
insert into delegation_figure (station_code, grain, period_start, shard, intake, declined, same_day, completed,
                               on_time, handling_days, handling_counted, breaches)
select station_code, 'M', date_trunc('month', period_start)::date, 0, sum(intake), sum(declined), sum(same_day),
       sum(completed), sum(on_time), sum(handling_days), sum(handling_counted), sum(breaches)
from delegation_figure where grain = 'D' group by station_code, date_trunc('month', period_start);
insert into delegation_open_figure (station_code, shard, handling, awaiting_supplement, escalated, suspended,
                                    open_rectifications)
select station_code, 0, count(*) filter (where status = 'HANDLING'),
       count(*) filter (where status = 'AWAITING_SUPPLEMENT'), count(*) filter (where status = 'ESCALATED'),
       count(*) filter (where status = 'SUSPENDED'), count(*) filter (where rectification_status in ('OPEN', 'OVERDUE'))
from delegation_view group by station_code;

-- The ledger's date filter (received_on), alone and within a station.
create index delegation_view_station_received_on on delegation_view (station_code, received_on);
create index delegation_view_received_on on delegation_view (received_on);
