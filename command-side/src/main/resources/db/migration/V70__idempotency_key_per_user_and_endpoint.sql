-- An Idempotency-Key belongs to the user who sent it and to the endpoint (method and path) it was sent to: the
-- same key from another user, or on another endpoint, is another request, never a replay of someone else's
-- answer. Records kept from before have no user or endpoint ('') and so match no request any more: a retry of a
-- request sent before this migration runs again (its key would have expired with the client's retry anyway).
alter table idempotency_record add column actor_id varchar(255) not null default '';
alter table idempotency_record add column endpoint text not null default '';
alter table idempotency_record drop constraint idempotency_record_pkey;
alter table idempotency_record add primary key (actor_id, endpoint, idempotency_key);
alter table idempotency_record alter column actor_id drop default;
alter table idempotency_record alter column endpoint drop default;
