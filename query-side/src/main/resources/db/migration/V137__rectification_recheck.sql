-- Supervision re-checks a rectification (复查, 000 §8.2.2, 004 §7.2.2): the station's "done" now awaits the
-- re-check (status AWAITING_RECHECK), and supervision lists open rectifications by age since they were opened.
alter table delegation_view alter column rectification_status type varchar(20);
alter table delegation_view add column rectification_opened_on date;
create index delegation_view_rectification_idx on delegation_view (rectification_opened_on)
    where rectification_status in ('OPEN', 'OVERDUE', 'AWAITING_RECHECK');
