package cn.daiban.security;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.security.oauth2.resource.servlet.OAuth2ResourceServerAutoConfiguration;
import org.springframework.boot.autoconfigure.security.servlet.SecurityAutoConfiguration;
import org.springframework.boot.autoconfigure.security.servlet.UserDetailsServiceAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Profile;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.web.SecurityFilterChain;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;

/**
 * Both applications are OAuth2 resource servers: every {@code /api/**} request carries a bearer JWT whose signature,
 * issuer and expiry are checked; its subject, role and station become the {@link User}. Unauthenticated → 401,
 * authenticated but not allowed → 403, both as problem+json. Health, the OpenAPI documents and (embedded profile
 * only) the token endpoint are open.
 */
@AutoConfiguration(before = {SecurityAutoConfiguration.class, OAuth2ResourceServerAutoConfiguration.class,
        UserDetailsServiceAutoConfiguration.class})
@EnableWebSecurity
@EnableConfigurationProperties({SecurityProperties.class, PublicRateLimit.Properties.class})
@Import({DaibanSecurityConfiguration.Embedded.class, DevTokenController.class})
public class DaibanSecurityConfiguration {

    @Bean
    public SecurityFilterChain daibanApiSecurity(HttpSecurity http, SecurityProperties properties) throws Exception {
        http.csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(requests -> {
                    requests.requestMatchers("/actuator/health/**", "/actuator/health", "/v3/api-docs/**",
                            "/v3/api-docs", "/swagger-ui/**", "/swagger-ui.html", "/api/dev/**", "/error").permitAll();
                    // The public face, as the application names it (daiban.security.public-paths): no login.
                    if (!properties.publicPathsOrNone().isEmpty()) {
                        requests.requestMatchers(properties.publicPathsOrNone().toArray(String[]::new)).permitAll();
                    }
                    requests.anyRequest().authenticated();
                })
                .oauth2ResourceServer(resourceServer -> resourceServer
                        .bearerTokenResolver(new HeaderBearerTokens())
                        .jwt(jwt -> jwt.jwtAuthenticationConverter(token -> new UserAuthentication(token,
                                user(token, properties))))
                        .authenticationEntryPoint((request, response, failure) -> Problems.write(response, 401,
                                "unauthenticated", "Unauthorized", "a valid bearer token is required: "
                                        + failure.getMessage(), request.getRequestURI()))
                        .accessDeniedHandler((request, response, denied) -> Problems.write(response, 403,
                                "forbidden", "Forbidden", denied.getMessage(), request.getRequestURI())))
                .exceptionHandling(handling -> handling
                        .authenticationEntryPoint((request, response, failure) -> Problems.write(response, 401,
                                "unauthenticated", "Unauthorized", "a valid bearer token is required",
                                request.getRequestURI()))
                        .accessDeniedHandler((request, response, denied) -> Problems.write(response, 403,
                                "forbidden", "Forbidden", denied.getMessage(), request.getRequestURI())));
        return http.build();
    }

    /**
     * No Micrometer observations of Spring Security's filter chain, authentications and authorizations: with an
     * observation registry present (actuator), Spring Security wraps each of its ~15 filters of every request in two
     * observations and each authentication and authorization in one more, about 8 % of the command side's CPU per
     * commissioning, for {@code spring.security.*} metrics nothing reads. The request itself stays observed
     * ({@code http.server.requests}, Spring MVC's own observation).
     */
    @Bean
    public org.springframework.security.config.observation.SecurityObservationSettings daibanSecurityObservations() {
        return org.springframework.security.config.observation.SecurityObservationSettings.noObservations();
    }

    /**
     * Every {@link JwtDecoder} (the embedded one below, or the one Spring Boot builds from the identity provider's
     * issuer or key set) remembers the tokens it accepted ({@link CachingJwtDecoder}: a new token is always fully
     * verified; a remembered one has its expiry checked on every use).
     */
    @Bean
    public static org.springframework.beans.factory.config.BeanPostProcessor daibanCachingJwtDecoders() {
        return new org.springframework.beans.factory.config.BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                return bean instanceof JwtDecoder decoder && !(bean instanceof CachingJwtDecoder)
                        ? new CachingJwtDecoder(decoder) : bean;
            }
        };
    }

    /** The public paths' own rate limit per client address, ahead of everything else on them. */
    @Bean
    public org.springframework.boot.web.servlet.FilterRegistrationBean<PublicRateLimit> daibanPublicRateLimit(
            SecurityProperties properties, PublicRateLimit.Properties limits) {
        var registration = new org.springframework.boot.web.servlet.FilterRegistrationBean<>(
                new PublicRateLimit(properties.publicPathsOrNone(), limits, java.time.Clock.systemUTC()));
        registration.setOrder(cn.daiban.security.boundary.BoundaryConfiguration.ORDER - 10);
        return registration;
    }

    @Bean
    public org.springdoc.core.customizers.OpenApiCustomizer bearerOpenApi() {
        return new BearerOpenApi();
    }

    private static User user(Jwt jwt, SecurityProperties properties) {
        String role = jwt.getClaimAsString(properties.roleClaim());
        Role parsed;
        try {
            parsed = Role.valueOf(String.valueOf(role));
        } catch (IllegalArgumentException e) {
            throw new InvalidBearerTokenException("the token's " + properties.roleClaim() + " claim names no role");
        }
        String station = jwt.getClaimAsString(properties.stationClaim());
        // The subject and station go into every event's metadata: refuse what storage cannot hold.
        if (cn.daiban.security.boundary.TextRules.singleLine(jwt.getSubject()) != null
                || cn.daiban.security.boundary.TextRules.singleLine(station) != null) {
            throw new InvalidBearerTokenException("the token's subject or station holds characters that are not allowed");
        }
        if (parsed != Role.ADMINISTRATOR && (station == null || station.isBlank())) {
            throw new InvalidBearerTokenException("the token names no station for " + parsed);
        }
        return new User(jwt.getSubject(), parsed, station);
    }

    /** The embedded profile: tokens signed and checked with a shared secret, issued for sample users. */
    @Configuration(proxyBeanMethods = false)
    @Profile("embedded")
    static class Embedded {

        @Bean
        SecretKey daibanEmbeddedTokenKey(SecurityProperties properties) {
            String secret = properties.embeddedSecret();
            if (secret == null || secret.getBytes(StandardCharsets.UTF_8).length < 32) {
                throw new IllegalStateException("daiban.security.embedded-secret must hold at least 32 bytes");
            }
            return new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
        }

        @Bean
        JwtDecoder jwtDecoder(SecretKey daibanEmbeddedTokenKey) {
            NimbusJwtDecoder decoder = NimbusJwtDecoder.withSecretKey(daibanEmbeddedTokenKey)
                    .macAlgorithm(MacAlgorithm.HS256).build();
            decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(JwtValidators.createDefault(),
                    token -> EmbeddedTokens.ISSUER.equals(token.getClaimAsString("iss"))
                            ? OAuth2TokenValidatorResult.success()
                            : OAuth2TokenValidatorResult.failure(new OAuth2Error("invalid_token",
                            "not issued by " + EmbeddedTokens.ISSUER, null))));
            return decoder;
        }

        @Bean
        EmbeddedTokens embeddedTokens(SecretKey daibanEmbeddedTokenKey, SecurityProperties properties) {
            return new EmbeddedTokens(daibanEmbeddedTokenKey, properties);
        }
    }
}
