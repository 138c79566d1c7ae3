-- The service-item catalogue (CatalogueProjection): the current revision of each item, and every revision.
create table service_item (
    code             varchar(32)  primary key,
    revision         integer      not null,
    status           varchar(16)  not null,
    sample           boolean      not null,
    name             varchar(100) not null,
    department       varchar(64)  not null,
    online_available boolean      not null,
    touches_privacy  boolean      not null,
    authority_levels text[]       not null,
    definition       jsonb        not null
);
create index service_item_department on service_item (department);
create index service_item_levels on service_item using gin (authority_levels);
create index service_item_status on service_item (status);
create index service_item_flags on service_item (online_available, touches_privacy);

create table service_item_revision (
    id         varchar(48)  primary key,
    code       varchar(32)  not null,
    revision   integer      not null,
    revised_at timestamp with time zone not null,
    actor_id   varchar(64),
    reason     varchar(500),
    definition jsonb        not null
);
create index service_item_revision_code on service_item_revision (code, revision);
