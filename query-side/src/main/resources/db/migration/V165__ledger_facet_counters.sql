-- The ledger's total under one filter alone (window, status, item, agent; kind for the registers) was counted over
-- the matching rows: at 1 M matters, an item 70 % of the county's matters are for took 0.8-1.2 s a request (its
-- count alone 156 ms, read from the index alone). These counters, kept by the delegations projection with every row of
-- delegation_view (DelegationFigures), hold the matters per filter, value and station, so that total is a sum over
-- the scope's stations (times the shards), whatever the number of matters. Filled from the rows already projected
-- by V166; rebuilt with the projection (ProjectionRebuilds, PointInTime shadow this table).
--
-- Every row counts once per filter under its value now, accepted or declined, as the ledger lists it; a row without
-- a window or an item counts under neither. The key leads with the filter and its value: a total reads the rows of
-- that value for the scope's stations.
create table delegation_facet_figure (
    facet        varchar(8)  not null check (facet in ('window', 'status', 'item', 'agent', 'kind')),
    value        varchar(36) not null,
    station_code varchar(20) not null,
    shard        smallint    not null,
    matters      bigint      not null default 0,
    primary key (facet, value, station_code, shard)
);
