package cn.daiban.kernel.common;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.regex.Pattern;

/**
 * An 18-digit citizen identity number (公民身份号码, GB 11643-1999): six-digit division code, eight-digit birth
 * date, three-digit sequence and the ISO 7064 MOD 11-2 check character (0–9 or X). A lower-case x is accepted
 * on input and stored upper-case. Personal data: never log it.
 */
public record ResidentId(@JsonValue String value) {

    private static final Pattern FORMAT = Pattern.compile("[1-8]\\d{16}[0-9X]");
    private static final int[] WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    private static final char[] CHECK = {'1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'};

    public ResidentId {
        Require.present(value, "residentId");
        value = value.strip().toUpperCase();
        if (!FORMAT.matcher(value).matches()) {
            throw new InvalidValueException("residentId", "must be 18 characters: 17 digits and a check digit or X");
        }
        try {
            LocalDate.of(Integer.parseInt(value.substring(6, 10)), Integer.parseInt(value.substring(10, 12)),
                    Integer.parseInt(value.substring(12, 14)));
        } catch (DateTimeException e) {
            throw new InvalidValueException("residentId", "has no valid birth date in positions 7-14");
        }
        if (value.charAt(17) != checkCharacter(value)) {
            throw new InvalidValueException("residentId", "has a wrong check digit (GB 11643)");
        }
    }

    @JsonCreator
    public static ResidentId of(String value) {
        return new ResidentId(value);
    }

    static char checkCharacter(String first17) {
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (first17.charAt(i) - '0') * WEIGHTS[i];
        }
        return CHECK[sum % 11];
    }

    /** Masked for display: the first four and last four characters only (1405**********1234). */
    public String masked() {
        return value.substring(0, 4) + "*".repeat(10) + value.substring(14);
    }

    @Override
    public String toString() {
        return masked();
    }
}
