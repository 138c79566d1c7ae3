-- Client notifications (NotificationOutbox): produced from events in the projection's transaction (one row
-- per event and template, so never twice), sent by the dispatcher with retries; every attempt is kept.
create table notification_recipient (
    subject_id varchar(36)  primary key,
    client     varchar(100) not null,
    phone      varchar(20)  not null,
    item_name  varchar(100),
    station    varchar(64)
);

create table notification_outbox (
    id              varchar(80)   primary key,
    subject_id      varchar(36)   not null,
    template        varchar(40)   not null,
    phone           varchar(20)   not null,
    text_zh         varchar(1000) not null,
    text_en         varchar(1000) not null,
    status          varchar(12)   not null,
    attempts        integer       not null default 0,
    next_attempt_at timestamp with time zone not null,
    created_at      timestamp with time zone not null,
    sent_at         timestamp with time zone,
    last_error      varchar(500)
);
create index notification_outbox_due on notification_outbox (next_attempt_at) where status = 'PENDING';
create index notification_outbox_subject on notification_outbox (subject_id, created_at);

create table notification_attempt (
    notification_id varchar(80) not null,
    attempt         integer     not null,
    at              timestamp with time zone not null,
    outcome         varchar(12) not null,
    error           varchar(500),
    primary key (notification_id, attempt)
);

-- What the default sender "sent": one row per notification, written in the transaction that marks it sent.
create table notification_delivery (
    notification_id varchar(80) primary key,
    phone           varchar(20) not null,
    text            varchar(1000) not null,
    delivered_at    timestamp with time zone not null
);

-- The station and item names notifications speak of, kept by the notification group itself (see NotificationOutbox).
create table notification_name (
    kind varchar(8)   not null,
    code varchar(32)  not null,
    name varchar(100) not null,
    primary key (kind, code)
);
