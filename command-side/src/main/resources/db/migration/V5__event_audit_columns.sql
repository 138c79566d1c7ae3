-- Who, where and which request, copied from each event's metadata into columns as the event is appended
-- (HashChainingAppendStatement), so supervision can ask "what did agent X do last week" or "what happened at
-- station S" from the event store itself, through an index. The metadata (covered by the hash chain) stays
-- the source; the audit verification checks the columns against it.
alter table domain_event_entry add column actor_id varchar(64);
alter table domain_event_entry add column station_code varchar(20);
alter table domain_event_entry add column correlation_id varchar(128);
create index domain_event_entry_actor on domain_event_entry (actor_id, global_index);
create index domain_event_entry_station on domain_event_entry (station_code, global_index);
create index domain_event_entry_correlation on domain_event_entry (correlation_id);
create index domain_event_entry_time on domain_event_entry (time_stamp);
