-- The counters of V165 for the matters already projected (the projection keeps them from here on), so an upgraded
-- database answers the same totals before any rebuild. Added on shard 0. Kept apart from V165 so that it can be run
-- again against an empty copy of the table and compared with the projection's counters (DashboardFiguresIT).
-- Assumption, as for V161: the query nodes are upgraded together (stopped, then started on this version); a node of
-- the version before that projected after this ran would leave these counters short until a rebuild of the group.
insert into delegation_facet_figure as f (facet, value, station_code, shard, matters)
select x.facet, x.value, d.station_code, 0, count(*)
from delegation_view d
cross join lateral (values ('window', d.window_name), ('status', d.status), ('item', d.item_code),
                           ('agent', d.agent_id), ('kind', d.kind)) x(facet, value)
where x.value is not null
group by 1, 2, 3
on conflict (facet, value, station_code, shard) do update set matters = f.matters + excluded.matters;
