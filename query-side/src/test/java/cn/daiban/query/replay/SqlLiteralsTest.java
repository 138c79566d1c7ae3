package cn.daiban.query.replay;

import org.junit.jupiter.api.Test;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneId;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The literals a replay writes out: nothing in a text can end its literal, and a timestamp is the driver's text for it
 * (the JVM's zone with its offset, to the microsecond rounded half up). {@code ReplayWriteBatchingIT} writes every
 * kind both ways and compares the rows.
 */
class SqlLiteralsTest {

    private static String literal(Object value, String zone) {
        StringBuilder sql = new StringBuilder();
        SqlLiterals.append(sql, value, ZoneId.of(zone));
        return sql.toString();
    }

    @Test
    void aTimestampIsItsInstantInTheJvmsZoneWithItsOffset() {
        Timestamp half = Timestamp.from(Instant.parse("2026-12-03T16:59:59.123456500Z"));
        assertThat(literal(half, "Asia/Shanghai")).isEqualTo("E'2026-12-04T00:59:59.123457+08:00'");
        assertThat(literal(half, "UTC")).isEqualTo("E'2026-12-03T16:59:59.123457Z'");
        Timestamp almost = Timestamp.from(Instant.parse("2026-12-31T15:59:59.999999500Z"));
        assertThat(literal(almost, "Asia/Shanghai")).isEqualTo("E'2027-01-01T00:00:00+08:00'");
    }

    @Test
    void nothingInATextEndsItsLiteral() {
        assertThat(literal("it's a \\ '); drop table x; --", "UTC")).isEqualTo("E'it''s a \\\\ ''); drop table x; --'");
        assertThat(literal(new String[]{"a\"b\\", null, ""}, "UTC")).isEqualTo("E'{\"a\\\\\"b\\\\\\\\\",NULL,\"\"}'");
        assertThat(literal(null, "UTC")).isEqualTo("null");
    }

    @Test
    void onlyKindsItCanWriteAreWrittenOut() {
        assertThat(SqlLiterals.canWrite(new Object[]{"a", 1, 2L, (short) 3, (byte) 4, true, null})).isTrue();
        assertThat(SqlLiterals.canWrite(new Object[]{"a\0b"})).isFalse();
        assertThat(SqlLiterals.canWrite(new Object[]{new String[]{"a", "\0"}})).isFalse();
        assertThat(SqlLiterals.canWrite(new Object[]{1.5d})).isFalse();
        assertThat(SqlLiterals.canWrite(new Object[]{new Object()})).isFalse();
    }
}
