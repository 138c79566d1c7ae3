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
 * Unique because each station's day sequence is handed out once.
 */
public record AcceptanceFormNumber(@JsonValue String value) {

    private static final Pattern FORMAT = Pattern.compile("([A-Z0-9]{4,20})-(\\d{8})-(\\d{4})");
    private static final DateTimeFormatter DAY = DateTimeFormatter.BASIC_ISO_DATE;

    public AcceptanceFormNumber {
        Matcher matcher = FORMAT.matcher(Require.present(value, "acceptanceFormNumber"));
        if (!matcher.matches()) {
            throw new InvalidValueException("acceptanceFormNumber",
                    "must read <station code>-<yyyyMMdd>-<4-digit sequence>");
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
        if (sequence < 1 || sequence > 9999) {
            throw new InvalidValueException("acceptanceFormNumber", "sequence must be 1 to 9999 per station and day");
        }
        return new AcceptanceFormNumber(station.value() + "-" + DAY.format(day) + "-" + String.format("%04d", sequence));
    }

    public StationCode station() {
        return StationCode.of(value.substring(0, value.length() - 14));
    }

    public LocalDate day() {
        return LocalDate.parse(value.substring(value.length() - 13, value.length() - 5), DAY);
    }

    @Override
    public String toString() {
        return value;
    }
}
