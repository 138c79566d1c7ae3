package cn.daiban.query.replay;

/**
 * A JDBC statement text with its {@code ?} placeholders numbered as PostgreSQL's own ({@code $1}, {@code $2} …), for
 * a {@code PREPARE} ({@link ReplayWriteBatching}). It follows the PostgreSQL driver's rules for what is a placeholder:
 * not inside a quoted string (an escape string {@code E'…'} with its backslashes), a quoted identifier, a
 * dollar-quoted string or a comment (block comments nest); {@code ??} is an escaped {@code ?} (an operator), written
 * as one. It also tells a text of several statements (a {@code ;} outside those), which is not prepared.
 * {@code PlaceholdersTest} compares it with the driver's own parser.
 */
final class Placeholders {

    /** The text numbered, how many placeholders it had, and whether it holds more than one statement. */
    record Numbered(String sql, int count, boolean several) {
    }

    private Placeholders() {
    }

    /** {@code sql} numbered; null when the text ends inside a quote or a comment (left to the driver). */
    static Numbered number(String sql) {
        StringBuilder out = new StringBuilder(sql.length() + 16);
        int count = 0;
        boolean several = false;
        int i = 0;
        int n = sql.length();
        while (i < n) {
            char c = sql.charAt(i);
            if (c == '\'' && escapeString(sql, i)) {
                int end = i + 1;
                while (end < n && sql.charAt(end) != '\'') {
                    end += sql.charAt(end) == '\\' ? 2 : 1;
                }
                // A doubled quote is an escaped one too.
                while (end + 1 < n && sql.charAt(end + 1) == '\'') {
                    end += 2;
                    while (end < n && sql.charAt(end) != '\'') {
                        end += sql.charAt(end) == '\\' ? 2 : 1;
                    }
                }
                if (end >= n) {
                    return null;
                }
                out.append(sql, i, end + 1);
                i = end + 1;
            } else if (c == '\'' || c == '"') {
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
                int end = i + 2;
                while (end < n && sql.charAt(end) != '\n' && sql.charAt(end) != '\r') {
                    end++;
                }
                out.append(sql, i, end);
                i = end;
            } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
                int depth = 1;
                int end = i + 2;
                while (end < n && depth > 0) {
                    if (sql.startsWith("/*", end)) {
                        depth++;
                        end += 2;
                    } else if (sql.startsWith("*/", end)) {
                        depth--;
                        end += 2;
                    } else {
                        end++;
                    }
                }
                if (depth > 0) {
                    return null;
                }
                out.append(sql, i, end);
                i = end;
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
                if (c == ';' && !sql.substring(i + 1).isBlank()) {
                    several = true;
                }
                out.append(c);
                i++;
            }
        }
        return new Numbered(out.toString(), count, several);
    }

    /** Whether the quote at {@code at} opens an escape string: {@code E'} or {@code e'}, the E not ending a name. */
    private static boolean escapeString(String sql, int at) {
        if (at < 1 || (sql.charAt(at - 1) != 'E' && sql.charAt(at - 1) != 'e')) {
            return false;
        }
        if (at < 2) {
            return true;
        }
        char before = sql.charAt(at - 2);
        return !(Character.isLetterOrDigit(before) || before == '_' || before == '$');
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
