-- Tracking tokens of the query side's streaming processors; written in the same transaction as the rows
-- each projection writes (see AxonConfiguration).
create table token_entry (
    processor_name varchar(255) not null,
    segment        integer      not null,
    token          bytea,
    token_type     varchar(255),
    time_stamp     varchar(255),
    owner          varchar(255),
    primary key (processor_name, segment)
);
