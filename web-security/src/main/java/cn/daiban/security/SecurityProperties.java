package cn.daiban.security;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * Settings of {@code daiban.security.*}. In production the tokens come from the province's identity provider:
 * set {@code spring.security.oauth2.resourceserver.jwt.issuer-uri} (or {@code jwk-set-uri}) and, if its claims are
 * named differently, {@code role-claim} and {@code station-claim}. The {@code embedded} profile instead signs and
 * checks tokens with a shared secret and issues them for sample users ({@code POST /api/dev/tokens}).
 *
 * @param roleClaim      the claim holding the role (AGENT, STATION_MANAGER, SUPERVISOR, ADMINISTRATOR)
 * @param stationClaim   the claim holding the user's station code
 * @param embeddedSecret the HMAC secret of the embedded profile's tokens (at least 32 bytes)
 * @param tokenValidity  how long an embedded token is valid
 * @param publicPaths    paths answered without a token (the public face, 公开原则 `000 §4.4`); each application
 *                       names its own, everything else stays authenticated. Added later: absent means none.
 */
@ConfigurationProperties("daiban.security")
public record SecurityProperties(@DefaultValue("role") String roleClaim,
                                 @DefaultValue("station") String stationClaim,
                                 String embeddedSecret,
                                 @DefaultValue("8h") Duration tokenValidity,
                                 // added for the public face: nullable, none when not set
                                 java.util.List<String> publicPaths) {

    /** The public paths, never null. */
    public java.util.List<String> publicPathsOrNone() {
        return publicPaths == null ? java.util.List.of() : publicPaths;
    }
}
