package cn.daiban.command.web;

import cn.daiban.localpg.TestPostgres;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Without the embedded profile — as in production, pointed at an identity provider's key set — there are no sample
 * users and no token endpoint, and nothing is done without a token the provider signed.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.security.oauth2.resourceserver.jwt.jwk-set-uri=http://127.0.0.1:9/keys",
        "daiban.privacy.master-key=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=",
        "daiban.privacy.index-secret=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=",
        "daiban.seed.calendar=false", "daiban.seed.catalogue=false"})
class ProductionSecurityIT {

    @Autowired
    TestRestTemplate http;

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", TestPostgres::jdbcUrl);
        registry.add("spring.datasource.username", TestPostgres::user);
    }

    @Test
    void noSampleUsersNoTokenEndpointAndNothingWithoutAProviderToken() {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        assertThat(http.exchange("/api/dev/tokens", HttpMethod.POST,
                new HttpEntity<>("{\"user\":\"admin\"}", headers), String.class).getStatusCode().value()).isEqualTo(404);
        assertThat(http.getForEntity("/api/dev/users", String.class).getStatusCode().value()).isEqualTo(404);
        assertThat(http.exchange("/api/stations", HttpMethod.POST, new HttpEntity<>("{}", headers), String.class)
                .getStatusCode().value()).isEqualTo(401);
        headers.setBearerAuth("eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJtYWxsb3J5Iiwicm9sZSI6IkFETUlOSVNUUkFUT1IifQ.c2ln");
        assertThat(http.exchange("/api/stations", HttpMethod.POST, new HttpEntity<>("{}", headers), String.class)
                .getStatusCode().value()).isEqualTo(401);
        assertThat(http.getForEntity("/actuator/health", String.class).getStatusCode().value()).isEqualTo(200);
    }
}
