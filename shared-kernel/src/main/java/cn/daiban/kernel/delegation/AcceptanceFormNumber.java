package cn.daiban.kernel.delegation;

import cn.daiban.kernel.common.InvalidValueException;
import cn.daiban.kernel.common.Require;
import cn.daiban.kernel.station.StationCode;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The number of an acceptance form (受理单编号), shared by its stub and its receipt (`002 表A.2`, `000 附录A`):
 * station code, the commissioning date and the day's sequence at that station, e.g. {@code 140521101201-20261124-0007}.
 * Unique because each station's day sequence is handed out once. The sequence has at least four digits (zero-padded,
 * as every number issued so far reads) and grows past 9999 without a ceiling worth the name (up to nine digits, so
 * the longest number, 39 characters, still fits the 40 its stores give it).
 */
public record AcceptanceFormNumber(@JsonValue String value) {

    private static final Pattern FORMAT = Pattern.compile("([A-Z0-9]{4,20})-(\\d{8})-(\\d{4,9})");
    private static final DateTimeFormatter DAY = DateTimeFormatter.BASIC_ISO_DATE;
    /** The largest day sequence: nine digits. */
    public static final int MAX_SEQUENCE = 999_999_999;

    public AcceptanceFormNumber {
        Matcher matcher = FORMAT.matcher(Require.present(value, "acceptanceFormNumber"));
        if (!matcher.matches()) {
            throw new InvalidValueException("acceptanceFormNumber",
                    "must read <station code>-<yyyyMMdd>-<sequence of 4 to 9 digits>");
        }
        try {
            LocalDate.parse(matcher.group(2), DAY);
        } catch (DateTimeParseException e) {
            throw new InvalidValueException("acceptanceFormNumber", "has no valid date");
        }
        if (Integer.parseInt(matcher.group(3)) == 0) {
            throw new InvalidValueException("acceptanceFormNumber", "sequence starts at 0001");
        }
    }

    @JsonCreator
    public static AcceptanceFormNumber of(String value) {
        return new AcceptanceFormNumber(value);
    }

    public static AcceptanceFormNumber of(StationCode station, LocalDate day, int sequence) {
        if (sequence < 1 || sequence > MAX_SEQUENCE) {
            throw new InvalidValueException("acceptanceFormNumber",
                    "sequence must be 1 to " + MAX_SEQUENCE + " per station and day");
        }
        return new AcceptanceFormNumber(station.value() + "-" + DAY.format(day) + "-" + String.format("%04d", sequence));
    }

    /** Station codes have no '-': the station is what precedes the first one, the day the 8 digits after it. */
    public StationCode station() {
        return StationCode.of(value.substring(0, value.indexOf('-')));
    }

    public LocalDate day() {
        int dash = value.indexOf('-');
        return LocalDate.parse(value.substring(dash + 1, dash + 9), DAY);
    }

    /** The day's sequence at the station. */
    public int sequence() {
        return Integer.parseInt(value.substring(value.lastIndexOf('-') + 1));
    }

    @Override
    public String toString() {
        return value;
    }
}
