package cn.daiban.kernel.station;

import cn.daiban.kernel.common.Require;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.regex.Pattern;

/**
 * A station's code: upper-case letters and digits, 4 to 20 characters (for example the division code and a
 * serial, 140521101001). It identifies the station's aggregate and prefixes its acceptance-form numbers.
 */
public record StationCode(@JsonValue String value) {

    private static final Pattern FORMAT = Pattern.compile("[A-Z0-9]{4,20}");

    public StationCode {
        Require.matching(value, FORMAT, "stationCode", "must be 4 to 20 upper-case letters or digits");
    }

    @JsonCreator
    public static StationCode of(String value) {
        return new StationCode(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
