-- 002 服务对象: the categories a client carries, on the delegation's row (the ledger filters by one: GIN index);
-- 000 §7.2.2 b / 003 附件3 六5: the agreed home visit and the arrival, late when after the agreed time. The
-- address is never in a view: it is read in full from the event store (/api/personal-data/{id}, logged).
alter table delegation_view add column client_categories varchar(32)[] not null default '{}';
alter table delegation_view add column home_visit_agreed_at timestamp with time zone;
alter table delegation_view add column home_visit_arrived_at timestamp with time zone;
alter table delegation_view add column home_visit_arrived_on date;
alter table delegation_view add column home_visit_late boolean not null default false;
create index delegation_view_client_categories on delegation_view using gin (client_categories);
create index delegation_view_late_home_visits on delegation_view (station_code) where home_visit_late;

-- The client-category list (ClientCategoryProjection, processing group "catalogue": reference data).
create table client_category_view (
    code       varchar(32) primary key,
    label      varchar(50) not null,
    group_name varchar(24) not null,
    sample     boolean     not null
);
