package cn.daiban.security.privacy;

import cn.daiban.security.User;
import org.springframework.jdbc.core.JdbcTemplate;

import java.sql.Timestamp;
import java.time.Instant;

/** Who read whose full, unmasked personal data, when and for what: itself a record supervision reads. */
public class PersonalDataAccessLog {

    private final JdbcTemplate jdbc;
    private final String schema;

    public PersonalDataAccessLog(JdbcTemplate jdbc, PrivacyProperties properties) {
        this.jdbc = jdbc;
        this.schema = properties.schema();
    }

    public void record(User reader, String subject, String station, String purpose) {
        jdbc.update("insert into " + schema + ".personal_data_access (at, reader_id, reader_role, reader_station,"
                        + " subject_id, subject_station, purpose) values (?, ?, ?, ?, ?, ?, ?)",
                Timestamp.from(Instant.now()), reader.id(), reader.role().name(), reader.station(), subject, station,
                purpose);
    }
}
