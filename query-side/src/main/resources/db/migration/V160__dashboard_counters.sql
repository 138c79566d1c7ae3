-- The rest of the station dashboard's per-request counts become counters the delegations projection keeps with
-- every row of delegation_view and evaluation_view (DelegationFigures), in the same transaction as the rows: the
-- dashboard adds up counter rows (stations x periods) instead of counting the matters. Filled from the rows already
-- projected by V161; rebuilt with the projection (ProjectionRebuilds, PointInTime shadow these tables).
--
-- Dated, on the same daily/monthly grain and shards as the figures of V105: matters archived (by archived_on), home
-- visits made and made late (by home_visit_arrived_on; late as the row says, home_visit_late), and the overall grade
-- of each evaluation not voided (by evaluated_on, at the evaluation's station).
alter table delegation_figure
    add column archived                  bigint not null default 0,
    add column home_visits               bigint not null default 0,
    add column home_visits_late          bigint not null default 0,
    add column grade_very_satisfied      bigint not null default 0,
    add column grade_satisfied           bigint not null default 0,
    add column grade_basically_satisfied bigint not null default 0,
    add column grade_dissatisfied        bigint not null default 0,
    add column grade_very_dissatisfied   bigint not null default 0;

-- What awaits its archive now (资料归档), per station: delivered, terminated, declined with materials handed back.
alter table delegation_open_figure
    add column awaiting_archive_delivered  bigint not null default 0,
    add column awaiting_archive_terminated bigint not null default 0,
    add column awaiting_archive_declined   bigint not null default 0;

-- Matters not declined received in a period, per client category (a matter counts once under each of its
-- categories), dated by received_on, on the same grain and shards.
create table delegation_category_figure (
    station_code varchar(20) not null,
    grain        char(1)     not null check (grain in ('D', 'M')),
    period_start date        not null,
    category     varchar(32) not null,
    shard        smallint    not null,
    matters      bigint      not null default 0,
    primary key (station_code, grain, period_start, category, shard)
);
create index delegation_category_figure_period on delegation_category_figure (grain, period_start, station_code);
