package cn.daiban.query.replay;

/**
 * A JDBC statement text with its {@code ?} placeholders numbered as PostgreSQL's own ({@code $1}, {@code $2} …), for
 * a {@code PREPARE} ({@link ReplayWriteBatching}). It follows the PostgreSQL driver's rules for what is a placeholder:
 * not inside a quoted string, a quoted identifier, a dollar-quoted string or a comment; {@code ??} is an escaped
 * {@code ?} (an operator), written as one. {@code PlaceholdersTest} compares it with the driver's own parser.
 */
final class Placeholders {

    /** The text numbered, and how many placeholders it had. */
    record Numbered(String sql, int count) {
    }

    private Placeholders() {
    }

    /** {@code sql} numbered; null when the text ends inside a quote or a comment (left to the driver). */
    static Numbered number(String sql) {
        StringBuilder out = new StringBuilder(sql.length() + 16);
        int count = 0;
        int i = 0;
        int n = sql.length();
        while (i < n) {
            char c = sql.charAt(i);
            if (c == '\'' || c == '"') {
                int end = sql.indexOf(c, i + 1);
                // A doubled quote inside is an escaped one: the scan goes on from after it.
                while (end >= 0 && end + 1 < n && sql.charAt(end + 1) == c) {
                    end = sql.indexOf(c, end + 2);
                }
                if (end < 0) {
                    return null;
                }
                out.append(sql, i, end + 1);
                i = end + 1;
            } else if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
                int end = sql.indexOf('\n', i);
                end = end < 0 ? n : end;
                out.append(sql, i, end);
                i = end;
            } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
                int end = sql.indexOf("*/", i + 2);
                if (end < 0) {
                    return null;
                }
                out.append(sql, i, end + 2);
                i = end + 2;
            } else if (c == '$' && dollarTag(sql, i) != null) {
                String tag = dollarTag(sql, i);
                int end = sql.indexOf(tag, i + tag.length());
                if (end < 0) {
                    return null;
                }
                out.append(sql, i, end + tag.length());
                i = end + tag.length();
            } else if (c == '?') {
                if (i + 1 < n && sql.charAt(i + 1) == '?') {
                    out.append('?');
                    i += 2;
                } else {
                    out.append('$').append(++count);
                    i++;
                }
            } else {
                out.append(c);
                i++;
            }
        }
        return new Numbered(out.toString(), count);
    }

    /**
     * The dollar-quote tag starting at {@code at} ({@code $$} or {@code $name$}), or null: a {@code $} after a
     * letter, digit or underscore is part of a name, and {@code $1} is a parameter, not a tag.
     */
    private static String dollarTag(String sql, int at) {
        if (at > 0) {
            char before = sql.charAt(at - 1);
            if (Character.isLetterOrDigit(before) || before == '_') {
                return null;
            }
        }
        int i = at + 1;
        if (i < sql.length() && Character.isDigit(sql.charAt(i))) {
            return null;
        }
        while (i < sql.length() && (Character.isLetterOrDigit(sql.charAt(i)) || sql.charAt(i) == '_')) {
            i++;
        }
        return i < sql.length() && sql.charAt(i) == '$' ? sql.substring(at, i + 1) : null;
    }
}
