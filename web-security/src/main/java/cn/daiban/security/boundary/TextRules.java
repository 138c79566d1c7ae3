package cn.daiban.security.boundary;

/**
 * What text the API takes: no C0 control character (U+0000–U+001F) and no DEL (U+007F), no lone surrogate and no
 * non-character (U+FFFE, U+FFFF). PostgreSQL cannot store U+0000 in text at all (the query side's projections would
 * fail on it for ever), and the others have no place in a name, a note, an id or a filter.
 *
 * <p>Free text in a JSON body may hold line feed and tab, and carriage return: a note typed into a form on Windows
 * arrives with CR LF line ends, which PostgreSQL stores as they are (assumption: refusing them would only make
 * clients strip them). A path variable, a query parameter or a header is one line: none of the three.
 */
public final class TextRules {

    private TextRules() {
    }

    /** Rule name of a refused text. */
    public static final String INVALID_TEXT = "invalid-text";
    /** Rule name of a text over its maximum length. */
    public static final String TOO_LONG = "too-long";
    /** Rule name of a list, set or map over its maximum size. */
    public static final String TOO_MANY = "too-many";
    /** A list entry that is null: a list holds values ({@code "notes": [null]} is refused, naming the entry). */
    public static final String INVALID_VALUE = "invalid-value";

    /** What is wrong with {@code text} as free text (line breaks and tabs allowed), or null. */
    public static String freeText(String text) {
        return check(text, true);
    }

    /** What is wrong with {@code text} as a single line (no line break, no tab), or null. */
    public static String singleLine(String text) {
        return check(text, false);
    }

    private static String check(String text, boolean multiline) {
        if (text == null) {
            return null;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                    i++;
                    continue;
                }
                return "holds a lone surrogate U+" + hex(c) + " at position " + i + " (not valid Unicode)";
            }
            if (Character.isLowSurrogate(c)) {
                return "holds a lone surrogate U+" + hex(c) + " at position " + i + " (not valid Unicode)";
            }
            if (c < 0x20) {
                if (multiline && (c == '\n' || c == '\t' || c == '\r')) {
                    continue;
                }
                return "holds the control character U+" + hex(c) + " at position " + i
                        + (multiline ? " (only line feed, carriage return and tab are allowed)" : "");
            }
            if (c == 0x7F) {
                return "holds the control character U+007F at position " + i;
            }
            if (c == 0xFFFE || c == 0xFFFF) {
                return "holds the non-character U+" + hex(c) + " at position " + i;
            }
        }
        return null;
    }

    private static String hex(char c) {
        return String.format("%04X", (int) c);
    }
}
