package cn.daiban.kernel.catalogue;

import cn.daiban.kernel.common.Require;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.regex.Pattern;

/** A service item's code in the catalogue, e.g. GA-001. */
public record ServiceItemCode(@JsonValue String value) {

    private static final Pattern FORMAT = Pattern.compile("[A-Z0-9-]{3,32}");

    public ServiceItemCode {
        Require.matching(value, FORMAT, "itemCode", "must be 3 to 32 upper-case letters, digits or hyphens");
    }

    @JsonCreator
    public static ServiceItemCode of(String value) {
        return new ServiceItemCode(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
