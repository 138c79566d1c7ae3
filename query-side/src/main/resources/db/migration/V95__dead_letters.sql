-- Axon's sequenced dead-letter queue of every processing group (JdbcSequencedDeadLetterQueue, laid out by
-- DeadLetterConfiguration.SCHEMA): an event a projection could not process, and every later event of the same
-- sequence (the aggregate: that delegation, that station), parked here while the other sequences flow on.
-- Serialized data is bytea (no oid/large objects); Axon writes its timestamps as ISO-8601 text and compares them as
-- text, so they are varchar as in Axon's own table factory.
create table dead_letter_entry (
    dead_letter_id       varchar(255) not null primary key,
    processing_group     varchar(255) not null,
    sequence_identifier  varchar(255) not null,
    sequence_index       bigint       not null,
    message_type         varchar(255) not null,
    event_identifier     varchar(255) not null,
    time_stamp           varchar(255) not null,
    payload_type         varchar(255) not null,
    payload_revision     varchar(255),
    payload              bytea        not null,
    meta_data            bytea,
    aggregate_type       varchar(255),
    aggregate_identifier varchar(255),
    sequence_number      bigint,
    token_type           varchar(255),
    token                bytea,
    enqueued_at          varchar(255) not null,
    last_touched         varchar(255),
    processing_started   varchar(255),
    cause_type           varchar(255),
    cause_message        varchar(1023),
    diagnostics          bytea,
    constraint dead_letter_entry_sequence_index unique (processing_group, sequence_identifier, sequence_index)
);
create index dead_letter_entry_group on dead_letter_entry (processing_group);
create index dead_letter_entry_sequence on dead_letter_entry (processing_group, sequence_identifier);
create index dead_letter_entry_by_sequence on dead_letter_entry (sequence_identifier);

-- Parked events an administrator gave up on, with who, when and why; the event itself stays in the event store.
create table dead_letter_eviction (
    id                  bigserial    primary key,
    processing_group    varchar(255) not null,
    sequence_identifier varchar(255) not null,
    event_identifier    varchar(255) not null,
    event_type          varchar(255) not null,
    aggregate_sequence  bigint,
    event_position      bigint,
    cause_type          varchar(255),
    cause_message       varchar(1023),
    enqueued_at         timestamp with time zone,
    evicted_by          varchar(64)  not null,
    evicted_at          timestamp with time zone not null default now(),
    reason              varchar(1000) not null
);
create index dead_letter_eviction_sequence on dead_letter_eviction (processing_group, sequence_identifier);
