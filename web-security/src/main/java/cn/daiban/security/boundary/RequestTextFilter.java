package cn.daiban.security.boundary;

import cn.daiban.kernel.common.InputLimits;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
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
        String[] refused = refusal(request);
        if (refused != null) {
            ProblemResponses.write(response, 400, refused[0], refused[1], refused[1] + " " + refused[2],
                    request.getRequestURI());
            return;
        }
        chain.doFilter(request, response);
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
