package cn.daiban.kernel.common;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.regex.Pattern;

/**
 * A six-digit administrative division code (行政区划代码, GB/T 2260), e.g. 140521 for 沁水县. Optionally
 * followed by a three-digit township and a three-digit village part (12 digits, as the statistics bureau's
 * urban-rural division codes use), so a station can be placed exactly and filtered by any prefix.
 */
public record RegionCode(@JsonValue String value) {

    private static final Pattern FORMAT = Pattern.compile("[1-8]\\d{5}(\\d{3}(\\d{3})?)?");

    public RegionCode {
        Require.matching(value, FORMAT, "region",
                "must be a 6-digit division code, optionally followed by 3-digit township and village parts");
    }

    @JsonCreator
    public static RegionCode of(String value) {
        return new RegionCode(value);
    }

    /** The county-level part (first six digits). */
    public String county() {
        return value.substring(0, 6);
    }

    @Override
    public String toString() {
        return value;
    }
}
