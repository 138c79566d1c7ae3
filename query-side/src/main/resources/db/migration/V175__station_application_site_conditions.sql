-- The 申请条件 an application to open a station states (004 附录A 表A.1): the applying organisation, foot traffic,
-- staff, equipment, whether the place is spacious and bright and the host stable. Null for applications that stated
-- none (every one before this version, and stations of levels that need not).
alter table station_application add column site_conditions jsonb;
