package cn.daiban.kernel.common;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.regex.Pattern;

/**
 * A mainland China phone number: an 11-digit mobile number (1[3-9]xxxxxxxxx) or a landline with its area code
 * (0351-1234567, 03561234567, 12345 service lines are not client numbers). Spaces and hyphens are tolerated on
 * input; the stored form keeps the hyphen after the area code only.
 */
public record PhoneNumber(@JsonValue String value) {

    private static final Pattern MOBILE = Pattern.compile("1[3-9]\\d{9}");
    private static final Pattern LANDLINE = Pattern.compile("0\\d{2,3}-?\\d{7,8}");

    public PhoneNumber {
        Require.present(value, "phone");
        value = value.replace(" ", "");
        if (!MOBILE.matcher(value).matches() && !LANDLINE.matcher(value).matches()) {
            throw new InvalidValueException("phone",
                    "must be an 11-digit mobile number or a landline with area code, e.g. 0356-2021234");
        }
    }

    @JsonCreator
    public static PhoneNumber of(String value) {
        return new PhoneNumber(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
