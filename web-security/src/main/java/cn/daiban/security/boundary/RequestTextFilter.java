package cn.daiban.security.boundary;

import cn.daiban.kernel.common.InputLimits;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * Refuses a request whose query parameters (names and values) or stored headers ({@value #IDEMPOTENCY_KEY},
 * {@value #CORRELATION_ID}, {@code If-Match}) hold text storage cannot hold or are over
 * {@link InputLimits#MAX_PARAMETER} characters, with a 400 problem+json naming the parameter or header.
 *
 * <p>It runs before Spring Security (see {@link BoundaryConfiguration#ORDER}): a request that can never be valid is
 * refused the same way whoever sends it, and a signed-in user never sees a 401 for it. It refuses; it never reads
 * the body (an {@code application/json} request's parameters are its query string only).
 */
public class RequestTextFilter extends OncePerRequestFilter {

    static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    static final String CORRELATION_ID = "X-Correlation-Id";
    /** Headers whose values end up in events' metadata or in tables. */
    static final List<String> STORED_HEADERS = List.of(IDEMPOTENCY_KEY, CORRELATION_ID, "If-Match");

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String unreadable = unreadableContentType(request.getContentType());
        if (unreadable != null) {
            ProblemResponses.write(response, 415, "unsupported-media-type", "Content-Type", unreadable,
                    request.getRequestURI());
            return;
        }
        String[] refused = refusal(request);
        if (refused != null) {
            ProblemResponses.write(response, 400, refused[0], refused[1], refused[1] + " " + refused[2],
                    request.getRequestURI());
            return;
        }
        chain.doFilter(request, response);
    }

    /**
     * Why a request's Content-Type cannot be read at all, or null: not a media type, or a wildcard ({@code *}/{@code *},
     * {@code application/*}), which names no format (Spring refused it deep in reading the body, as a 500).
     */
    static String unreadableContentType(String contentType) {
        if (contentType == null) {
            return null;
        }
        try {
            MediaType type = MediaType.parseMediaType(contentType);
            if (type.isWildcardType() || type.isWildcardSubtype()) {
                return "Content-Type " + contentType + " names no format; send application/json";
            }
            return null;
        } catch (InvalidMediaTypeException e) {
            return "Content-Type is not a media type; send application/json";
        }
    }

    /** {rule, field, message} of the first thing wrong, or null. */
    private static String[] refusal(HttpServletRequest request) {
        for (String header : STORED_HEADERS) {
            var values = request.getHeaders(header);
            while (values != null && values.hasMoreElements()) {
                String[] wrong = check(values.nextElement());
                if (wrong != null) {
                    return new String[]{wrong[0], header, wrong[1]};
                }
            }
        }
        String query = request.getQueryString();
        if (query == null) {
            return null;
        }
        String[] notUtf8 = notUtf8(query);
        if (notUtf8 != null) {
            return notUtf8;
        }
        for (Map.Entry<String, String[]> parameter : request.getParameterMap().entrySet()) {
            String name = parameter.getKey();
            String[] wrongName = check(name);
            if (wrongName != null) {
                return new String[]{wrongName[0], "query", "has a parameter name that " + wrongName[1]};
            }
            for (String value : parameter.getValue()) {
                String[] wrong = check(value);
                if (wrong != null) {
                    return new String[]{wrong[0], name, wrong[1]};
                }
            }
        }
        return null;
    }

    /**
     * The query string as sent, each parameter's percent-encoded bytes decoded as UTF-8 strictly: the container
     * decodes a byte sequence that is not UTF-8 into replacement characters, which the text rules would take as
     * text ({@code q=%FF} was answered 200). {rule, field, message} of the first that is not UTF-8, or null.
     */
    static String[] notUtf8(String query) {
        for (String parameter : query.split("&")) {
            int equals = parameter.indexOf('=');
            String name = equals < 0 ? parameter : parameter.substring(0, equals);
            if (!utf8(name)) {
                return new String[]{TextRules.INVALID_TEXT, "query", "has a parameter name that is not UTF-8"};
            }
            if (equals >= 0 && !utf8(parameter.substring(equals + 1))) {
                String field;
                try {
                    field = java.net.URLDecoder.decode(name, StandardCharsets.UTF_8);
                } catch (IllegalArgumentException malformedEscape) {
                    field = "query";
                }
                return new String[]{TextRules.INVALID_TEXT, field, "is not UTF-8 text"};
            }
        }
        return null;
    }

    private static boolean utf8(String encoded) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(encoded.length());
        for (int i = 0; i < encoded.length(); i++) {
            char c = encoded.charAt(i);
            int high = i + 2 < encoded.length() ? Character.digit(encoded.charAt(i + 1), 16) : -1;
            int low = i + 2 < encoded.length() ? Character.digit(encoded.charAt(i + 2), 16) : -1;
            if (c == '%' && high >= 0 && low >= 0) {
                bytes.write(high * 16 + low);
                i += 2;
            } else {
                byte[] raw = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                bytes.write(raw, 0, raw.length);
            }
        }
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes.toByteArray()));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    private static String[] check(String value) {
        String wrong = TextRules.singleLine(value);
        if (wrong != null) {
            return new String[]{TextRules.INVALID_TEXT, wrong};
        }
        if (value != null && value.length() > InputLimits.MAX_PARAMETER) {
            return new String[]{TextRules.TOO_LONG, "must be at most " + InputLimits.MAX_PARAMETER + " characters"};
        }
        return null;
    }
}
