package cn.daiban.security;

import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Remembers the tokens its delegate accepted, by the token's exact text, so that a client sending the same bearer
 * token request after request has it parsed and its signature checked once, not on every request (the HMAC, the
 * JSON parsing and the claim conversion were ~4-6 % of the command side's CPU per commissioning).
 * <p>
 * What stays the same: a token never seen is always decoded by the delegate (signature, issuer, expiry, every
 * validator); a token the delegate refused is never remembered, so it is refused again the same way. A remembered
 * token's text is identical to the one verified, so its signature and claims are too; what can change with time is
 * only its validity window, so every hit re-runs the time checks Spring's default validator makes
 * ({@link JwtTimestampValidator}: {@code exp} and {@code nbf} with its 60 s skew) and an expired token is refused
 * and forgotten. Assumptions: the delegate's other validators depend only on the token (issuer, audience); a token
 * bound to a client certificate ({@code cnf} claim, checked against each request's certificate) is never remembered;
 * a token is remembered at most {@link #MAX_AGE} (5 minutes, as long as Nimbus keeps a fetched key set), so a key
 * withdrawn by the identity provider stops being honoured here no later than it would be by the delegate's key cache;
 * a token without {@code exp} is not remembered. Bounded: at most {@link #MAX_ENTRIES} tokens; when full, the expired
 * ones are dropped and, if still full, all of them.
 */
public final class CachingJwtDecoder implements JwtDecoder {

    static final int MAX_ENTRIES = 10_000;
    static final Duration MAX_AGE = Duration.ofMinutes(5);

    private record Entry(Jwt jwt, Instant forgetAt) {
    }

    private final JwtDecoder delegate;
    private final Clock clock;
    private final JwtTimestampValidator timestamps;
    private final Map<String, Entry> accepted = new ConcurrentHashMap<>();

    public CachingJwtDecoder(JwtDecoder delegate) {
        this(delegate, Clock.systemUTC());
    }

    CachingJwtDecoder(JwtDecoder delegate, Clock clock) {
        this.delegate = delegate;
        this.clock = clock;
        this.timestamps = new JwtTimestampValidator();
        this.timestamps.setClock(clock);
    }

    @Override
    public Jwt decode(String token) throws JwtException {
        Entry entry = accepted.get(token);
        if (entry != null) {
            if (clock.instant().isBefore(entry.forgetAt())) {
                OAuth2TokenValidatorResult result = timestamps.validate(entry.jwt());
                if (!result.hasErrors()) {
                    return entry.jwt();
                }
            }
            accepted.remove(token, entry);
        }
        Jwt jwt = delegate.decode(token);
        remember(token, jwt);
        return jwt;
    }

    private void remember(String token, Jwt jwt) {
        if (jwt.getExpiresAt() == null || jwt.hasClaim("cnf")) {
            return;
        }
        Instant now = clock.instant();
        Instant forgetAt = now.plus(MAX_AGE);
        if (accepted.size() >= MAX_ENTRIES) {
            for (Iterator<Entry> i = accepted.values().iterator(); i.hasNext(); ) {
                Entry e = i.next();
                if (!now.isBefore(e.forgetAt()) || timestamps.validate(e.jwt()).hasErrors()) {
                    i.remove();
                }
            }
            if (accepted.size() >= MAX_ENTRIES) {
                accepted.clear();
            }
        }
        accepted.put(token, new Entry(jwt, forgetAt));
    }

    /** How many tokens are remembered (for tests). */
    int size() {
        return accepted.size();
    }
}
