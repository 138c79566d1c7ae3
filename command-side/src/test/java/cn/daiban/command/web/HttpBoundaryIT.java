package cn.daiban.command.web;

import cn.daiban.command.support.PostgresIntegrationTest;
import cn.daiban.security.EmbeddedTokens;
import cn.daiban.security.Role;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The command side's HTTP boundary against PostgreSQL: text storage cannot hold and lists over their size are
 * refused with a problem naming the field and leave nothing behind; every error answer — Tomcat's, Spring's, the
 * application's — is problem+json without a Java class name; an idempotency key is its user's, on its endpoint.
 * Requests go out raw ({@link HttpClient}), so what is sent is exactly what the test says.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HttpBoundaryIT extends PostgresIntegrationTest {

    static final String PROBLEM = "application/problem+json";

    @LocalServerPort
    int port;
    @Autowired
    EmbeddedTokens tokens;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    ObjectMapper json;

    final HttpClient client = HttpClient.newHttpClient();
    String station;
    String agentId;
    String agentToken;
    String secondAgentToken;
    String delegation;

    @BeforeAll
    void aCountyCentreWithAQualifiedAgentAndADelegation() throws Exception {
        station = CommandApiIT.newCode();
        String admin = tokens.issue("admin-" + station, Role.ADMINISTRATOR, null);
        created(admin, "/api/stations", CommandApiIT.countyOpening(station));
        assertThat(send(admin, "POST", "/api/stations/" + station + "/opening/approval", "{}", Map.of()).statusCode())
                .isEqualTo(200);
        String manager = tokens.issue("manager-" + station, Role.STATION_MANAGER, station);
        agentId = created(manager, "/api/agents", """
                {"stationCode":"%s","name":"赵红","phone":"13700001111","background":"PARTY_MEMBER","role":"AGENT",
                 "intakeExperienceSince":"%s"}""".formatted(station, LocalDate.now().minusYears(2)));
        assertThat(send(manager, "POST", "/api/agents/" + agentId + "/trainings",
                "{\"date\":\"" + LocalDate.now() + "\",\"topic\":\"帮办代办业务培训\",\"hours\":4}", Map.of()).statusCode())
                .isEqualTo(200);
        assertThat(send(manager, "POST", "/api/agents/" + agentId + "/assessments",
                "{\"date\":\"" + LocalDate.now() + "\",\"passed\":true,\"examiner\":\"县中心\"}", Map.of()).statusCode())
                .isEqualTo(200);
        agentToken = tokens.issue("agent-" + station, Role.AGENT, station);
        secondAgentToken = tokens.issue("other-agent-" + station, Role.AGENT, station);
        delegation = created(agentToken, "/api/delegations", commission("王秀英"));
    }

    String commission(String clientName) {
        return """
                {"kind":"ASSIST","mode":"ON_SITE","stationCode":"%s","agentId":"%s","itemCode":"RS-001",
                 "client":{"kind":"CITIZEN","name":"%s","phone":"13912345678"},"consentGiven":true}"""
                .formatted(station, agentId, clientName);
    }

    // ------------------------------------------------------------------------------------------ text and sizes

    @Test
    void aProgressNoteHoldingNulIsRefusedNamingTheNoteAndAppendsNothing() throws Exception {
        int before = eventCount(delegation);
        String key = UUID.randomUUID().toString();

        HttpResponse<String> response = send(agentToken, "POST", "/api/delegations/" + delegation + "/progress",
                "{\"note\":\"a\\u0000b\",\"channel\":\"PHONE\"}", Map.of("Idempotency-Key", key));

        assertProblem(response, 400, "invalid-text", "note");
        assertThat(body(response).get("detail").asText()).contains("U+0000");
        assertThat(eventCount(delegation)).isEqualTo(before);
        assertThat(idempotencyRecords(key)).isZero();
    }

    @Test
    void aClientNameHoldingNulIsRefusedNamingTheNestedFieldAndCommissionsNothing() throws Exception {
        String actor = "agent-nul-" + UUID.randomUUID();
        String token = tokens.issue(actor, Role.AGENT, station);
        String key = UUID.randomUUID().toString();

        HttpResponse<String> response = send(token, "POST", "/api/delegations", commission("张\\u0000三"),
                Map.of("Idempotency-Key", key));

        assertProblem(response, 400, "invalid-text", "client.name");
        assertThat(eventsBy(actor)).isZero();
        assertThat(idempotencyRecords(key)).isZero();
    }

    @Test
    void aLoneSurrogateIsRefusedAsInvalidText() throws Exception {
        String actor = "agent-surrogate-" + UUID.randomUUID();
        HttpResponse<String> response = send(tokens.issue(actor, Role.AGENT, station), "POST", "/api/delegations",
                commission("张\\ud800"), Map.of());

        assertProblem(response, 400, "invalid-text", "client.name");
        assertThat(body(response).get("detail").asText()).contains("surrogate");
        assertThat(eventsBy(actor)).isZero();
    }

    @Test
    void aControlCharacterDeepInAListIsNamedByItsPath() throws Exception {
        String actor = "agent-steps-" + UUID.randomUUID();
        String body = commission("王秀英").replace("\"consentGiven\":true", """
                "consentGiven":true,"needsAnalysis":{"difficulty":"LOW","estimatedWorkingDays":3,
                 "steps":["收件","审\\u0007核"],"confirmedByClient":true}""");

        HttpResponse<String> response = send(tokens.issue(actor, Role.AGENT, station), "POST", "/api/delegations",
                body, Map.of());

        assertProblem(response, 400, "invalid-text", "needsAnalysis.steps[1]");
        assertThat(eventsBy(actor)).isZero();
    }

    @Test
    void aLineFeedAndATabInAFreeTextNoteAreTaken() throws Exception {
        HttpResponse<String> response = send(agentToken, "POST", "/api/delegations/" + delegation + "/progress",
                "{\"note\":\"第一行\\n\\t第二行\",\"channel\":\"PHONE\"}", Map.of());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }

    @Test
    void aMapKeyHoldingAControlCharacterIsRefusedNamingTheMap() throws Exception {
        String manager = tokens.issue("manager-" + station, Role.STATION_MANAGER, station);
        int before = eventCount(station);

        HttpResponse<String> response = send(manager, "POST", "/api/stations/" + station + "/statistics",
                "{\"period\":\"2026-11\",\"figures\":{\"in\\u0001take\":3}}", Map.of());

        assertProblem(response, 400, "invalid-text", "figures");
        assertThat(eventCount(station)).isEqualTo(before);
    }

    @Test
    void aListOverItsLimitIsRefusedNamingIt() throws Exception {
        String actor = "agent-many-" + UUID.randomUUID();
        String departments = IntStream.rangeClosed(1, 21).mapToObj(i -> "\"部门" + i + "\"")
                .collect(Collectors.joining(","));
        String body = commission("王秀英").replace("\"consentGiven\":true",
                "\"consentGiven\":true,\"parallelDepartments\":[" + departments + "]");

        HttpResponse<String> response = send(tokens.issue(actor, Role.AGENT, station), "POST", "/api/delegations",
                body, Map.of());

        assertProblem(response, 400, "too-many", "parallelDepartments");
        assertThat(body(response).get("detail").asText()).contains("20");
        assertThat(eventsBy(actor)).isZero();
    }

    @Test
    void aTextOverTheLongestAllowedIsRefusedNamingIt() throws Exception {
        int before = eventCount(delegation);
        HttpResponse<String> response = send(agentToken, "POST", "/api/delegations/" + delegation + "/progress",
                "{\"note\":\"" + "很".repeat(2001) + "\",\"channel\":\"PHONE\"}", Map.of());

        assertProblem(response, 400, "too-long", "note");
        assertThat(eventCount(delegation)).isEqualTo(before);
    }

    @Test
    void aPathVariableHoldingAControlCharacterIsRefusedNamingIt() throws Exception {
        HttpResponse<String> response = send(agentToken, "POST", "/api/delegations/abc%01def/progress",
                "{\"note\":\"已受理\",\"channel\":\"PHONE\"}", Map.of());

        assertProblem(response, 400, "invalid-text", "id");
    }

    @Test
    void anIdempotencyKeyHoldingAControlCharacterIsRefusedNamingTheHeaderAndWritesNothing() throws Exception {
        int before = eventCount(delegation);
        String key = "key-\t-" + UUID.randomUUID();

        HttpResponse<String> response = send(agentToken, "POST", "/api/delegations/" + delegation + "/progress",
                "{\"note\":\"已受理\",\"channel\":\"PHONE\"}", Map.of("Idempotency-Key", key));

        assertProblem(response, 400, "invalid-text", "Idempotency-Key");
        assertThat(eventCount(delegation)).isEqualTo(before);
        assertThat(idempotencyRecords(key)).isZero();
    }

    // ------------------------------------------------------------------------------ the shape of a wrong body

    @Test
    void anUnknownEnumValueSaysWhichValuesAreAllowed() throws Exception {
        HttpResponse<String> response = send(agentToken, "POST", "/api/delegations",
                commission("王秀英").replace("\"kind\":\"ASSIST\"", "\"kind\":\"HELP\""), Map.of());

        assertProblem(response, 400, "malformed-request", "kind");
        assertThat(body(response).get("detail").asText()).isEqualTo("kind must be one of ASSIST, PROXY, not HELP");
    }

    @Test
    void aTextWhereAnObjectBelongsSaysTheShapeWithoutAClassName() throws Exception {
        HttpResponse<String> response = send(agentToken, "POST", "/api/delegations",
                commission("王秀英").replaceAll("\"client\":\\{[^}]*}", "\"client\":\"王秀英\""), Map.of());

        assertProblem(response, 400, "malformed-request", "client");
        assertThat(body(response).get("detail").asText()).isEqualTo("client must be an object");
    }

    @Test
    void aListWhereTheBodyMustBeAnObjectSaysSoWithoutAClassName() throws Exception {
        HttpResponse<String> response = send(agentToken, "POST", "/api/delegations/" + delegation + "/progress",
                "[\"已受理\"]", Map.of());

        assertProblem(response, 400, "malformed-request", "body");
        assertThat(body(response).get("detail").asText()).isEqualTo("the body must be an object");
    }

    @Test
    void aPathVariableOfTheWrongTypeSaysTheShapeWithoutAClassName() throws Exception {
        HttpResponse<String> response = send(agentToken, "POST",
                "/api/delegations/" + delegation + "/escalations/first/return", "{}", Map.of());

        assertProblem(response, 400, "malformed-request", "hop");
        assertThat(body(response).get("detail").asText()).isEqualTo("hop must be a whole number");
    }

    // ------------------------------------------------------------------ every error answer is problem+json

    @Test
    void aHeaderTooLargeForTomcatIsAProblem() throws Exception {
        HttpResponse<String> response = send(agentToken, "GET", "/api/stations", null,
                Map.of("X-Padding", "x".repeat(20_000)));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith(PROBLEM));
        assertThat(body(response).get("rule").asText()).isEqualTo("malformed-request");
        assertThat(response.body()).doesNotContain("Tomcat").doesNotContain("java.");
    }

    @Test
    void anEncodedSlashInThePathIsAProblem() throws Exception {
        HttpResponse<String> response = send(agentToken, "POST", "/api/delegations/a%2Fb/progress",
                "{\"note\":\"已受理\",\"channel\":\"PHONE\"}", Map.of());

        assertProblem(response, 400, "malformed-request", null);
        assertThat(response.body()).doesNotContain("Tomcat").doesNotContain("java.");
    }

    @Test
    void anUnknownRouteIsA404ProblemWhenSignedInAndA401ProblemWithout() throws Exception {
        HttpResponse<String> signedIn = send(agentToken, "GET", "/api/no-such-thing", null, Map.of());
        assertProblem(signedIn, 404, "not-found", null);

        HttpResponse<String> anonymous = send(null, "GET", "/api/no-such-thing", null, Map.of());
        assertProblem(anonymous, 401, "unauthenticated", null);
    }

    @Test
    void aMethodNotAllowedIsAProblem() throws Exception {
        HttpResponse<String> response = send(agentToken, "DELETE", "/api/delegations/" + delegation + "/progress",
                null, Map.of());

        assertProblem(response, 405, "method-not-allowed", null);
        assertThat(response.headers().firstValue("Allow")).hasValueSatisfying(allow -> assertThat(allow).contains("POST"));
    }

    @Test
    void anUnsupportedMediaTypeIsAProblem() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(uri("/api/delegations/" + delegation + "/progress"))
                .header("Authorization", "Bearer " + agentToken).header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("已受理")).build();
        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());

        assertProblem(response, 415, "unsupported-media-type", null);
    }

    // -------------------------------------------------------------------------------------------- idempotency

    @Test
    void anIdempotencyKeyReusedByAnotherUserIsANewRequestNotAReplay() throws Exception {
        String key = UUID.randomUUID().toString();
        String body = commission("李四");

        HttpResponse<String> first = send(agentToken, "POST", "/api/delegations", body, Map.of("Idempotency-Key", key));
        HttpResponse<String> other = send(secondAgentToken, "POST", "/api/delegations", body,
                Map.of("Idempotency-Key", key));
        HttpResponse<String> retry = send(agentToken, "POST", "/api/delegations", body, Map.of("Idempotency-Key", key));

        assertThat(first.statusCode()).as(first.body()).isEqualTo(201);
        assertThat(other.statusCode()).as(other.body()).isEqualTo(201);
        assertThat(other.headers().firstValue("Idempotent-Replayed")).hasValue("false");
        assertThat(body(other).get("id").asText()).isNotEqualTo(body(first).get("id").asText());
        assertThat(eventsBy("other-agent-" + station, body(other).get("id").asText())).isEqualTo(1);
        assertThat(retry.headers().firstValue("Idempotent-Replayed")).contains("true");
        assertThat(body(retry).get("id").asText()).isEqualTo(body(first).get("id").asText());
        // The replay's address is the first request's matter, not the id the retry would have created.
        String created = body(first).get("id").asText();
        assertThat(retry.headers().firstValue("Location")).hasValueSatisfying(location -> assertThat(location)
                .endsWith("/api/delegations/" + created));
    }

    @Test
    void anIdempotencyKeyReusedOnAnotherEndpointIsANewRequestNotARefusal() throws Exception {
        String key = UUID.randomUUID().toString();
        HttpResponse<String> commissioned = send(agentToken, "POST", "/api/delegations", commission("周五"),
                Map.of("Idempotency-Key", key));
        int before = eventCount(delegation);

        HttpResponse<String> progress = send(agentToken, "POST", "/api/delegations/" + delegation + "/progress",
                "{\"note\":\"已受理\",\"channel\":\"PHONE\"}", Map.of("Idempotency-Key", key));

        assertThat(commissioned.statusCode()).as(commissioned.body()).isEqualTo(201);
        assertThat(progress.statusCode()).as(progress.body()).isEqualTo(200);
        assertThat(progress.headers().firstValue("Idempotent-Replayed")).hasValue("false");
        assertThat(eventCount(delegation)).isEqualTo(before + 1);
    }

    // ------------------------------------------------------------------------------------ formats and types

    /** A body in another format than JSON is not read (YAML went past the text checks: a NUL reached the store). */
    @Test
    void aYamlBodyIsRefusedAndAppendsNothing() throws Exception {
        int before = eventCount(delegation);
        HttpResponse<String> response = sendAs(agentToken, "/api/delegations/" + delegation + "/progress",
                "note: \"a\\0b\"\nchannel: PHONE\n", "application/yaml", null);
        assertProblem(response, 415, "unsupported-media-type", null);
        assertThat(eventCount(delegation)).isEqualTo(before);
    }

    @Test
    void aContentTypeNamingNoFormatIsA415NamingTheHeader() throws Exception {
        HttpResponse<String> response = sendAs(agentToken, "/api/delegations/" + delegation + "/progress",
                "{\"note\":\"已受理\",\"channel\":\"PHONE\"}", "*/*", null);
        assertProblem(response, 415, "unsupported-media-type", "Content-Type");
    }

    /** Refused before the command: a 406 after it had been done made a retry commission the matter twice. */
    @Test
    void anAcceptThatAllowsNoJsonIsRefusedBeforeTheCommand() throws Exception {
        String actor = "agent-accept-" + UUID.randomUUID();
        HttpResponse<String> response = sendAs(tokens.issue(actor, Role.AGENT, station), "/api/delegations",
                commission("孙六"), "application/json", "application/xml");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(406);
        assertThat(eventsBy(actor)).isZero();
    }

    @Test
    void anIdOfAnotherKindOfRecordIsNotFound() throws Exception {
        HttpResponse<String> response = send(agentToken, "POST", "/api/delegations/" + agentId + "/progress",
                "{\"note\":\"已受理\",\"channel\":\"PHONE\"}", Map.of());
        assertProblem(response, 404, "not-found", null);
        assertThat(body(response).get("detail").asText()).contains("another kind of record");
    }

    @Test
    void aNullInAListIsRefusedNamingTheEntry() throws Exception {
        int before = eventCount(delegation);
        HttpResponse<String> response = send(agentToken, "POST", "/api/delegations/" + delegation
                + "/supplement-requests", "{\"materials\":[null],\"dueDate\":\"" + LocalDate.now().plusDays(5) + "\"}",
                Map.of());
        assertProblem(response, 400, "invalid-value", "materials[0]");
        assertThat(eventCount(delegation)).isEqualTo(before);
    }

    /** The whole new set is given: a missing list is refused (it cleared every category), an empty one clears. */
    @Test
    void aChangeOfClientCategoriesNamesTheNewSet() throws Exception {
        int before = eventCount(delegation);
        assertProblem(send(agentToken, "POST", "/api/delegations/" + delegation + "/client-categories", "{}",
                Map.of()), 400, "malformed-request", "clientCategories");
        assertThat(eventCount(delegation)).isEqualTo(before);
    }

    @Test
    void aValueIsReadOnlyAsItsOwnJsonType() throws Exception {
        String actor = "agent-types-" + UUID.randomUUID();
        String token = tokens.issue(actor, Role.AGENT, station);
        assertProblem(send(token, "POST", "/api/delegations", commission("周七").replace("\"ASSIST\"", "0"), Map.of()),
                400, "malformed-request", "kind");
        assertProblem(send(token, "POST", "/api/delegations", commission("周七").replace("true", "1"), Map.of()),
                400, "malformed-request", "consentGiven");
        assertProblem(send(token, "POST", "/api/delegations", commission("周七") + "{\"more\":1}", Map.of()),
                400, "malformed-request", null);
        assertThat(eventsBy(actor)).isZero();
    }

    @Test
    void aDateOutsideTheYearsAServiceRecordsIsRefusedNamingIt() throws Exception {
        int before = eventCount(delegation);
        HttpResponse<String> response = send(agentToken, "POST", "/api/delegations/" + delegation + "/home-visit",
                "{\"homeVisit\":{\"agreedAt\":\"0000-01-01T00:00:00Z\",\"address\":\"南村1号\"},\"reason\":\"行动不便\"}",
                Map.of());
        assertProblem(response, 400, "malformed-request", "homeVisit.agreedAt");
        assertThat(body(response).get("detail").asText()).contains("1900", "2100");
        assertThat(eventCount(delegation)).isEqualTo(before);
    }

    HttpResponse<String> sendAs(String token, String path, String body, String contentType, String accept)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", contentType).header("Authorization", "Bearer " + token);
        if (accept != null) {
            request.header("Accept", accept);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    // ---------------------------------------------------------------------------------------------- helpers

    void assertProblem(HttpResponse<String> response, int status, String rule, String field) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith(PROBLEM));
        JsonNode problem = body(response);
        assertThat(problem.get("type").asText()).isEqualTo("urn:daiban:problem:" + rule);
        assertThat(problem.get("rule").asText()).isEqualTo(rule);
        assertThat(problem.get("status").asInt()).isEqualTo(status);
        if (field != null) {
            assertThat(problem.get("field").asText()).isEqualTo(field);
        }
        assertThat(problem.get("detail").asText()).doesNotContain("cn.daiban").doesNotContain("java.")
                .doesNotContain("com.fasterxml");
    }

    URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    HttpResponse<String> send(String token, String method, String path, String body, Map<String, String> headers)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        new LinkedHashMap<>(headers).forEach(request::header);
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    String created(String token, String path, String body) throws Exception {
        HttpResponse<String> response = send(token, "POST", path, body, Map.of());
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(201);
        return body(response).get("id").asText();
    }

    JsonNode body(HttpResponse<String> response) throws Exception {
        return json.readTree(response.body());
    }

    int eventCount(String aggregateId) {
        return jdbc.queryForObject("select count(*) from command_side.domain_event_entry where aggregate_identifier = ?",
                Integer.class, aggregateId);
    }

    int eventsBy(String actor) {
        return jdbc.queryForObject("select count(*) from command_side.domain_event_entry where actor_id = ?",
                Integer.class, actor);
    }

    int eventsBy(String actor, String aggregateId) {
        return jdbc.queryForObject("""
                select count(*) from command_side.domain_event_entry where actor_id = ? and aggregate_identifier = ?""",
                Integer.class, actor, aggregateId);
    }

    int idempotencyRecords(String key) {
        return jdbc.queryForObject("select count(*) from command_side.idempotency_record where idempotency_key = ?",
                Integer.class, key);
    }
}
