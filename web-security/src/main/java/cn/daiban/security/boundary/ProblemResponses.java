package cn.daiban.security.boundary;

import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * The one problem shape both applications answer (RFC 9457): {@code type} {@code urn:daiban:problem:<rule>},
 * {@code title}, {@code status}, {@code detail}, {@code rule}, and {@code field} when one input is to blame.
 */
public final class ProblemResponses {

    public static final String TYPE_PREFIX = "urn:daiban:problem:";

    private ProblemResponses() {
    }

    /** The rule of an answer that has no more specific one, by its status. */
    public static String rule(int status) {
        return switch (status) {
            case 400 -> "malformed-request";
            case 401 -> "unauthenticated";
            case 403 -> "forbidden";
            case 404 -> "not-found";
            case 405 -> "method-not-allowed";
            case 406 -> "not-acceptable";
            case 408 -> "request-timeout";
            case 409 -> "conflict";
            case 413 -> "too-large";
            case 414 -> "uri-too-long";
            case 415 -> "unsupported-media-type";
            case 422 -> "unprocessable";
            case 431 -> "headers-too-large";
            case 503 -> "unavailable";
            default -> status >= 500 ? "internal-error" : "bad-request";
        };
    }

    public static String title(int status) {
        HttpStatus known = HttpStatus.resolve(status);
        return known != null ? known.getReasonPhrase() : "Error";
    }

    public static ProblemDetail problem(int status, String rule, String field, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.valueOf(status), detail);
        problem.setType(URI.create(TYPE_PREFIX + rule));
        problem.setTitle(title(status));
        problem.setProperty("rule", rule);
        if (field != null) {
            problem.setProperty("field", field);
        }
        return problem;
    }

    /** Writes a problem straight to a servlet response (filters, the error controller). */
    public static void write(HttpServletResponse response, int status, String rule, String field, String detail,
                             String instance) throws IOException {
        response.setStatus(status);
        response.setContentType("application/problem+json");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter().write(json(status, rule, field, detail, instance));
    }

    /** The problem as JSON text, for writers that have no message converters (Tomcat's valve). */
    public static String json(int status, String rule, String field, String detail, String instance) {
        StringBuilder json = new StringBuilder("{\"type\":\"").append(TYPE_PREFIX).append(escape(rule))
                .append("\",\"title\":\"").append(escape(title(status)))
                .append("\",\"status\":").append(status)
                .append(",\"detail\":\"").append(escape(detail)).append('"');
        if (instance != null) {
            json.append(",\"instance\":\"").append(escape(instance)).append('"');
        }
        json.append(",\"rule\":\"").append(escape(rule)).append('"');
        if (field != null) {
            json.append(",\"field\":\"").append(escape(field)).append('"');
        }
        return json.append('}').toString();
    }

    private static String escape(String text) {
        StringBuilder escaped = new StringBuilder();
        for (char c : String.valueOf(text).toCharArray()) {
            if (c == '"' || c == '\\') {
                escaped.append('\\').append(c);
            } else if (c < 0x20 || c == 0x7F || Character.isSurrogate(c)) {
                escaped.append(String.format("\\u%04x", (int) c));
            } else {
                escaped.append(c);
            }
        }
        return escaped.toString();
    }
}
