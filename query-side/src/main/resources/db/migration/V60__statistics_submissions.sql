-- Statistics submitted upward (StatisticsSubmissionProjection): the latest submission per station and period.
create table statistics_submission (
    station_code varchar(20) not null,
    period       varchar(8)  not null,
    parent_code  varchar(20),
    submitted_at timestamp with time zone not null,
    submitted_by varchar(64),
    corrections  integer     not null,
    figures      jsonb       not null,
    primary key (station_code, period)
);
create index statistics_submission_parent on statistics_submission (parent_code, period);
