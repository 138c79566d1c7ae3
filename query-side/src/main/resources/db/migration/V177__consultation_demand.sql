-- 001 §7.1.2 (掌握本地群众高频次的办事需求): the matter a consultation asked about, an item of the catalogue or in the
-- visitor's words, and whether the station's list offered it when asked. Consultations recorded before read null: they
-- named no matter. The demand list reads a station's (or a zone's) consultations that named one, by the day recorded,
-- on this partial index.
alter table consultation_view
    add column item_code    varchar(32),
    add column item_asked   varchar(200),
    add column offered_here boolean;
create index consultation_view_demand on consultation_view (station_code, recorded_on)
    where item_code is not null or item_asked is not null;
