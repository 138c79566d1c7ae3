-- Personal data: the views keep phone numbers masked (139****5678), and forget names and phones when a data subject
-- is erased, so contacts may be empty from now on.
alter table consultation_view alter column contact drop not null;
alter table complaint_view alter column contact drop not null;
alter table appointment_view alter column phone drop not null;
alter table notification_recipient alter column phone drop not null;
alter table notification_outbox alter column phone drop not null;
alter table notification_delivery alter column phone drop not null;
