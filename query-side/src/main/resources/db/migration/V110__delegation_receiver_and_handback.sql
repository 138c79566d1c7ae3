-- 003 三(五) 首先接收的帮办代办员作为第一责任人: the work ledger's 受理人员 is the first receiver, by name, and stays so
-- after a reassignment; the detail names the current handler too. Names are taken from the events (the name as
-- registered when it happened), or from the agent view at projection time for events written before they carried
-- names. 002 帮办·办结: the day an ended matter's materials were handed back, signed for by the client.
alter table delegation_view add column first_receiver_id varchar(36);
alter table delegation_view add column first_receiver_name varchar(100);
alter table delegation_view add column handler_name varchar(100);
alter table delegation_view add column materials_handed_back_on date;

-- Rows projected before this release: the view kept only the current agent, so the first receiver is taken to be
-- the current one (exact after a rebuild of the `delegations` group, which replays the reassignments).
update delegation_view d set first_receiver_id = d.agent_id,
    first_receiver_name = (select a.name from agent a where a.agent_id = d.agent_id),
    handler_name = (select a.name from agent a where a.agent_id = d.agent_id)
where first_receiver_id is null;
