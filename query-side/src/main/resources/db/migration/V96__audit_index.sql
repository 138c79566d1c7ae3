-- Where to find events by actor, station, time or stream without reading the whole store: one row per stored
-- event, fed by the "audit-index" tracking processor from whichever engine stores the events (the JDBC table or
-- Axon Server). Only a finding aid: the audit reads and verifies the events themselves through the event store.
create table audit_index (
    event_identifier     varchar(255) primary key,
    position             bigint       not null,
    aggregate_identifier varchar(255) not null,
    sequence_number      bigint       not null,
    event_type           varchar(255) not null,
    actor_id             varchar(255),
    station_code         varchar(255),
    time_stamp           timestamptz  not null
);
create index audit_index_position on audit_index (position);
create index audit_index_aggregate on audit_index (aggregate_identifier, position);
create index audit_index_actor on audit_index (actor_id, position);
create index audit_index_station on audit_index (station_code, position);
create index audit_index_time on audit_index (time_stamp, position);
