package cn.daiban.security;

import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A remembered token is verified once, and every use still checks its expiry; anything new, altered or refused goes
 * through the full verification.
 */
class CachingJwtDecoderTest {

    final PublicRateLimitTest.MovableClock clock = new PublicRateLimitTest.MovableClock();
    final SecretKey key = new SecretKeySpec("a-secret-of-at-least-thirty-two-bytes!!".getBytes(StandardCharsets.UTF_8),
            "HmacSHA256");
    final AtomicInteger verified = new AtomicInteger();
    final JwtDecoder nimbus = nimbus();
    final CachingJwtDecoder decoder = new CachingJwtDecoder(token -> {
        verified.incrementAndGet();
        return nimbus.decode(token);
    }, clock);

    JwtDecoder nimbus() {
        NimbusJwtDecoder d = NimbusJwtDecoder.withSecretKey(key).macAlgorithm(MacAlgorithm.HS256).build();
        JwtTimestampValidator timestamps = new JwtTimestampValidator();
        timestamps.setClock(clock);
        d.setJwtValidator(timestamps);
        return d;
    }

    String token(String subject, Duration validity, Map<String, Object> extra) {
        JwtClaimsSet.Builder claims = JwtClaimsSet.builder().subject(subject).issuedAt(clock.instant())
                .expiresAt(clock.instant().plus(validity));
        extra.forEach(claims::claim);
        return new NimbusJwtEncoder(new com.nimbusds.jose.jwk.source.ImmutableSecret<>(key))
                .encode(JwtEncoderParameters.from(JwsHeader.with(MacAlgorithm.HS256).build(), claims.build()))
                .getTokenValue();
    }

    @Test
    void theSameTokenIsVerifiedOnceAndGivesTheSameClaims() {
        String token = token("agent-1", Duration.ofHours(1), Map.of("role", "AGENT"));
        Jwt first = decoder.decode(token);
        Jwt second = decoder.decode(token);
        assertThat(verified).hasValue(1);
        assertThat(second.getSubject()).isEqualTo("agent-1");
        assertThat(second.getClaims()).isEqualTo(first.getClaims());
        decoder.decode(token("agent-2", Duration.ofHours(1), Map.of()));
        assertThat(verified).hasValue(2);
    }

    @Test
    void aRememberedTokenIsRefusedOnceItHasExpired() {
        String token = token("agent-1", Duration.ofMinutes(2), Map.of());
        decoder.decode(token);
        clock.now = clock.now.plus(Duration.ofMinutes(2)).plusSeconds(61); // past exp and the 60 s skew
        assertThatThrownBy(() -> decoder.decode(token)).isInstanceOf(JwtException.class).hasMessageContaining("expired");
        assertThatThrownBy(() -> decoder.decode(token)).isInstanceOf(JwtException.class);
        assertThat(decoder.size()).isZero();
    }

    @Test
    void aTokenWhoseSignatureDoesNotHoldIsRefusedEveryTimeAndNeverRemembered() {
        String token = token("agent-1", Duration.ofHours(1), Map.of());
        String forged = token.substring(0, token.lastIndexOf('.') + 1) + "AAAA" + token.substring(token.lastIndexOf('.') + 5);
        decoder.decode(token);
        assertThatThrownBy(() -> decoder.decode(forged)).isInstanceOf(JwtException.class);
        assertThatThrownBy(() -> decoder.decode(forged)).isInstanceOf(JwtException.class);
        assertThat(verified).hasValue(3);
        assertThat(decoder.size()).isOne();
    }

    @Test
    void aTokenIsVerifiedAgainAfterFiveMinutesAndACertificateBoundOneEveryTime() {
        String token = token("agent-1", Duration.ofHours(1), Map.of());
        decoder.decode(token);
        clock.now = clock.now.plus(CachingJwtDecoder.MAX_AGE);
        decoder.decode(token);
        assertThat(verified).hasValue(2);
        String bound = token("agent-2", Duration.ofHours(1), Map.of("cnf", Map.of("x5t#S256", "abc")));
        decoder.decode(bound);
        decoder.decode(bound);
        assertThat(verified).hasValue(4);
    }

    @Test
    void theNumberOfRememberedTokensIsBounded() {
        Instant start = clock.now;
        for (int i = 0; i < CachingJwtDecoder.MAX_ENTRIES + 5; i++) {
            decoder.decode(token("agent-" + i, Duration.ofHours(1), Map.of()));
        }
        assertThat(decoder.size()).isLessThanOrEqualTo(CachingJwtDecoder.MAX_ENTRIES);
        assertThat(clock.now).isEqualTo(start);
    }
}
