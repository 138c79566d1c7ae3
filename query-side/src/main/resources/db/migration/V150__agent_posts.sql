-- An agent's post (003 三(三): 专区 / 分区 / 窗口 / 站) and full-time (专职). Agents registered before carry none:
-- posted at the station, not recorded as full-time, until a post change says otherwise.
alter table agent add column post varchar(16) not null default 'STATION';
alter table agent add column window_code varchar(32);
alter table agent add column full_time boolean not null default false;
