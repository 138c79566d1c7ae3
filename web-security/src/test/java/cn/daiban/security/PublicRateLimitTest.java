package cn.daiban.security;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The public face's own rate limit (公开原则 `000 §4.4` served to everyone, so bounded per client address): a burst of
 * {@code requests}, refilled evenly over the period; past it a 429 problem naming the rule, with Retry-After.
 */
class PublicRateLimitTest {

    static final class MovableClock extends Clock {
        Instant now = Instant.parse("2026-12-01T02:00:00Z");

        @Override
        public ZoneId getZone() {
            return ZoneId.of("UTC");
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    final MovableClock clock = new MovableClock();
    final PublicRateLimit limit = new PublicRateLimit(List.of("/api/public/**"),
            new PublicRateLimit.Properties(3, Duration.ofMinutes(1), 100), clock);

    MockHttpServletResponse get(String path, String address) throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", path);
        request.setRemoteAddr(address);
        MockHttpServletResponse response = new MockHttpServletResponse();
        limit.doFilter(request, response, new MockFilterChain());
        return response;
    }

    @Test
    void openness_aBurstIsServedThenRefusedWithRetryAfterUntilRefilled() throws Exception {
        for (int i = 0; i < 3; i++) {
            assertThat(get("/api/public/stations", "10.0.0.1").getStatus()).isEqualTo(200);
        }
        MockHttpServletResponse refused = get("/api/public/stations", "10.0.0.1");
        assertThat(refused.getStatus()).isEqualTo(429);
        assertThat(refused.getContentType()).startsWith("application/problem+json");
        assertThat(refused.getHeader("Retry-After")).isEqualTo("20");
        assertThat(refused.getContentAsString()).contains("\"rule\":\"rate-limited\"",
                "\"type\":\"urn:daiban:problem:rate-limited\"");
        // Another address has its own bucket; other paths are not limited.
        assertThat(get("/api/public/stations", "10.0.0.2").getStatus()).isEqualTo(200);
        assertThat(get("/api/stations", "10.0.0.1").getStatus()).isEqualTo(200);
        // One token comes back every 20 s.
        clock.now = clock.now.plusSeconds(19);
        assertThat(get("/api/public/stations", "10.0.0.1").getStatus()).isEqualTo(429);
        clock.now = clock.now.plusSeconds(1);
        assertThat(get("/api/public/stations", "10.0.0.1").getStatus()).isEqualTo(200);
        assertThat(get("/api/public/stations", "10.0.0.1").getStatus()).isEqualTo(429);
    }
}
