-- 工作日志 (002 代办·承办: 代办服务过程中出现问题，应及时进行分析、解决和记录…建立工作日志; 004 §6.3.3.2.3: 建立帮办工作日志，协助做好与
-- 有关审批部门工作人员的沟通工作): each matter's work log, entry by entry. The station of the matter is copied in (as the
-- evaluations and phone follow-ups do), so a station's log reads its own index.
create table work_log_entry (
    delegation_id varchar(36)   not null,
    number        integer       not null,
    station_code  varchar(20)   not null,
    kind          varchar(16)   not null,
    occurred_at   timestamp with time zone not null,
    occurred_on   date          not null,
    summary       varchar(1000) not null,
    analysis      varchar(1000),
    resolution    varchar(1000),
    department    varchar(64),
    contact       varchar(64),
    resolves      integer,
    -- the later entry that resolved this problem, and its day
    resolved_by   integer,
    resolved_on   date,
    recorded_by   varchar(64),
    primary key (delegation_id, number)
);

-- A station's log, newest first (the list's order), with a date range; by kind; and its problems still open.
create index work_log_station_day on work_log_entry (station_code, occurred_on desc, occurred_at desc, delegation_id, number);
create index work_log_station_kind_day on work_log_entry (station_code, kind, occurred_on desc);
create index work_log_open_problems on work_log_entry (station_code, occurred_on desc)
    where kind = 'PROBLEM' and resolution is null and resolved_by is null;
