package cn.daiban.security;

import cn.daiban.security.boundary.ProblemResponses;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.AntPathMatcher;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The public paths' own rate limit: a token bucket per client address ({@code requests} per {@code period}, as a
 * burst and refilled evenly). Over it: 429 problem+json, rule {@code rate-limited}, with {@code Retry-After} in
 * whole seconds until the next request is allowed.
 *
 * <p>Assumptions: the client address is the connection's remote address ({@code request.getRemoteAddr()}); behind a
 * proxy set {@code server.forward-headers-strategy} so that it is the client's, never a header the client writes
 * itself. The buckets live in each node's memory: with n nodes behind a balancer a client gets up to n times the
 * limit. Full buckets are forgotten when more than {@code maxClients} addresses are tracked.
 */
public class PublicRateLimit extends OncePerRequestFilter {

    /**
     * Settings of {@code daiban.public.rate-limit.*}.
     *
     * @param requests   requests a client address may send per period (also the burst)
     * @param period     the period
     * @param maxClients addresses tracked before full buckets are forgotten
     */
    @ConfigurationProperties("daiban.public.rate-limit")
    public record Properties(@DefaultValue("120") int requests, @DefaultValue("1m") Duration period,
                             @DefaultValue("10000") int maxClients) {
    }

    private static final AntPathMatcher PATHS = new AntPathMatcher();

    private final List<String> paths;
    private final Properties limits;
    private final Clock clock;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    public PublicRateLimit(List<String> paths, Properties limits, Clock clock) {
        if (limits.requests() < 1 || limits.period().isZero() || limits.period().isNegative()) {
            throw new IllegalStateException("daiban.public.rate-limit needs at least one request per positive period");
        }
        this.paths = List.copyOf(paths);
        this.limits = limits;
        this.clock = clock;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return paths.stream().noneMatch(pattern -> PATHS.match(pattern, path));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long waitNanos = take(request.getRemoteAddr());
        if (waitNanos > 0) {
            long seconds = Math.max(1, (waitNanos + 999_999_999L) / 1_000_000_000L);
            response.setHeader("Retry-After", Long.toString(seconds));
            ProblemResponses.write(response, 429, "rate-limited", null, "too many requests from this address to "
                    + "the public face: at most " + limits.requests() + " per " + limits.period()
                    + "; try again in " + seconds + " s", request.getRequestURI());
            return;
        }
        chain.doFilter(request, response);
    }

    /** Takes one token for the address: 0 when allowed, else how long (ns) until one is available. */
    long take(String address) {
        long now = clock.millis() * 1_000_000L;
        if (buckets.size() > limits.maxClients()) {
            buckets.values().removeIf(bucket -> bucket.full(now));
        }
        return buckets.computeIfAbsent(address, a -> new Bucket(limits.requests(), now)).take(now);
    }

    private final class Bucket {
        private double tokens;
        private long at;

        Bucket(double tokens, long at) {
            this.tokens = tokens;
            this.at = at;
        }

        private double nanosPerToken() {
            return (double) limits.period().toNanos() / limits.requests();
        }

        private void refill(long now) {
            if (now > at) {
                tokens = Math.min(limits.requests(), tokens + (now - at) / nanosPerToken());
                at = now;
            }
        }

        synchronized long take(long now) {
            refill(now);
            if (tokens >= 1) {
                tokens -= 1;
                return 0;
            }
            return (long) Math.ceil((1 - tokens) * nanosPerToken());
        }

        synchronized boolean full(long now) {
            refill(now);
            return tokens >= limits.requests();
        }
    }
}
