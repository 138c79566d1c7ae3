-- 003 三(五): a transfer to another zone or window waits for its receiver. The pending one, if any, per delegation;
-- the flags read the pending ones through the partial index (as many rows as transfers waiting).
alter table delegation_view add column transfer_to varchar(32);
alter table delegation_view add column transfer_from varchar(32);
alter table delegation_view add column transfer_reason varchar(500);
alter table delegation_view add column transfer_requested_at timestamp with time zone;
create index delegation_view_pending_transfer on delegation_view (transfer_requested_at) where transfer_to is not null;
