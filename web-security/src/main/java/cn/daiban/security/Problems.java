package cn.daiban.security;

import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** RFC 9457 answers for 401 and 403, written before any controller runs. */
final class Problems {

    private Problems() {
    }

    static void write(HttpServletResponse response, int status, String type, String title, String detail,
                      String instance) throws IOException {
        response.setStatus(status);
        response.setContentType("application/problem+json");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        if (status == 401) {
            response.setHeader("WWW-Authenticate", "Bearer");
        }
        response.getWriter().write("{\"type\":\"urn:daiban:problem:" + type + "\",\"title\":\"" + title
                + "\",\"status\":" + status + ",\"detail\":\"" + escape(detail) + "\",\"instance\":\""
                + escape(instance) + "\",\"rule\":\"" + type + "\"}");
    }

    private static String escape(String text) {
        StringBuilder escaped = new StringBuilder();
        for (char c : String.valueOf(text).toCharArray()) {
            if (c == '"' || c == '\\') {
                escaped.append('\\').append(c);
            } else if (c < 0x20) {
                escaped.append(String.format("\\u%04x", (int) c));
            } else {
                escaped.append(c);
            }
        }
        return escaped.toString();
    }
}
