-- Who typed a grade in (null: the client through their invitation, channel CLIENT, or a grade recorded before this
-- was kept), and phone follow-up calls (电话回访, 004 §7.1.3) as records of their own (DelegationProjection).
alter table evaluation_view add column entered_by varchar(64);

create table phone_follow_up (
    delegation_id     varchar(36)   not null,
    number            integer       not null,
    station_code      varchar(20)   not null,
    agent_id          varchar(36)   not null,
    item_code         varchar(32),
    called_by         varchar(64),
    called_at         timestamp with time zone not null,
    called_on         date          not null,
    reached           boolean       not null,
    summary           varchar(1000) not null,
    evaluation_number integer,
    of_poor_grade     boolean       not null,
    primary key (delegation_id, number)
);
create index phone_follow_up_station on phone_follow_up (station_code, called_on);
