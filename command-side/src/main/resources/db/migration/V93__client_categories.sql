-- The client-category list (002 服务对象), kept by JdbcClientCategories in the defining command's transaction.
create table client_category_registry (
    code       varchar(32)  primary key,
    label      varchar(50)  not null,
    group_name varchar(24)  not null
);
