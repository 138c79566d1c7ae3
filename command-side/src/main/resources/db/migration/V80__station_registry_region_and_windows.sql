-- A station's region and the codes of its windows / zones in the command side's look-up (JdbcStationRegistry),
-- for two set-wide checks: a new station's code lies under its parent's region, and a delegation is transferred
-- only to a window or zone its station has.
--
-- Stations registered before this version are filled from their own events in the embedded event store: the
-- region from the opening application, the windows from the latest opening or approved change that lists them
-- (an approved change without windows leaves them as they were). Read as json, not jsonb, so no stored text can
-- make this migration fail. Where the events are not in this database (Axon Server), both stay null: the look-up
-- then does not know them, and the checks that need them are not made for those stations.
alter table station_registry add column region varchar(12);
alter table station_registry add column window_codes text[];

update station_registry r
set region = convert_from(e.payload, 'UTF8')::json ->> 'region'
from domain_event_entry e
where e.aggregate_identifier = r.station_code
  and e.payload_type = 'cn.daiban.kernel.station.StationOpeningRequestedEvent';

update station_registry r
set window_codes = (
    select array(select w ->> 'code' from json_array_elements(latest.windows) w)
    from (select convert_from(e.payload, 'UTF8')::json -> 'windows' as windows, e.global_index
          from domain_event_entry e
          where e.aggregate_identifier = r.station_code
            and e.payload_type in ('cn.daiban.kernel.station.StationOpeningRequestedEvent',
                                   'cn.daiban.kernel.station.StationChangeApprovedEvent')) latest
    where json_typeof(latest.windows) = 'array'
    order by latest.global_index desc
    limit 1)
where exists (select 1 from domain_event_entry e
              where e.aggregate_identifier = r.station_code
                and e.payload_type = 'cn.daiban.kernel.station.StationOpeningRequestedEvent');
