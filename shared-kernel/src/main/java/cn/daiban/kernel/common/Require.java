package cn.daiban.kernel.common;

import java.util.Collection;
import java.util.regex.Pattern;

/**
 * Invariant checks for value objects and messages. A violation is an {@link InvalidValueException} that names
 * the field, so the HTTP layer can say exactly which input was wrong.
 */
public final class Require {

    private Require() {
    }

    public static <T> T present(T value, String field) {
        if (value == null) {
            throw new InvalidValueException(field, "is required");
        }
        return value;
    }

    public static String text(String value, String field, int maxLength) {
        if (value == null || value.isBlank()) {
            throw new InvalidValueException(field, "must not be blank");
        }
        String trimmed = value.strip();
        if (trimmed.length() > maxLength) {
            throw new InvalidValueException(field, "must be at most " + maxLength + " characters");
        }
        return trimmed;
    }

    public static String optionalText(String value, String field, int maxLength) {
        return value == null || value.isBlank() ? null : text(value, field, maxLength);
    }

    public static String matching(String value, Pattern pattern, String field, String rule) {
        present(value, field);
        if (!pattern.matcher(value).matches()) {
            throw new InvalidValueException(field, rule);
        }
        return value;
    }

    public static <C extends Collection<?>> C notEmpty(C values, String field) {
        if (values == null || values.isEmpty()) {
            throw new InvalidValueException(field, "must not be empty");
        }
        return values;
    }

    public static int between(int value, int min, int max, String field) {
        if (value < min || value > max) {
            throw new InvalidValueException(field, "must be between " + min + " and " + max);
        }
        return value;
    }

    /** The first and last year this service keeps a calendar, statistics or an assessment for. */
    public static final int FIRST_SERVICE_YEAR = 2000;
    public static final int LAST_SERVICE_YEAR = 2100;

    /**
     * A year of a calendar, a statistics period or an assessment: {@value #FIRST_SERVICE_YEAR} to
     * {@value #LAST_SERVICE_YEAR}.
     */
    public static int serviceYear(int year, String field) {
        return between(year, FIRST_SERVICE_YEAR, LAST_SERVICE_YEAR, field);
    }

    /** At most {@code max} entries (a null collection holds none); see {@link InputLimits}. */
    public static <C extends Collection<?>> C atMost(C values, int max, String field) {
        if (values != null && values.size() > max) {
            throw new InvalidValueException(field, "must hold at most " + max + " entries, not " + values.size());
        }
        return values;
    }

    /** At most {@code max} entries (a null map holds none); see {@link InputLimits}. */
    public static <M extends java.util.Map<?, ?>> M atMost(M values, int max, String field) {
        if (values != null && values.size() > max) {
            throw new InvalidValueException(field, "must hold at most " + max + " entries, not " + values.size());
        }
        return values;
    }
}
