-- The current revision of each service item (JdbcServiceItemCatalog), kept in the publishing transaction.
create table catalogue_registry (
    code       varchar(32) primary key,
    revision   integer     not null,
    definition jsonb       not null,
    withdrawn  boolean     not null
);
