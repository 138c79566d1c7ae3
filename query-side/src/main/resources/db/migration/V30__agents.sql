-- Agents per station (AgentProjection): qualification, trainings and assessments, active workload.
create table agent (
    agent_id                varchar(36) primary key,
    station_code            varchar(20) not null,
    name                    varchar(32) not null,
    phone                   varchar(20) not null,
    background              varchar(40) not null,
    role                    varchar(16) not null,
    active                  boolean     not null,
    intake_experience_since date        not null,
    qualified_on            date
);
create index agent_station on agent (station_code, active);

create table agent_record (
    event_id varchar(36)  primary key,
    agent_id varchar(36)  not null,
    kind     varchar(20)  not null,
    date     date         not null,
    text     varchar(500),
    examiner varchar(64),
    hours    integer      not null
);
create index agent_record_agent on agent_record (agent_id, kind, date);

-- Which agent is responsible for which delegation, and whether it is still open.
create table agent_workload (
    delegation_id varchar(36) primary key,
    agent_id      varchar(36) not null,
    open          boolean     not null
);
create index agent_workload_agent on agent_workload (agent_id) where open;
