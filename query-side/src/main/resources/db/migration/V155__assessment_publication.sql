-- The quarterly assessment as published (通报, 003 四(三)), once per station and quarter: the figures of every level
-- (STATION, ZONE, AGENT) in their canonical JSON form (kept as text, byte for byte, so the digest can be checked
-- again) and their SHA-256. Kept by the processing group "frozen-figures", which never deletes: a replay keeps
-- what was frozen when the publication was first followed.
create table assessment_publication (
    publication_id varchar(80)  primary key,
    station_code   varchar(20)  not null,
    year           int          not null,
    quarter        int          not null,
    published_at   timestamptz  not null,
    published_by   varchar(100),
    digest         char(64)     not null,
    figures        text         not null
);
