-- Each agent's station, role and standing (JdbcAgentRegistry), kept in the agent events' transaction.
create table agent_registry (
    agent_id     varchar(36) primary key,
    station_code varchar(20) not null,
    name         varchar(32) not null,
    role         varchar(16) not null,
    active       boolean     not null,
    qualified_on date
);
