-- One row per delegation (DelegationProjection): what the ledger, the registers, the dashboards and the
-- supervision flags read. Refused intakes are rows too (declined = true).
create table delegation_view (
    delegation_id          varchar(36)  primary key,
    kind                   varchar(8)   not null,
    mode                   varchar(16),
    status                 varchar(24)  not null,
    station_code           varchar(20)  not null,
    window_name            varchar(32),
    item_code              varchar(32),
    item_name              varchar(100),
    item_revision          integer,
    department             varchar(64),
    agent_id               varchar(36)  not null,
    client_name            varchar(100) not null,
    client_phone           varchar(20),
    acceptance_form_number varchar(40),
    declined               boolean      not null,
    decline_reason         varchar(500),
    received_at            timestamp with time zone not null,
    received_on            date         not null,
    promised_working_days  integer,
    original_deadline      date,
    deadline               date,
    paused_working_days    integer      not null default 0,
    supplement_requests    integer      not null default 0,
    breaches               integer      not null default 0,
    escalated              boolean      not null default false,
    hop_overdue            boolean      not null default false,
    hop_overdue_station    varchar(20),
    at_risk                boolean      not null default false,
    overdue                boolean      not null default false,
    completed_at           timestamp with time zone,
    completed_on           date,
    successful             boolean,
    result_reference       varchar(100),
    failure_reason         varchar(500),
    on_time                boolean,
    handling_working_days  integer,
    terminated_on          date,
    termination_reason     varchar(40),
    delivered_on           date,
    delivery_method        varchar(24),
    grade                  varchar(24),
    rectification_status   varchar(8)   not null default 'NONE',
    rectification_due      date,
    archived_on            date,
    archive_reference      varchar(64),
    remark                 varchar(500),
    details                jsonb        not null default '{}'
);
create index delegation_view_station_received on delegation_view (station_code, received_at desc);
create index delegation_view_received on delegation_view (received_at desc);
create index delegation_view_window on delegation_view (window_name);
create index delegation_view_status on delegation_view (status);
create index delegation_view_item on delegation_view (item_code);
create index delegation_view_agent on delegation_view (agent_id);
create index delegation_view_kind on delegation_view (kind, received_at desc);
create index delegation_view_completed on delegation_view (station_code, completed_on);
create index delegation_view_flags on delegation_view (station_code) where at_risk or overdue or hop_overdue;

-- Every step of every delegation, keyed by its place in the stream (idempotent on replay).
create table delegation_step (
    delegation_id varchar(36)  not null,
    sequence      bigint       not null,
    at            timestamp with time zone not null,
    event_type    varchar(64)  not null,
    actor_id      varchar(64),
    station_code  varchar(20),
    summary       varchar(1000) not null,
    primary key (delegation_id, sequence)
);

-- Every evaluation, voided ones included (SatisfactionViews).
create table evaluation_view (
    delegation_id  varchar(36) not null,
    number         integer     not null,
    station_code   varchar(20) not null,
    agent_id       varchar(36) not null,
    item_code      varchar(32),
    overall        varchar(24) not null,
    attitude       varchar(24) not null,
    quality        varchar(24) not null,
    efficiency     varchar(24) not null,
    channel        varchar(24) not null,
    comment        varchar(1000),
    evaluated_on   date        not null,
    voided         boolean     not null default false,
    void_reason    varchar(500),
    primary key (delegation_id, number)
);
create index evaluation_view_station on evaluation_view (station_code, evaluated_on);
create index evaluation_view_agent on evaluation_view (agent_id, evaluated_on);
create index evaluation_view_item on evaluation_view (item_code, evaluated_on);

-- Consultation record (接待咨询记录).
create table consultation_view (
    consultation_id varchar(36)   primary key,
    station_code    varchar(20)   not null,
    agent_id        varchar(36),
    visitor_name    varchar(100)  not null,
    contact         varchar(20)   not null,
    channel         varchar(16)   not null,
    content         varchar(2000) not null,
    recorded_at     timestamp with time zone not null,
    recorded_on     date          not null,
    forwarded_to    varchar(64),
    reply_due       date,
    answer          varchar(2000),
    answered_on     date,
    answered_at_once boolean,
    in_time         boolean,
    overdue         boolean       not null default false,
    delegation_id   varchar(36)
);
create index consultation_view_station on consultation_view (station_code, recorded_at desc);
create index consultation_view_in_time on consultation_view (in_time);
