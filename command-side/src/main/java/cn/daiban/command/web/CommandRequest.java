package cn.daiban.command.web;

import cn.daiban.kernel.common.InvalidValueException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * The request-level facts a command carries besides its body: the idempotency key, the version the client
 * expects (HTTP {@code If-Match}), the correlation id, the endpoint (method and path, which scopes the key
 * together with the user), and a fingerprint of the request that tells a genuine retry from a reuse of the key
 * for something else.
 */
public record CommandRequest(String idempotencyKey, Long expectedVersion, String correlationId, String endpoint,
                             String fingerprint) {

    static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    static final String CORRELATION_ID = "X-Correlation-Id";
    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9._:-]{8,128}");
    private static final Pattern VERSION = Pattern.compile("(W/)?\"?(\\d{1,18})\"?");

    /** Builds the request facts; {@code body} is the HTTP body as received (or null). */
    @Component
    public static class Factory {

        private final HttpServletRequest http;
        private final ObjectMapper objectMapper;

        Factory(HttpServletRequest http, ObjectMapper objectMapper) {
            this.http = http;
            this.objectMapper = objectMapper;
        }

        public CommandRequest of(Object body) {
            String key = http.getHeader(IDEMPOTENCY_KEY);
            if (key != null && !KEY.matcher(key).matches()) {
                throw new InvalidValueException(IDEMPOTENCY_KEY, "must be 8 to 128 letters, digits or ._:- (a UUID is ideal)");
            }
            String ifMatch = http.getHeader("If-Match");
            Long expectedVersion = null;
            if (ifMatch != null) {
                var matcher = VERSION.matcher(ifMatch.strip());
                if (!matcher.matches()) {
                    throw new InvalidValueException("If-Match", "must be the version number from the last answer, e.g. \"3\"");
                }
                expectedVersion = Long.parseLong(matcher.group(2));
            }
            String correlationId = http.getHeader(CORRELATION_ID);
            if (correlationId != null && !KEY.matcher(correlationId).matches()) {
                throw new InvalidValueException(CORRELATION_ID, "must be 8 to 128 letters, digits or ._:-");
            }
            return new CommandRequest(key, expectedVersion, correlationId, http.getMethod() + " " + http.getRequestURI(),
                    fingerprint(body));
        }

        private String fingerprint(Object body) {
            try {
                MessageDigest sha = MessageDigest.getInstance("SHA-256");
                sha.update(http.getMethod().getBytes(StandardCharsets.UTF_8));
                sha.update(http.getRequestURI().getBytes(StandardCharsets.UTF_8));
                if (body != null) {
                    sha.update(objectMapper.writeValueAsBytes(body));
                }
                return HexFormat.of().formatHex(sha.digest());
            } catch (NoSuchAlgorithmException | JsonProcessingException e) {
                throw new IllegalStateException("cannot fingerprint request", e);
            }
        }
    }
}
