package cn.daiban.command.web;

import cn.daiban.kernel.common.InvalidValueException;
import cn.daiban.security.boundary.RejectedInputException;
import cn.daiban.security.boundary.TextRules;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.stereotype.Component;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
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
                             String fingerprint, Instant occurredAt, String backdatingReason) {

    /** A step recorded after the fact (补录): when it happened, an ISO-8601 date-time with its offset. */
    static final String OCCURRED_AT = "X-Occurred-At";
    /** Why it is recorded late; UTF-8 as curl sends it (or percent-encoded UTF-8). */
    static final String BACKDATING_REASON = "X-Backdating-Reason";
    private static final int REASON_LIMIT = 500;

    /** Without the moment it happened: a step recorded as it happens (what every caller built before 补录). */
    public CommandRequest(String idempotencyKey, Long expectedVersion, String correlationId, String endpoint,
                          String fingerprint) {
        this(idempotencyKey, expectedVersion, correlationId, endpoint, fingerprint, null, null);
    }

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
            Instant occurredAt = occurredAt(http.getHeader(OCCURRED_AT));
            String reason = reason(http.getHeader(BACKDATING_REASON));
            if (reason != null && occurredAt == null) {
                throw new InvalidValueException(OCCURRED_AT, "is required with " + BACKDATING_REASON
                        + ": the moment the step happened");
            }
            return new CommandRequest(key, expectedVersion, correlationId, http.getMethod() + " " + http.getRequestURI(),
                    fingerprint(body, occurredAt, reason), occurredAt, reason);
        }

        private static Instant occurredAt(String header) {
            if (header == null || header.isBlank()) {
                return null;
            }
            try {
                return OffsetDateTime.parse(header.strip()).toInstant();
            } catch (DateTimeParseException e) {
                throw new InvalidValueException(OCCURRED_AT,
                        "must be a date and time with its offset, e.g. 2026-11-27T16:30:00+08:00");
            }
        }

        /**
         * HTTP headers arrive as ISO-8859-1; curl sends a Chinese reason as its UTF-8 bytes, so those bytes are read
         * back as UTF-8. A reason that is percent-encoded (what a browser's fetch must send) is decoded as such.
         * Assumption: a reason with a literal '%' that is not an escape is taken as typed.
         */
        private static String reason(String header) {
            if (header == null || header.isBlank()) {
                return null;
            }
            String text = new String(header.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8).strip();
            if (text.contains("%")) {
                try {
                    text = URLDecoder.decode(text, StandardCharsets.UTF_8);
                } catch (IllegalArgumentException notEncoded) {
                    // taken as typed
                }
            }
            // Stored in the event's metadata: held to the boundary's rules for a stored header (TextRules: no
            // control character, no lone surrogate, no non-character), and the bytes must have been UTF-8: a
            // replacement character here means they were not (or a lone surrogate was percent-encoded).
            String wrong = TextRules.singleLine(text);
            if (wrong == null && text.indexOf('\uFFFD') >= 0) {
                wrong = "is not valid UTF-8 (send UTF-8, raw or percent-encoded)";
            }
            if (wrong != null) {
                throw new RejectedInputException(TextRules.INVALID_TEXT, BACKDATING_REASON, wrong);
            }
            if (text.length() > REASON_LIMIT) {
                throw new RejectedInputException(TextRules.TOO_LONG, BACKDATING_REASON,
                        "must be at most " + REASON_LIMIT + " characters");
            }
            return text;
        }

        private String fingerprint(Object body, Instant occurredAt, String reason) {
            try {
                MessageDigest sha = MessageDigest.getInstance("SHA-256");
                sha.update(http.getMethod().getBytes(StandardCharsets.UTF_8));
                sha.update(http.getRequestURI().getBytes(StandardCharsets.UTF_8));
                if (body != null) {
                    sha.update(objectMapper.writeValueAsBytes(body));
                }
                if (occurredAt != null) {
                    // Another moment or reason under the same key is another request, not a retry.
                    sha.update((occurredAt + "\n" + reason).getBytes(StandardCharsets.UTF_8));
                }
                return HexFormat.of().formatHex(sha.digest());
            } catch (NoSuchAlgorithmException | JsonProcessingException e) {
                throw new IllegalStateException("cannot fingerprint request", e);
            }
        }
    }
}
