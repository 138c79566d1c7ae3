-- The complaint register (ComplaintProjection).
create table complaint_view (
    complaint_id     varchar(36)   primary key,
    station_code     varchar(20)   not null,
    agent_id         varchar(36),
    delegation_id    varchar(36),
    channel          varchar(24)   not null,
    complainant_name varchar(100)  not null,
    contact          varchar(20)   not null,
    content          varchar(2000) not null,
    received_on      date          not null,
    stage            varchar(16)   not null,
    due_date         date,
    decline_reason   varchar(500),
    finding          varchar(500),
    measures         varchar(2000),
    answered_on      date,
    in_time          boolean,
    overdue          boolean       not null default false,
    closed_on        date
);
create index complaint_view_station on complaint_view (station_code, received_on desc);
create index complaint_view_agent on complaint_view (agent_id, received_on);
create index complaint_view_due on complaint_view (station_code, due_date);
