-- A declined intake (不予受理) now has steps of its own (its materials handed back, 002 帮办·办结; its archive,
-- 002 资料归档), so the command policy must know its station like any other delegation's: it is registered,
-- finished from the start. Intakes declined before this release are registered from their stored events (the
-- station code is not personal data, so it is stored in clear). With Axon Server the events are not in this table:
-- those earlier declined intakes stay unregistered (their commands are then left to the aggregate, as for any
-- record the policy does not know).
insert into delegation_registry (delegation_id, station_code, finished)
select aggregate_identifier, convert_from(payload, 'UTF8')::jsonb ->> 'stationCode', true
from domain_event_entry
where payload_type = 'cn.daiban.kernel.delegation.DelegationDeclinedEvent'
on conflict (delegation_id) do nothing;
