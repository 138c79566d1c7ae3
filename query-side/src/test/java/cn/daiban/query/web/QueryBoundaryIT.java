package cn.daiban.query.web;

import cn.daiban.query.support.PostgresIntegrationTest;
import cn.daiban.security.EmbeddedTokens;
import cn.daiban.security.Role;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The query side's HTTP boundary: a filter holding a control character or over its length is refused naming the
 * parameter, a body's text is held to the same rules as the command side's, and every error answer — Tomcat's,
 * Spring's, the application's — is problem+json. Requests go out raw ({@link HttpClient}) so what is sent is
 * exactly what the test says.
 */
class QueryBoundaryIT extends PostgresIntegrationTest {

    static final String PROBLEM = "application/problem+json";

    @LocalServerPort
    int port;
    @Autowired
    EmbeddedTokens tokens;
    @Autowired
    ObjectMapper json;

    final HttpClient client = HttpClient.newHttpClient();

    String admin() {
        return tokens.issue("admin", Role.ADMINISTRATOR, null);
    }

    @Test
    void aLedgerFilterHoldingAControlCharacterIsRefusedNamingTheParameter() throws Exception {
        assertProblem(send(admin(), "GET", "/api/ledger?window=Z%011", null, Map.of()), 400, "invalid-text", "window");
        assertProblem(send(admin(), "GET", "/api/ledger?station=14052%00", null, Map.of()), 400, "invalid-text",
                "station");
    }

    /** Bytes that are not UTF-8 (the container made them replacement characters, taken as text). */
    @Test
    void aFilterThatIsNotUtf8IsRefusedNamingTheParameter() throws Exception {
        assertProblem(send(admin(), "GET", "/api/catalogue/items?q=%FF", null, Map.of()), 400, "invalid-text", "q");
        assertProblem(send(null, "GET", "/api/public/stations?region=%C0%AF", null, Map.of()), 400, "invalid-text",
                "region");
        assertProblem(send(admin(), "GET", "/api/ledger?station=%ED%A0%80", null, Map.of()), 400, "invalid-text",
                "station");
    }

    @Test
    void aLedgerFilterHoldingALineBreakIsRefusedToo() throws Exception {
        assertProblem(send(admin(), "GET", "/api/ledger?item=RS%0A001", null, Map.of()), 400, "invalid-text", "item");
    }

    @Test
    void aFilterLongerThanAllowedIsRefusedNamingIt() throws Exception {
        assertProblem(send(admin(), "GET", "/api/ledger?agent=" + "a".repeat(257), null, Map.of()), 400, "too-long",
                "agent");
    }

    @Test
    void aFilterIsRefusedTheSameWayForASignedInUserAsForAnyone() throws Exception {
        HttpResponse<String> signedIn = send(tokens.issue("village-manager", Role.STATION_MANAGER, "140521101201"),
                "GET", "/api/ledger?window=Z%7F", null, Map.of());
        assertProblem(signedIn, 400, "invalid-text", "window");
    }

    @Test
    void aBodyTextHoldingNulIsRefusedNamingTheField() throws Exception {
        HttpResponse<String> response = send(admin(), "POST", "/api/audit/digest/check",
                "{\"upToGlobalIndex\":1,\"digest\":\"ab\\u0000cd\"}", Map.of());
        assertProblem(response, 400, "invalid-text", "digest");
    }

    @Test
    void aWrongShapeOfBodySaysTheExpectedShapeWithoutAClassName() throws Exception {
        HttpResponse<String> response = send(admin(), "POST", "/api/audit/digest/check",
                "{\"upToGlobalIndex\":\"many\",\"digest\":\"ab\"}", Map.of());
        assertProblem(response, 400, "malformed-request", "upToGlobalIndex");
        assertThat(body(response).get("detail").asText()).startsWith("upToGlobalIndex must be a whole number");
    }

    @Test
    void aHeaderTooLargeForTomcatIsAProblem() throws Exception {
        HttpResponse<String> response = send(admin(), "GET", "/api/catalogue/items", null,
                Map.of("X-Padding", "x".repeat(20_000)));
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith(PROBLEM));
        assertThat(response.body()).doesNotContain("Tomcat").doesNotContain("java.");
    }

    @Test
    void anEncodedSlashInThePathIsAProblem() throws Exception {
        HttpResponse<String> response = send(admin(), "GET", "/api/agents/a%2Fb", null, Map.of());
        assertProblem(response, 400, "malformed-request", null);
        assertThat(response.body()).doesNotContain("Tomcat").doesNotContain("java.");
    }

    @Test
    void anUnknownRouteIsA404ProblemWhenSignedInAndA401ProblemWithout() throws Exception {
        assertProblem(send(admin(), "GET", "/api/no-such-view", null, Map.of()), 404, "not-found", null);
        assertProblem(send(null, "GET", "/api/no-such-view", null, Map.of()), 401, "unauthenticated", null);
    }

    @Test
    void aMethodNotAllowedIsAProblem() throws Exception {
        assertProblem(send(admin(), "DELETE", "/api/ledger", null, Map.of()), 405, "method-not-allowed", null);
    }

    @Test
    void anUnsupportedMediaTypeIsAProblem() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/audit/digest/check"))
                .header("Authorization", "Bearer " + admin()).header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("digest")).build();
        assertProblem(client.send(request, HttpResponse.BodyHandlers.ofString()), 415, "unsupported-media-type", null);
    }

    void assertProblem(HttpResponse<String> response, int status, String rule, String field) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith(PROBLEM));
        JsonNode problem = body(response);
        assertThat(problem.get("type").asText()).isEqualTo("urn:daiban:problem:" + rule);
        assertThat(problem.get("rule").asText()).isEqualTo(rule);
        if (field != null) {
            assertThat(problem.get("field").asText()).isEqualTo(field);
        }
        assertThat(problem.get("detail").asText()).doesNotContain("cn.daiban").doesNotContain("java.")
                .doesNotContain("com.fasterxml");
    }

    HttpResponse<String> send(String token, String method, String path, String body, Map<String, String> headers)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        headers.forEach(request::header);
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    JsonNode body(HttpResponse<String> response) throws Exception {
        return json.readTree(response.body());
    }
}
