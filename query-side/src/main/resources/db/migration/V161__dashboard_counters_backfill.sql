-- The counters of V160 for the matters and evaluations already projected (the projection keeps them from here on),
-- so an upgraded database shows the same dashboard before any rebuild. Added (never set) on shard 0, daily and
-- monthly rows: the columns are new, so what was there is 0. Kept apart from V160 so that its statements can be run
-- again against empty copies of the tables and compared with the projection's counters (DashboardFiguresIT).
insert into delegation_figure as f (station_code, grain, period_start, shard, archived)
select d.station_code, g.grain,
       case g.grain when 'D' then d.archived_on else date_trunc('month', d.archived_on)::date end, 0, count(*)
from delegation_view d cross join (values ('D'), ('M')) g(grain)
where d.archived_on is not null
group by 1, 2, 3
on conflict (station_code, grain, period_start, shard) do update set archived = f.archived + excluded.archived;

insert into delegation_figure as f (station_code, grain, period_start, shard, home_visits, home_visits_late)
select d.station_code, g.grain,
       case g.grain when 'D' then d.home_visit_arrived_on else date_trunc('month', d.home_visit_arrived_on)::date end,
       0, count(*), count(*) filter (where d.home_visit_late)
from delegation_view d cross join (values ('D'), ('M')) g(grain)
where d.home_visit_arrived_on is not null
group by 1, 2, 3
on conflict (station_code, grain, period_start, shard) do update set home_visits = f.home_visits + excluded.home_visits,
    home_visits_late = f.home_visits_late + excluded.home_visits_late;

insert into delegation_figure as f (station_code, grain, period_start, shard, grade_very_satisfied, grade_satisfied,
                                    grade_basically_satisfied, grade_dissatisfied, grade_very_dissatisfied)
select e.station_code, g.grain,
       case g.grain when 'D' then e.evaluated_on else date_trunc('month', e.evaluated_on)::date end, 0,
       count(*) filter (where e.overall = 'VERY_SATISFIED'), count(*) filter (where e.overall = 'SATISFIED'),
       count(*) filter (where e.overall = 'BASICALLY_SATISFIED'), count(*) filter (where e.overall = 'DISSATISFIED'),
       count(*) filter (where e.overall = 'VERY_DISSATISFIED')
from evaluation_view e cross join (values ('D'), ('M')) g(grain)
where not e.voided
group by 1, 2, 3
on conflict (station_code, grain, period_start, shard) do update set
    grade_very_satisfied = f.grade_very_satisfied + excluded.grade_very_satisfied,
    grade_satisfied = f.grade_satisfied + excluded.grade_satisfied,
    grade_basically_satisfied = f.grade_basically_satisfied + excluded.grade_basically_satisfied,
    grade_dissatisfied = f.grade_dissatisfied + excluded.grade_dissatisfied,
    grade_very_dissatisfied = f.grade_very_dissatisfied + excluded.grade_very_dissatisfied;

insert into delegation_category_figure as f (station_code, grain, period_start, category, shard, matters)
select d.station_code, g.grain,
       case g.grain when 'D' then d.received_on else date_trunc('month', d.received_on)::date end, c, 0, count(*)
from delegation_view d cross join unnest(d.client_categories) c cross join (values ('D'), ('M')) g(grain)
where not d.declined
group by 1, 2, 3, 4
on conflict (station_code, grain, period_start, category, shard) do update set matters = f.matters + excluded.matters;

insert into delegation_open_figure as f (station_code, shard, awaiting_archive_delivered, awaiting_archive_terminated,
                                         awaiting_archive_declined)
select d.station_code, 0, count(*) filter (where d.status = 'DELIVERED'), count(*) filter (where d.status = 'TERMINATED'),
       count(*) filter (where d.status = 'DECLINED' and d.materials_handed_back_on is not null)
from delegation_view d
where d.status in ('DELIVERED', 'TERMINATED') or d.status = 'DECLINED' and d.materials_handed_back_on is not null
group by 1
on conflict (station_code, shard) do update set
    awaiting_archive_delivered = f.awaiting_archive_delivered + excluded.awaiting_archive_delivered,
    awaiting_archive_terminated = f.awaiting_archive_terminated + excluded.awaiting_archive_terminated,
    awaiting_archive_declined = f.awaiting_archive_declined + excluded.awaiting_archive_declined;
