package cn.daiban.security.privacy;

/** The tables of the privacy store: subjects' keys, the blind index and the access log. */
public final class PersonalDataSchema {

    private PersonalDataSchema() {
    }

    public static String ddl(String schema) {
        return """
                create table if not exists %1$s.personal_data_key (
                    subject_id  varchar(64) primary key,
                    wrapped_key bytea,
                    created_at  timestamp with time zone not null,
                    erased_at   timestamp with time zone,
                    erased_by   varchar(64)
                );
                create table if not exists %1$s.personal_data_index (
                    digest     varchar(64) not null,
                    subject_id varchar(64) not null,
                    primary key (digest, subject_id)
                );
                create index if not exists personal_data_index_subject on %1$s.personal_data_index (subject_id);
                create table if not exists %1$s.personal_data_access (
                    id              bigserial primary key,
                    at              timestamp with time zone not null,
                    reader_id       varchar(64) not null,
                    reader_role     varchar(16) not null,
                    reader_station  varchar(20),
                    subject_id      varchar(64) not null,
                    subject_station varchar(20),
                    purpose         varchar(64) not null
                );
                create index if not exists personal_data_access_station on %1$s.personal_data_access (subject_station, at);
                create index if not exists personal_data_access_subject on %1$s.personal_data_access (subject_id, at);
                """.formatted(schema);
    }
}
