-- Station directory and application history (StationProjection). Every filter the directory offers has an
-- index: level, parent, status, region prefix.
create table station_directory (
    station_code       varchar(20)  primary key,
    name               varchar(64)  not null,
    level              varchar(32)  not null,
    parent_code        varchar(20),
    host_type          varchar(16),
    region             varchar(12)  not null,
    address            varchar(200) not null,
    manager_name       varchar(32)  not null,
    manager_phone      varchar(20)  not null,
    supervision_phone  varchar(20)  not null,
    status             varchar(16)  not null,
    windows            jsonb        not null default '[]',
    service_item_codes jsonb        not null default '[]',
    applied_at         timestamp with time zone,
    opened_at          timestamp with time zone,
    closed_at          timestamp with time zone
);
create index station_directory_level on station_directory (level);
create index station_directory_parent on station_directory (parent_code);
create index station_directory_status on station_directory (status);
create index station_directory_region on station_directory (region varchar_pattern_ops);

create table station_application (
    application_id        varchar(64)  primary key,
    station_code          varchar(20)  not null,
    kind                  varchar(16)  not null,
    outcome               varchar(16)  not null,
    summary               varchar(300),
    reason                varchar(500),
    requested_at          timestamp with time zone not null,
    requested_by          varchar(64),
    decided_at            timestamp with time zone,
    decided_by            varchar(64),
    approver_station_code varchar(20),
    decision_note         varchar(500)
);
create index station_application_station on station_application (station_code, requested_at);
