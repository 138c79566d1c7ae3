-- Steps recorded after the fact (补录): the moment a step happened when it is not the moment it was recorded
-- (`at`), and why it was entered late. Both null for every step recorded as it happened. Supervision lists the
-- back-dated ones (/api/supervision/backdated-steps), newest entry first.
alter table delegation_step add column occurred_at timestamp with time zone;
alter table delegation_step add column backdating_reason varchar(500);
create index delegation_step_backdated on delegation_step (at desc) where occurred_at is not null;
