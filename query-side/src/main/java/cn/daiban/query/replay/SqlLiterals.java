package cn.daiban.query.replay;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * A replay's arguments written out as SQL string literals, for an {@code execute} of a prepared statement
 * ({@link ReplayWriteBatching}), which reads each untyped literal as its parameter's type (without a length: a
 * {@code char(1)} parameter is not cut short). The text each value is read from is the one the PostgreSQL driver
 * sends for it as a parameter, so the row written is the same where the parameter's type is the value's own kind
 * (a number for a number column, a timestamp for a timestamp; a {@code Timestamp} given for a text parameter would
 * be written in ISO form, unlike the driver: no statement of a replay does that).
 *
 * <ul>
 *   <li>a string as an escape string {@code E'…'}, every backslash and quote doubled: nothing in it can end the
 *       literal, whatever {@code standard_conforming_strings} says. A string holding a NUL character is not
 *       written out (a statement text cannot hold one; sent as a parameter, PostgreSQL refuses it as before);</li>
 *   <li>numbers and booleans by their decimal or {@code true}/{@code false} text;</li>
 *   <li>a {@link Timestamp} as the driver sends it: to the microsecond, the local date and time in this JVM's zone
 *       with that zone's offset (a {@code timestamptz} gets the same instant, a {@code timestamp} the same local
 *       time);</li>
 *   <li>a {@link java.sql.Date} as its local date, as the driver sends it;</li>
 *   <li>a {@code String[]} as an array literal, each element double-quoted and escaped.</li>
 * </ul>
 * Any other kind of value makes the write go as it is, with parameters ({@link #canWrite}).
 */
final class SqlLiterals {

    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ISO_OFFSET_DATE_TIME;

    private SqlLiterals() {
    }

    /** Whether every one of {@code args} can be written out. */
    static boolean canWrite(Object[] args) {
        for (Object arg : args) {
            if (!canWrite(arg)) {
                return false;
            }
        }
        return true;
    }

    private static boolean canWrite(Object arg) {
        if (arg == null || arg instanceof Boolean || arg instanceof Integer || arg instanceof Long
                || arg instanceof Short || arg instanceof Byte || arg instanceof BigInteger || arg instanceof BigDecimal
                || arg instanceof UUID || arg instanceof Timestamp || arg instanceof java.sql.Date) {
            return true;
        }
        if (arg instanceof String text) {
            return text.indexOf('\0') < 0;
        }
        if (arg instanceof String[] texts) {
            for (String text : texts) {
                if (text != null && text.indexOf('\0') >= 0) {
                    return false;
                }
            }
            return true;
        }
        return false;
    }

    /** Appends {@code arg} as a literal ({@code null} for null); only for values {@link #canWrite} accepts. */
    static void append(StringBuilder sql, Object arg) {
        append(sql, arg, ZoneId.systemDefault());
    }

    /** As {@link #append(StringBuilder, Object)}, a timestamp in {@code zone} (the JVM's, as the driver's). */
    static void append(StringBuilder sql, Object arg, ZoneId zone) {
        if (arg == null) {
            sql.append("null");
        } else if (arg instanceof String text) {
            quoted(sql, text);
        } else if (arg instanceof BigDecimal decimal) {
            quoted(sql, decimal.toPlainString());
        } else if (arg instanceof Timestamp timestamp) {
            // To the microsecond, half up, as the driver rounds (PostgreSQL's own rounding of more digits differs).
            Instant micros = timestamp.toInstant().plusNanos(500).truncatedTo(ChronoUnit.MICROS);
            quoted(sql, TIMESTAMP.format(OffsetDateTime.ofInstant(micros, zone)));
        } else if (arg instanceof java.sql.Date date) {
            quoted(sql, date.toLocalDate().toString());
        } else if (arg instanceof String[] texts) {
            StringBuilder array = new StringBuilder("{");
            for (int i = 0; i < texts.length; i++) {
                if (i > 0) {
                    array.append(',');
                }
                if (texts[i] == null) {
                    array.append("NULL");
                } else {
                    array.append('"');
                    for (char c : texts[i].toCharArray()) {
                        if (c == '"' || c == '\\') {
                            array.append('\\');
                        }
                        array.append(c);
                    }
                    array.append('"');
                }
            }
            quoted(sql, array.append('}').toString());
        } else {
            quoted(sql, arg.toString()); // Boolean, whole numbers, UUID: their text is PostgreSQL's input
        }
    }

    private static void quoted(StringBuilder sql, String text) {
        sql.append("E'");
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\'' || c == '\\') {
                sql.append(c);
            }
            sql.append(c);
        }
        sql.append('\'');
    }
}
