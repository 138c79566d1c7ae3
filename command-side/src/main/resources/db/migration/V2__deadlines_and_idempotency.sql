-- db-scheduler's table: Axon's DbSchedulerDeadlineManager keeps every deadline here, so deadlines
-- (time limits, reminders) survive a restart and fire once across nodes.
create table scheduled_tasks (
    task_name            text                     not null,
    task_instance        text                     not null,
    task_data            bytea,
    execution_time       timestamp with time zone not null,
    picked               boolean                  not null,
    picked_by            text,
    last_success         timestamp with time zone,
    last_failure         timestamp with time zone,
    consecutive_failures int,
    last_heartbeat       timestamp with time zone,
    version              bigint                   not null,
    priority             smallint,
    primary key (task_name, task_instance)
);
create index scheduled_tasks_execution_time on scheduled_tasks (execution_time);
create index scheduled_tasks_last_heartbeat on scheduled_tasks (last_heartbeat);
create index scheduled_tasks_priority_execution_time on scheduled_tasks (priority desc, execution_time asc);

-- The answer to each request that carried an Idempotency-Key, written in the command's own transaction.
create table idempotency_record (
    idempotency_key     varchar(128) primary key,
    request_fingerprint varchar(64)  not null,
    aggregate_id        varchar(255),
    aggregate_version   bigint,
    reference           varchar(255),
    created_at          timestamp with time zone not null
);
create index idempotency_record_created_at on idempotency_record (created_at);
