-- Tolerated materials (容缺, 000 §7.2.1 d) in view: how many are still outstanding and how many are past the date
-- the client committed to (DelegationProjection keeps both from the details' tolerated:<name> entries), and the
-- line they add to the ledger's and registers' 备注. Existing rows start at none; a rebuild fills them from the events.
alter table delegation_view
    add column tolerated_outstanding integer not null default 0,
    add column tolerated_overdue     integer not null default 0,
    add column materials_remark      varchar(1000);
create index delegation_view_tolerated on delegation_view (station_code) where tolerated_outstanding > 0;
