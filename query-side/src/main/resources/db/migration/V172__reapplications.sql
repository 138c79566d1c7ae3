-- 001 §6.4.2 (对未代办成功的事项…协助重新办理): a matter re-applied after a failure names the earlier one, and the earlier
-- one lists its re-applications, so supervision sees on a failed matter whether the client was helped to apply again.
-- The link is kept on the new matter's own row (a write to the earlier matter's row would come from another matter's
-- event, on another segment's transaction).
alter table delegation_view add column previous_delegation_id varchar(36);

-- Matters before this column: the earlier matter named in their remark, as the projection writes it
-- (重新申请，原件 <id>；).
update delegation_view d set previous_delegation_id = substring(d.remark from '重新申请，原件 ([0-9a-f-]{36})；')
where d.remark like '%重新申请，原件 %';

-- A matter's re-applications, read by the earlier matter's detail.
create index delegation_view_previous on delegation_view (previous_delegation_id)
    where previous_delegation_id is not null;
analyze delegation_view;
