package cn.daiban.security;

import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;

import javax.crypto.SecretKey;
import java.time.Instant;

/**
 * Signs tokens in the {@code embedded} profile (never otherwise): what the province's identity provider does in
 * production, for sample users and tests.
 */
public class EmbeddedTokens {

    static final String ISSUER = "daiban-embedded";

    private final NimbusJwtEncoder encoder;
    private final SecurityProperties properties;

    EmbeddedTokens(SecretKey key, SecurityProperties properties) {
        this.encoder = new NimbusJwtEncoder(new com.nimbusds.jose.jwk.source.ImmutableSecret<>(key));
        this.properties = properties;
    }

    public String issue(String subject, Role role, String station) {
        Instant now = Instant.now();
        JwtClaimsSet.Builder claims = JwtClaimsSet.builder()
                .issuer(ISSUER)
                .subject(subject)
                .issuedAt(now)
                .expiresAt(now.plus(properties.tokenValidity()))
                .claim(properties.roleClaim(), role.name());
        if (station != null) {
            claims.claim(properties.stationClaim(), station);
        }
        return encoder.encode(JwtEncoderParameters.from(JwsHeader.with(MacAlgorithm.HS256).build(), claims.build()))
                .getTokenValue();
    }
}
