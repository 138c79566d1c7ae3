package cn.daiban.command.web;

import cn.daiban.command.support.PostgresIntegrationTest;
import cn.daiban.kernel.eventstore.EventHash;
import cn.daiban.security.EmbeddedTokens;
import cn.daiban.security.Role;
import com.nimbusds.jose.jwk.source.ImmutableSecret;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.dbscheduler.DbSchedulerDeadlineManager;
import org.axonframework.modelling.command.AggregateScopeDescriptor;
import org.junit.jupiter.api.Test;
import cn.daiban.kernel.consultation.ConsultationRecordedEvent;
import cn.daiban.kernel.consultation.MaterialsPreCheckedEvent;
import cn.daiban.kernel.consultation.OneTimeNoticeGivenEvent;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The command API's behaviour over HTTP against PostgreSQL: what is stored and how, and how bad input, unknown
 * ids, forbidden transitions, rule violations, stale versions and retries are answered.
 */
class CommandApiIT extends PostgresIntegrationTest {

    private static final AtomicInteger SERIAL = new AtomicInteger(100);

    @Autowired
    TestRestTemplate http;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    ObjectMapper json;
    @Autowired
    DeadlineManager deadlineManager;
    @Autowired
    EmbeddedTokens tokens;
    @Autowired
    org.axonframework.eventsourcing.eventstore.EventStore eventStore;

    static String newCode() {
        return "1405" + (21000 + SERIAL.incrementAndGet());
    }

    static String countyOpening(String code) {
        return """
                {"stationCode":"%s","name":"沁水县政务服务中心","level":"COUNTY_CENTRE","region":"140521",
                 "address":"沁水县龙港镇","manager":{"name":"张伟","phone":"13812345678"},
                 "supervisionPhone":"0356-7022345",
                 "windows":[{"code":"Z1","name":"帮办代办专区","kind":"ZONE"}],"serviceItemCodes":["RS-001"]}
                """.formatted(code);
    }

    static String townshipOpening(String code, String parent) {
        return """
                {"stationCode":"%s","name":"郑庄镇便民服务中心","level":"TOWNSHIP_CENTRE","parentCode":"%s",
                 "region":"140521","address":"郑庄镇","manager":{"name":"李娜","phone":"13912345678"},
                 "supervisionPhone":"0356-7023456"}
                """.formatted(code, parent);
    }

    /** As the administrator agent-007 (signed in at the county centre 140521000), unless a header says otherwise. */
    ResponseEntity<String> post(String path, String body, Map<String, String> extraHeaders) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        headers.setBearerAuth(tokens.issue("agent-007", Role.ADMINISTRATOR, "140521000"));
        extraHeaders.forEach(headers::set);
        return http.exchange(path, HttpMethod.POST, new HttpEntity<>(body, headers), String.class);
    }

    ResponseEntity<String> post(String path, String body) {
        return post(path, body, Map.of());
    }

    JsonNode body(ResponseEntity<String> response) throws Exception {
        return json.readTree(response.getBody());
    }

    int eventCount(String aggregateId) {
        return jdbc.queryForObject("select count(*) from command_side.domain_event_entry where aggregate_identifier = ?",
                Integer.class, aggregateId);
    }

    String openCounty() {
        String code = newCode();
        ResponseEntity<String> opened = post("/api/stations", countyOpening(code));
        assertThat(opened.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(post("/api/stations/" + code + "/opening/approval", "{}").getStatusCode()).isEqualTo(HttpStatus.OK);
        return code;
    }

    @Test
    void healthIncludesTheDatabaseAndOpenApiIsPublished() {
        ResponseEntity<String> readiness = http.getForEntity("/actuator/health/readiness", String.class);
        assertThat(readiness.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(readiness.getBody()).contains("\"db\"").contains("UP");
        ResponseEntity<String> docs = http.getForEntity("/v3/api-docs", String.class);
        assertThat(docs.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(docs.getBody()).contains("/api/stations").contains("/api/delegations")
                .contains("11010519491231002X").contains("bearer-jwt").contains("/api/dev/tokens");
        assertThat(http.getForEntity("/swagger-ui/index.html", String.class).getStatusCode()).isEqualTo(HttpStatus.OK);
    }

    @Test
    void commandAnswersWithIdAndVersionAndStoresReadableJsonWithWhoWhereAndCorrelation() throws Exception {
        String code = newCode();
        String correlation = "corr-" + UUID.randomUUID();
        ResponseEntity<String> response = post("/api/stations", countyOpening(code), Map.of("X-Correlation-Id", correlation));

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(body(response).get("id").asText()).isEqualTo(code);
        assertThat(body(response).get("version").asLong()).isZero();
        assertThat(response.getHeaders().getETag()).isEqualTo("\"0\"");

        Map<String, Object> row = jdbc.queryForMap("""
                select payload_type, payload_revision, payload, meta_data
                from command_side.domain_event_entry where aggregate_identifier = ?""", code);
        assertThat(row.get("payload_type")).isEqualTo("cn.daiban.kernel.station.StationOpeningRequestedEvent");
        assertThat(row.get("payload_revision")).isEqualTo("1");
        JsonNode payload = json.readTree(new String((byte[]) row.get("payload"), StandardCharsets.UTF_8));
        assertThat(payload.get("name").asText()).isEqualTo("沁水县政务服务中心");
        assertThat(payload.get("stationCode").asText()).isEqualTo(code);
        JsonNode metaData = json.readTree(new String((byte[]) row.get("meta_data"), StandardCharsets.UTF_8));
        assertThat(metaData.get("actorId").asText()).isEqualTo("agent-007");
        assertThat(metaData.get("stationCode").asText()).isEqualTo("140521000");
        assertThat(metaData.get("correlationId").asText()).isEqualTo(correlation);
    }

    @Test
    void eachStreamIsAHashChainOverWhatIsStored() {
        String code = openCounty();
        List<Map<String, Object>> rows = jdbc.queryForList("""
                select event_identifier, aggregate_identifier, sequence_number, type, time_stamp, payload_type,
                       payload_revision, payload, meta_data
                from command_side.domain_event_entry where aggregate_identifier = ? order by sequence_number""", code);
        assertThat(rows).hasSize(2);
        String previous = EventHash.GENESIS;
        for (Map<String, Object> row : rows) {
            byte[] metaData = (byte[]) row.get("meta_data");
            String recomputed = EventHash.of(new EventHash.StoredRow((String) row.get("event_identifier"),
                    (String) row.get("aggregate_identifier"), ((Number) row.get("sequence_number")).longValue(),
                    (String) row.get("type"), (String) row.get("time_stamp"), (String) row.get("payload_type"),
                    (String) row.get("payload_revision"), (byte[]) row.get("payload"), metaData), previous);
            assertThat(EventHash.read(metaData, EventHash.PREVIOUS_HASH)).isEqualTo(previous);
            assertThat(EventHash.read(metaData, EventHash.HASH)).isEqualTo(recomputed);
            previous = recomputed;
        }
    }

    /**
     * The chain is put into the events' metadata on their way into the event store (EventHashChain), not by the JDBC
     * statement alone: read back through Axon's API, as with Axon Server, every event carries its hash and its
     * predecessor's, and the hash is over the millisecond timestamp both engines keep.
     */
    @Test
    void hashAndPreviousHashAreInTheMetadataOfNewlyAppendedEvents() {
        String code = openCounty();
        var stream = eventStore.readEvents(code, 0);
        String previous = EventHash.GENESIS;
        int events = 0;
        while (stream.hasNext()) {
            var event = stream.next();
            assertThat(event.getMetaData().get(EventHash.PREVIOUS_HASH)).isEqualTo(previous);
            assertThat(event.getMetaData().get(EventHash.HASH)).asString().hasSize(64);
            assertThat(event.getTimestamp().getNano() % 1_000_000).isZero();
            previous = (String) event.getMetaData().get(EventHash.HASH);
            events++;
        }
        assertThat(events).isEqualTo(2);
    }

    @Test
    void payloadsMetadataAndTokensAreByteaNotLargeObjects() {
        assertThat(jdbc.queryForList("""
                select table_name || '.' || column_name || ':' || data_type from information_schema.columns
                where table_schema = 'command_side'
                  and column_name in ('payload', 'meta_data', 'token', 'serialized_saga', 'task_data')""", String.class))
                .containsExactlyInAnyOrder(
                        "domain_event_entry.payload:bytea", "domain_event_entry.meta_data:bytea",
                        "snapshot_event_entry.payload:bytea", "snapshot_event_entry.meta_data:bytea",
                        "token_entry.token:bytea", "saga_entry.serialized_saga:bytea", "scheduled_tasks.task_data:bytea");
    }

    @Test
    void retryWithTheSameIdempotencyKeyGetsTheSameAnswerAndNoSecondEvent() throws Exception {
        String code = newCode();
        Map<String, String> key = Map.of("Idempotency-Key", UUID.randomUUID().toString());
        ResponseEntity<String> first = post("/api/stations", countyOpening(code), key);
        ResponseEntity<String> retry = post("/api/stations", countyOpening(code), key);

        assertThat(first.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(retry.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(body(retry)).isEqualTo(body(first));
        assertThat(retry.getHeaders().getFirst("Idempotent-Replayed")).isEqualTo("true");
        assertThat(eventCount(code)).isEqualTo(1);

        ResponseEntity<String> reused = post("/api/stations", countyOpening(newCode()), key);
        assertThat(reused.getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
        assertThat(body(reused).get("field").asText()).isEqualTo("Idempotency-Key");
    }

    @Test
    void refusedCommandDoesNotConsumeItsIdempotencyKey() throws Exception {
        String key = UUID.randomUUID().toString();
        String village = newCode();
        ResponseEntity<String> refused = post("/api/stations", townshipOpening(village, "NOSUCH01"), Map.of("Idempotency-Key", key));
        assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
        assertThat(body(refused).get("rule").asText()).isEqualTo("reference-exists");
        assertThat(body(refused).get("field").asText()).isEqualTo("parentCode");
        assertThat(jdbc.queryForObject("select count(*) from command_side.idempotency_record where idempotency_key = ?",
                Integer.class, key)).isZero();
    }

    @Test
    void malformedJsonIsA400Problem() throws Exception {
        ResponseEntity<String> response = post("/api/stations", "{\"stationCode\": ");
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(body(response).get("status").asInt()).isEqualTo(400);
    }

    @Test
    void invalidNestedFieldIsNamed() throws Exception {
        String code = newCode();
        ResponseEntity<String> response = post("/api/stations",
                countyOpening(code).replace("13812345678", "12345"));
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(body(response).get("field").asText()).isEqualTo("manager.phone");
        assertThat(eventCount(code)).isZero();
    }

    @Test
    void unknownEnumValueNamesTheFieldAndTheAllowedValues() throws Exception {
        ResponseEntity<String> response = post("/api/stations",
                countyOpening(newCode()).replace("COUNTY_CENTRE", "CITY_HALL"));
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(body(response).get("field").asText()).isEqualTo("level");
        assertThat(body(response).get("detail").asText()).contains("TOWNSHIP_CENTRE");
    }

    @Test
    void missingRequiredFieldIsNamed() throws Exception {
        ResponseEntity<String> response = post("/api/stations",
                countyOpening(newCode()).replace("\"address\":\"沁水县龙港镇\",", ""));
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(body(response).get("field").asText()).isEqualTo("address");
    }

    @Test
    void withoutATokenIsA401ProblemAndLeavesNothing() throws Exception {
        String code = newCode();
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        headers.set("X-Actor-Id", "forged-admin");
        ResponseEntity<String> response = http.exchange("/api/stations", HttpMethod.POST,
                new HttpEntity<>(countyOpening(code), headers), String.class);
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(response.getHeaders().getContentType().isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)).isTrue();
        assertThat(body(response).get("rule").asText()).isEqualTo("unauthenticated");
        assertThat(eventCount(code)).isZero();
    }

    @Test
    void aTokenSignedWithAnotherKeyIsA401() throws Exception {
        String forged = new NimbusJwtEncoder(new ImmutableSecret<>(new SecretKeySpec(
                "another-secret-of-at-least-thirty-two-bytes".getBytes(StandardCharsets.UTF_8), "HmacSHA256")))
                .encode(JwtEncoderParameters.from(JwsHeader.with(MacAlgorithm.HS256).build(),
                        JwtClaimsSet.builder().issuer("daiban-embedded").subject("mallory")
                                .claim("role", "ADMINISTRATOR").expiresAt(Instant.now().plusSeconds(600)).build()))
                .getTokenValue();
        String code = newCode();
        ResponseEntity<String> response = post("/api/stations", countyOpening(code),
                Map.of("Authorization", "Bearer " + forged));
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(eventCount(code)).isZero();
    }

    @Test
    void anAdministratorDecidesOnBehalfOfTheSupervisingStation() throws Exception {
        String county = openCounty();
        String township = newCode() + "1";
        assertThat(post("/api/stations", townshipOpening(township, county)).getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(post("/api/stations/" + township + "/opening/approval", "{}").getStatusCode()).isEqualTo(HttpStatus.OK);
        String approved = jdbc.queryForObject("""
                select convert_from(payload, 'UTF8') from command_side.domain_event_entry
                where aggregate_identifier = ? and sequence_number = 1""", String.class, township);
        assertThat(json.readTree(approved).get("approverStationCode").asText()).isEqualTo(county);
    }

    @Test
    void theActorIsTheSignedInUserNotAHeader() throws Exception {
        String code = newCode();
        post("/api/stations", countyOpening(code), Map.of("X-Actor-Id", "someone-else", "X-Station-Code", "999999"));
        String stored = jdbc.queryForObject("""
                select convert_from(meta_data, 'UTF8') from command_side.domain_event_entry
                where aggregate_identifier = ?""", String.class, code);
        JsonNode metaData = json.readTree(stored);
        assertThat(metaData.get("actorId").asText()).isEqualTo("agent-007");
        assertThat(metaData.get("stationCode").asText()).isEqualTo("140521000");
    }

    @Test
    void unknownStationIs404() throws Exception {
        ResponseEntity<String> response = post("/api/stations/NOSUCH99/opening/approval", "{}");
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(body(response).get("rule").asText()).isEqualTo("not-found");
    }

    @Test
    void forbiddenTransitionIs409AndLeavesNoEvent() throws Exception {
        String code = openCounty();
        int before = eventCount(code);
        ResponseEntity<String> again = post("/api/stations/" + code + "/opening/approval", "{}");
        assertThat(again.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(body(again).get("rule").asText()).isEqualTo("station-status");
        assertThat(eventCount(code)).isEqualTo(before);
    }

    @Test
    void brokenBusinessRuleIs422NamingTheField() throws Exception {
        String county = openCounty();
        String village = newCode();
        ResponseEntity<String> response = post("/api/stations",
                townshipOpening(village, county).replace("TOWNSHIP_CENTRE", "VILLAGE_STATION"));
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
        assertThat(body(response).get("field").asText()).isEqualTo("parentCode");
        assertThat(body(response).get("rule").asText()).isEqualTo("parent-level");
        assertThat(eventCount(village)).isZero();
    }

    /**
     * 004 附录A over HTTP: a partner outlet's site conditions bind from JSON; without them, with three staff or without a
     * printer, the refusal names the rule and the field and leaves nothing; a bad value inside them is a 400 naming it.
     */
    @Test
    void aPartnerOutletsSiteConditionsAreCheckedByName() throws Exception {
        String county = openCounty();
        String outlet = "140521B" + newCode().substring(5);
        String opening = """
                {"stationCode":"%s","name":"邮储银行网点","level":"PARTNER_OUTLET","parentCode":"%s","hostType":"BANK",
                 "region":"140521","address":"龙港镇中心街8号","manager":{"name":"刘洋","phone":"13712345678"},
                 "supervisionPhone":"0356-7023456"%%s}""".formatted(outlet, county);
        String conditions = """
                ,"siteConditions":{"applicant":"邮储银行沁水县支行","footTraffic":"日均约300人次","staffCount":%d,
                 "equipment":[%s],"spaciousAndBright":true,"hostStable":true}""";
        String basic = "\"OFFICE_PHONE\",\"COMPUTER\",\"PRINTER\",\"DESK_AND_CHAIRS\",\"FILE_CABINET\"";
        Map<String, String[]> refusals = new java.util.LinkedHashMap<>();
        refusals.put(opening.formatted(""), new String[] {"opening-conditions-stated", "siteConditions"});
        refusals.put(opening.formatted(conditions.formatted(3, basic)),
                new String[] {"opening-staffing-one-or-two", "siteConditions.staffCount"});
        refusals.put(opening.formatted(conditions.formatted(2, basic.replace("\"PRINTER\",", ""))),
                new String[] {"opening-basic-equipment", "siteConditions.equipment"});
        for (Map.Entry<String, String[]> refusal : refusals.entrySet()) {
            ResponseEntity<String> response = post("/api/stations", refusal.getKey());
            assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
            assertThat(body(response).get("rule").asText()).isEqualTo(refusal.getValue()[0]);
            assertThat(body(response).get("field").asText()).isEqualTo(refusal.getValue()[1]);
        }
        ResponseEntity<String> badValue = post("/api/stations", opening.formatted(conditions.formatted(0, basic)));
        assertThat(badValue.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(body(badValue).get("field").asText()).isEqualTo("siteConditions.staffCount");
        assertThat(eventCount(outlet)).isZero();
        assertThat(post("/api/stations", opening.formatted(conditions.formatted(1, basic))).getStatusCode())
                .isEqualTo(HttpStatus.CREATED);
    }

    @Test
    void stationCodeOutsideTheParentsRegionIs422NamingTheRuleAndLeavesNoEvent() throws Exception {
        String county = openCounty();
        String township = "140599" + newCode().substring(6) + "1";
        ResponseEntity<String> response = post("/api/stations",
                townshipOpening(township, county).replace("\"region\":\"140521\"", "\"region\":\"140599\""));
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
        assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(body(response).get("rule").asText()).isEqualTo("station-code-in-parent-region");
        assertThat(body(response).get("type").asText()).isEqualTo("urn:daiban:problem:station-code-in-parent-region");
        assertThat(body(response).get("field").asText()).isEqualTo("stationCode");
        assertThat(eventCount(township)).isZero();
    }

    @Test
    void anAgentsPostAtAWindowTheStationDoesNotHaveIs422NamingTheRuleAndLeavesNoEvent() throws Exception {
        String county = openCounty();   // its one zone is Z1
        String manager = "Bearer " + tokens.issue("manager-" + county, Role.STATION_MANAGER, county);
        String since = java.time.LocalDate.now().minusYears(2).toString();
        int agentEvents = jdbc.queryForObject(
                "select count(*) from command_side.domain_event_entry where type = 'Agent'", Integer.class);
        ResponseEntity<String> refused = post("/api/agents", """
                {"stationCode":"%s","name":"赵红","phone":"13700001111","background":"PARTY_MEMBER","role":"AGENT",
                 "intakeExperienceSince":"%s","post":"ZONE","windowCode":"Z9","fullTime":true}"""
                .formatted(county, since), Map.of("Authorization", manager));
        assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
        assertThat(refused.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(body(refused).get("rule").asText()).isEqualTo("post-window-at-station");
        assertThat(body(refused).get("type").asText()).isEqualTo("urn:daiban:problem:post-window-at-station");
        assertThat(body(refused).get("field").asText()).isEqualTo("windowCode");
        assertThat(jdbc.queryForObject("select count(*) from command_side.domain_event_entry where type = 'Agent'",
                Integer.class)).isEqualTo(agentEvents);

        ResponseEntity<String> registered = post("/api/agents", """
                {"stationCode":"%s","name":"赵红","phone":"13700001111","background":"PARTY_MEMBER","role":"AGENT",
                 "intakeExperienceSince":"%s","post":"ZONE","windowCode":"Z1","fullTime":true}"""
                .formatted(county, since), Map.of("Authorization", manager));
        assertThat(registered.getStatusCode()).as(registered.getBody()).isEqualTo(HttpStatus.CREATED);
        String agent = body(registered).get("id").asText();
        assertThat(post("/api/agents/" + agent + "/post", "{\"post\":\"STATION\",\"fullTime\":false,\"reason\":\"调岗\"}",
                Map.of("Authorization", manager)).getStatusCode()).isEqualTo(HttpStatus.OK);
        ResponseEntity<String> same = post("/api/agents/" + agent + "/post",
                "{\"post\":\"STATION\",\"fullTime\":false,\"reason\":\"调岗\"}", Map.of("Authorization", manager));
        assertThat(same.getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
        assertThat(body(same).get("rule").asText()).isEqualTo("post-changes-something");
        assertThat(eventCount(agent)).isEqualTo(2);
    }

    @Test
    void transferToAWindowTheStationDoesNotHaveIs422NamingTheRuleAndLeavesNoEvent() throws Exception {
        String county = openCounty();   // its one zone is Z1
        String manager = "Bearer " + tokens.issue("manager-" + county, Role.STATION_MANAGER, county);
        String agentToken = "Bearer " + tokens.issue("agent-" + county, Role.AGENT, county);
        ResponseEntity<String> registered = post("/api/agents", """
                {"stationCode":"%s","name":"赵红","phone":"13700001111","background":"PARTY_MEMBER","role":"AGENT",
                 "intakeExperienceSince":"%s"}""".formatted(county, java.time.LocalDate.now().minusYears(2)),
                Map.of("Authorization", manager));
        assertThat(registered.getStatusCode()).as(registered.getBody()).isEqualTo(HttpStatus.CREATED);
        String agent = body(registered).get("id").asText();
        assertThat(post("/api/agents/" + agent + "/trainings", """
                {"date":"%s","topic":"帮办代办业务培训","hours":4}""".formatted(java.time.LocalDate.now()),
                Map.of("Authorization", manager)).getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(post("/api/agents/" + agent + "/assessments", """
                {"date":"%s","passed":true,"examiner":"县中心"}""".formatted(java.time.LocalDate.now()),
                Map.of("Authorization", manager)).getStatusCode()).isEqualTo(HttpStatus.OK);
        String delegation = assist(county, agent, "RS-001", agentToken);
        int before = eventCount(delegation);

        ResponseEntity<String> refused = post("/api/delegations/" + delegation + "/transfer",
                "{\"toWindow\":\"Z9\",\"reason\":\"分区调整\"}", Map.of("Authorization", agentToken));

        assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
        assertThat(refused.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(body(refused).get("rule").asText()).isEqualTo("window-of-station");
        assertThat(body(refused).get("type").asText()).isEqualTo("urn:daiban:problem:window-of-station");
        assertThat(body(refused).get("field").asText()).isEqualTo("toWindow");
        assertThat(eventCount(delegation)).isEqualTo(before);

        // The zone the station opened with is known to the command side's look-up, so a transfer there is taken.
        ResponseEntity<String> taken = post("/api/delegations/" + delegation + "/transfer",
                "{\"toWindow\":\"Z1\",\"reason\":\"分区调整\"}", Map.of("Authorization", agentToken));
        assertThat(taken.getStatusCode()).as(taken.getBody()).isEqualTo(HttpStatus.OK);
        assertThat(eventCount(delegation)).isEqualTo(before + 1);

        // 003 三(五): the transfer waits for the receiver; a second one meanwhile is refused and leaves nothing.
        ResponseEntity<String> second = post("/api/delegations/" + delegation + "/transfer",
                "{\"toWindow\":\"Z1\",\"reason\":\"再次调整\"}", Map.of("Authorization", agentToken));
        assertThat(second.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(body(second).get("rule").asText()).isEqualTo("transfer-pending");
        assertThat(eventCount(delegation)).isEqualTo(before + 1);
        // The receiver returns it (not within its duties), saying why; a blank reason is refused and leaves nothing.
        ResponseEntity<String> noReason = post("/api/delegations/" + delegation + "/transfer/refusal",
                "{\"reason\":\" \"}", Map.of("Authorization", agentToken));
        assertThat(noReason.getStatusCode()).as(noReason.getBody()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(noReason.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(body(noReason).get("field").asText()).isEqualTo("reason");
        // Not by whoever sent it (it withdraws instead): 422 naming the rule, nothing stored.
        ResponseEntity<String> bySender = post("/api/delegations/" + delegation + "/transfer/refusal",
                "{\"reason\":\"不属本分区职责\"}", Map.of("Authorization", agentToken));
        assertThat(bySender.getStatusCode()).as(bySender.getBody()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
        assertThat(body(bySender).get("rule").asText()).isEqualTo("transfer-refused-by-receiver");
        assertThat(eventCount(delegation)).isEqualTo(before + 1);
        String receiverToken = "Bearer " + tokens.issue("zone-agent-" + county, Role.AGENT, county);
        ResponseEntity<String> returned = post("/api/delegations/" + delegation + "/transfer/refusal",
                "{\"reason\":\"不属本分区职责\"}", Map.of("Authorization", receiverToken));
        assertThat(returned.getStatusCode()).as(returned.getBody()).isEqualTo(HttpStatus.OK);
        assertThat(eventCount(delegation)).isEqualTo(before + 2);
        // Nothing waits now: accepting is refused, and the matter may be transferred again.
        ResponseEntity<String> nothingToAccept = post("/api/delegations/" + delegation + "/transfer/acceptance",
                "{\"helperAgentId\":\"" + agent + "\"}", Map.of("Authorization", agentToken));
        assertThat(nothingToAccept.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(body(nothingToAccept).get("rule").asText()).isEqualTo("transfer-awaiting-acceptance");
        assertThat(eventCount(delegation)).isEqualTo(before + 2);
        assertThat(post("/api/delegations/" + delegation + "/transfer", "{\"toWindow\":\"Z1\",\"reason\":\"再次转办\"}",
                Map.of("Authorization", agentToken)).getStatusCode()).isEqualTo(HttpStatus.OK);
        // The sender takes that one back, and sends it again.
        ResponseEntity<String> withdrawn = post("/api/delegations/" + delegation + "/transfer/withdrawal",
                "{\"reason\":\"转错分区\"}", Map.of("Authorization", agentToken));
        assertThat(withdrawn.getStatusCode()).as(withdrawn.getBody()).isEqualTo(HttpStatus.OK);
        assertThat(eventCount(delegation)).isEqualTo(before + 4);
        assertThat(post("/api/delegations/" + delegation + "/transfer", "{\"toWindow\":\"Z1\",\"reason\":\"重新转办\"}",
                Map.of("Authorization", agentToken)).getStatusCode()).isEqualTo(HttpStatus.OK);
        // The receiver accepts, naming its helper: the matter moves.
        ResponseEntity<String> accepted = post("/api/delegations/" + delegation + "/transfer/acceptance",
                "{\"helperAgentId\":\"" + agent + "\",\"note\":\"已接收\"}", Map.of("Authorization", agentToken));
        assertThat(accepted.getStatusCode()).as(accepted.getBody()).isEqualTo(HttpStatus.OK);
        assertThat(eventCount(delegation)).isEqualTo(before + 6);
    }

    @Test
    void escalatingAMatterTheStationsOwnLevelMayDecideIs422NamingTheRuleAndLeavesNoEvent() throws Exception {
        String county = openCounty();
        String agent = qualifiedAgent(county);
        String agentToken = "Bearer " + tokens.issue("agent-" + county, Role.AGENT, county);
        String delegation = assist(county, agent, "RS-001", agentToken);
        int before = eventCount(delegation);

        // 城乡居民养老保险参保登记 (RS-001) is decided at county level: the county centre completes it itself.
        ResponseEntity<String> refused = escalate(delegation, county, agentToken);

        JsonNode problem = refused422(refused, "escalate-only-outside-authority");
        assertThat(problem.get("type").asText()).isEqualTo("urn:daiban:problem:escalate-only-outside-authority");
        assertThat(eventCount(delegation)).isEqualTo(before);
    }

    /**
     * 000 §7.2.3 over HTTP: a matter goes up its own station's line. Another county's centre has the authority but is
     * not above the township that took the matter in: 422 naming the rule and the field, nothing stored; its own
     * county takes it.
     */
    @Test
    void escalatingToACentreNotAboveTheMatterIs422NamingTheRuleAndLeavesNoEvent() throws Exception {
        String county = openCounty();
        String otherCounty = openCounty();
        String township = newCode();
        assertThat(post("/api/stations", townshipOpening(township, county).replace("\"supervisionPhone\":\"0356-7023456\"",
                "\"supervisionPhone\":\"0356-7023456\",\"serviceItemCodes\":[\"RS-004\"]")).getStatusCode())
                .isEqualTo(HttpStatus.CREATED);
        assertThat(post("/api/stations/" + township + "/opening/approval", "{}").getStatusCode()).isEqualTo(HttpStatus.OK);
        String agent = qualifiedAgent(township);
        String agentToken = "Bearer " + tokens.issue("agent-" + township, Role.AGENT, township);
        // 灵活就业人员社会保险登记 (RS-004) is decided at county level only: the township sends it up.
        String delegation = assist(township, agent, "RS-004", agentToken);
        int before = eventCount(delegation);

        ResponseEntity<String> refused = escalate(delegation, otherCounty, agentToken);

        JsonNode problem = refused422(refused, "escalate-upwards");
        assertThat(problem.get("field").asText()).isEqualTo("targetStationCode");
        assertThat(problem.get("detail").asText()).contains(otherCounty).contains(county);
        assertThat(eventCount(delegation)).isEqualTo(before);
        ResponseEntity<String> sentUp = escalate(delegation, county, agentToken);
        assertThat(sentUp.getStatusCode()).as(sentUp.getBody()).isEqualTo(HttpStatus.OK);
        assertThat(eventCount(delegation)).isEqualTo(before + 1);
    }

    /** An assist of {@code item} at {@code station}, taken in by {@code agent} (signed in with {@code agentToken}); its id. */
    String assist(String station, String agent, String item, String agentToken) throws Exception {
        ResponseEntity<String> commissioned = post("/api/delegations", """
                {"kind":"ASSIST","mode":"ON_SITE","stationCode":"%s","agentId":"%s","itemCode":"%s",
                 "client":{"kind":"CITIZEN","name":"王秀英","phone":"13912345678"},"consentGiven":true}"""
                .formatted(station, agent, item), Map.of("Authorization", agentToken));
        assertThat(commissioned.getStatusCode()).as(commissioned.getBody()).isEqualTo(HttpStatus.CREATED);
        return body(commissioned).get("id").asText();
    }

    /** A 422 problem+json naming {@code rule}; its body. */
    JsonNode refused422(ResponseEntity<String> refused, String rule) throws Exception {
        assertThat(refused.getStatusCode()).as(refused.getBody()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
        assertThat(refused.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        JsonNode problem = body(refused);
        assertThat(problem.get("rule").asText()).isEqualTo(rule);
        return problem;
    }

    ResponseEntity<String> escalate(String delegation, String target, String agentToken) {
        return post("/api/delegations/" + delegation + "/escalations",
                "{\"targetStationCode\":\"%s\",\"uploadedMaterialRefs\":[\"scan/1.pdf\"]}".formatted(target),
                Map.of("Authorization", agentToken));
    }

    /** A qualified agent of {@code station}, registered and assessed by its manager; returns the agent's id. */
    String qualifiedAgent(String station) throws Exception {
        return qualifiedAgent(station, "AGENT");
    }

    /** An agent of the station, qualified (registered and assessed by its manager); its id. */
    String qualifiedAgent(String station, String role) throws Exception {
        String manager = "Bearer " + tokens.issue("manager-" + station, Role.STATION_MANAGER, station);
        ResponseEntity<String> registered = post("/api/agents", """
                {"stationCode":"%s","name":"赵红","phone":"13700001111","background":"PARTY_MEMBER","role":"%s",
                 "intakeExperienceSince":"%s"}""".formatted(station, role, java.time.LocalDate.now().minusYears(2)),
                Map.of("Authorization", manager));
        assertThat(registered.getStatusCode()).as(registered.getBody()).isEqualTo(HttpStatus.CREATED);
        String agent = body(registered).get("id").asText();
        assertThat(post("/api/agents/" + agent + "/trainings", """
                {"date":"%s","topic":"帮办代办业务培训","hours":4}""".formatted(java.time.LocalDate.now()),
                Map.of("Authorization", manager)).getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(post("/api/agents/" + agent + "/assessments", """
                {"date":"%s","passed":true,"examiner":"县中心"}""".formatted(java.time.LocalDate.now()),
                Map.of("Authorization", manager)).getStatusCode()).isEqualTo(HttpStatus.OK);
        return agent;
    }

    /** 002 服务对象: the seeded list, extended by an administrator, is what commissioning checks a client against. */
    @Test
    void clientCategoryListedIsCheckedAgainstTheSeededListAnAdministratorExtends() throws Exception {
        String county = openCounty();
        String agent = qualifiedAgent(county);
        String agentToken = "Bearer " + tokens.issue("agent-" + county, Role.AGENT, county);
        String veteran = "VETERAN_" + SERIAL.incrementAndGet();
        String commission = """
                {"kind":"ASSIST","mode":"ON_SITE","stationCode":"%s","agentId":"%s","itemCode":"RS-001",
                 "client":{"kind":"CITIZEN","name":"王秀英","phone":"13912345678"},"consentGiven":true,
                 "clientCategories":%s}""";
        long delegationsBefore = jdbc.queryForObject("select count(distinct aggregate_identifier) from "
                + "command_side.domain_event_entry where type = 'Delegation'", Long.class);

        ResponseEntity<String> seeded = post("/api/delegations", commission.formatted(county, agent,
                "[\"ELDERLY\",\"MILITARY\"]"), Map.of("Authorization", agentToken));
        assertThat(seeded.getStatusCode()).as(seeded.getBody()).isEqualTo(HttpStatus.CREATED);

        ResponseEntity<String> unknown = post("/api/delegations", commission.formatted(county, agent,
                "[\"" + veteran + "\"]"), Map.of("Authorization", agentToken));
        assertThat(unknown.getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
        assertThat(unknown.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(body(unknown).get("rule").asText()).isEqualTo("client-category-listed");
        assertThat(body(unknown).get("type").asText()).isEqualTo("urn:daiban:problem:client-category-listed");
        assertThat(body(unknown).get("field").asText()).isEqualTo("clientCategories");
        assertThat(jdbc.queryForObject("select count(distinct aggregate_identifier) from "
                + "command_side.domain_event_entry where type = 'Delegation'", Long.class))
                .isEqualTo(delegationsBefore + 1);

        String category = "{\"code\":\"" + veteran + "\",\"label\":\"退役军人\",\"group\":\"GREEN_CHANNEL\"}";
        ResponseEntity<String> forbidden = post("/api/client-categories", category, Map.of("Authorization", agentToken));
        assertThat(forbidden.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        ResponseEntity<String> defined = post("/api/client-categories", category);
        assertThat(defined.getStatusCode()).as(defined.getBody()).isEqualTo(HttpStatus.CREATED);
        ResponseEntity<String> again = post("/api/client-categories", category);
        assertThat(again.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(body(again).get("rule").asText()).isEqualTo("client-category-code-unique");

        ResponseEntity<String> extended = post("/api/delegations", commission.formatted(county, agent,
                "[\"" + veteran + "\"]"), Map.of("Authorization", agentToken));
        assertThat(extended.getStatusCode()).as(extended.getBody()).isEqualTo(HttpStatus.CREATED);
    }

    /** 000 §7.2.2 b, 003 附件3 六5: a home visit needs the agreed time and address; the address is stored sealed. */
    @Test
    void homeVisitAgreedIsRequiredAndTheAddressIsStoredSealed() throws Exception {
        String county = openCounty();
        String agent = qualifiedAgent(county);
        String agentToken = "Bearer " + tokens.issue("agent-" + county, Role.AGENT, county);
        String address = "郑庄村东街" + SERIAL.incrementAndGet() + "号";
        String commission = """
                {"kind":"ASSIST","mode":"HOME_VISIT","stationCode":"%s","agentId":"%s","itemCode":"RS-001",
                 "client":{"kind":"CITIZEN","name":"王秀英","phone":"13912345678"},"consentGiven":true%s}""";

        ResponseEntity<String> noAddress = post("/api/delegations", commission.formatted(county, agent,
                ",\"homeVisit\":{\"agreedAt\":\"2030-01-02T01:00:00Z\"}"), Map.of("Authorization", agentToken));
        assertThat(noAddress.getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
        assertThat(body(noAddress).get("rule").asText()).isEqualTo("home-visit-agreed");
        assertThat(body(noAddress).get("field").asText()).isEqualTo("homeVisit.address");

        ResponseEntity<String> agreed = post("/api/delegations", commission.formatted(county, agent,
                ",\"homeVisit\":{\"agreedAt\":\"2030-01-02T01:00:00Z\",\"address\":\"" + address + "\"}"),
                Map.of("Authorization", agentToken));
        assertThat(agreed.getStatusCode()).as(agreed.getBody()).isEqualTo(HttpStatus.CREATED);
        String delegation = body(agreed).get("id").asText();
        String stored = jdbc.queryForObject("select convert_from(payload, 'UTF8') from command_side.domain_event_entry "
                + "where aggregate_identifier = ? and sequence_number = 0", String.class, delegation);
        assertThat(stored).doesNotContain(address).contains("pii:v1:" + delegation + ":");

        ResponseEntity<String> early = post("/api/delegations/" + delegation + "/home-visit/arrival",
                "{\"arrivedAt\":\"2030-01-02T01:00:00Z\"}", Map.of("Authorization", agentToken));
        assertThat(early.getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
        assertThat(body(early).get("rule").asText()).isEqualTo("arrival-not-in-future");
        assertThat(eventCount(delegation)).isEqualTo(1);
    }

    /**
     * 资料预审 (`004 §6.3.4.2.1`) at the counter: a pre-check with a material missing records the one-time notice
     * (一次性告知单, `003 附件3 六3`, `004 §6.3.5`), printed as HTML like the other documents; a proxy commissioned with
     * that material missing is refused by materials-complete, the problem naming the missing material and the notice.
     */
    @Test
    void preCheckWithAMissingMaterialPrintsTheOneTimeNoticeAndAProxyWithoutItIsRefusedNamingTheRule() throws Exception {
        String county = openCounty();
        String agentToken = "Bearer " + tokens.issue("agent-" + county, Role.AGENT, county);
        String agent = qualifiedAgent(county, "AGENT");
        String leader = qualifiedAgent(county, "ZONE_LEAD");
        ResponseEntity<String> recorded = post("/api/consultations", """
                {"stationCode":"%s","visitorName":"李大爷","contact":"13812345678","channel":"VISIT",
                 "content":"养老保险怎么参保？"}""".formatted(county), Map.of("Authorization", agentToken));
        assertThat(recorded.getStatusCode()).as(recorded.getBody()).isEqualTo(HttpStatus.CREATED);
        String consultation = body(recorded).get("id").asText();
        HttpHeaders reader = new HttpHeaders();
        reader.set("Authorization", agentToken);
        String notice = "/api/consultations/" + consultation + "/documents/one-time-notice";
        ResponseEntity<String> notYet = http.exchange(notice, HttpMethod.GET, new HttpEntity<>(reader), String.class);
        assertThat(notYet.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(body(notYet).get("rule").asText()).isEqualTo("document-not-issued");

        ResponseEntity<String> checked = post("/api/consultations/" + consultation + "/pre-check", """
                {"itemCode":"RS-001","materials":[{"materialName":"户口簿","status":"RECEIVED"}]}""",
                Map.of("Authorization", agentToken));
        assertThat(checked.getStatusCode()).as(checked.getBody()).isEqualTo(HttpStatus.OK);
        assertThat(jdbc.queryForList("select payload_type from command_side.domain_event_entry "
                + "where aggregate_identifier = ? order by sequence_number", String.class, consultation))
                .containsExactly(ConsultationRecordedEvent.class.getName(), MaterialsPreCheckedEvent.class.getName(),
                        OneTimeNoticeGivenEvent.class.getName());

        ResponseEntity<String> printed = http.exchange(notice, HttpMethod.GET, new HttpEntity<>(reader), String.class);
        assertThat(printed.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(printed.getHeaders().getContentType().isCompatibleWith(MediaType.TEXT_HTML)).isTrue();
        assertThat(printed.getBody()).contains("一次性告知单", "李大爷", "城乡居民养老保险参保登记",
                "<td>居民身份证</td><td>本人携带原件</td>", "办理流程", "个工作日内办结", "0356-7022345")
                .doesNotContain("<td>户口簿</td>");

        ResponseEntity<String> refused = post("/api/delegations", """
                {"kind":"PROXY","mode":"ON_SITE","stationCode":"%s","agentId":"%s","itemCode":"RS-001",
                 "consentGiven":true,"consultationId":"%s",
                 "client":{"kind":"CITIZEN","name":"李大爷","residentId":"11010519491231002X","phone":"13812345678"},
                 "needsAnalysis":{"difficulty":"LOW","estimatedWorkingDays":1,"steps":["核对材料"],"confirmedByClient":true},
                 "teamLeaderId":"%s","applicantSigned":true,
                 "materials":[{"materialName":"户口簿","status":"RECEIVED"}]}""".formatted(county, agent, consultation,
                leader), Map.of("Authorization", agentToken));
        assertThat(refused.getStatusCode()).as(refused.getBody()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
        assertThat(refused.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(body(refused).get("type").asText()).isEqualTo("urn:daiban:problem:materials-complete");
        assertThat(body(refused).get("rule").asText()).isEqualTo("materials-complete");
        assertThat(body(refused).get("field").asText()).isEqualTo("materials");
        assertThat(body(refused).get("detail").asText()).contains("居民身份证（本人携带原件）", "one-time-notice");
        assertThat(eventCount(consultation)).as("the refused proxy did not touch the consultation").isEqualTo(3);
    }

    /**
     * 001 §7.1.2 (掌握本地群众高频次的办事需求): a consultation names the matter asked about, an item of the catalogue
     * or the visitor's words, and keeps whether the station's list offered it; an item the catalogue does not know is
     * refused naming the field, and words too long are refused as bad input; neither leaves an event.
     */
    @Test
    void aConsultationNamesTheMatterAskedAboutAndAnUnknownItemIsRefusedNamingTheField() throws Exception {
        String county = openCounty();
        Map<String, String> agent = Map.of("Authorization",
                "Bearer " + tokens.issue("agent-" + county, Role.AGENT, county));
        String recordedEvents = "select count(*) from command_side.domain_event_entry where payload_type = ?";
        int before = jdbc.queryForObject(recordedEvents, Integer.class, ConsultationRecordedEvent.class.getName());
        String consultation = """
                {"stationCode":"%s","visitorName":"李大爷","contact":"13812345678","channel":"VISIT",
                 "content":"这个怎么办？",%s}""";
        ResponseEntity<String> unknown = post("/api/consultations",
                consultation.formatted(county, "\"itemCode\":\"XX-999\""), agent);
        assertThat(unknown.getStatusCode()).as(unknown.getBody()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
        assertThat(body(unknown).get("rule").asText()).isEqualTo("reference-exists");
        assertThat(body(unknown).get("field").asText()).isEqualTo("itemCode");
        ResponseEntity<String> tooLong = post("/api/consultations",
                consultation.formatted(county, "\"itemAsked\":\"" + "证".repeat(201) + "\""), agent);
        assertThat(tooLong.getStatusCode()).as(tooLong.getBody()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(body(tooLong).get("field").asText()).isEqualTo("itemAsked");
        assertThat(jdbc.queryForObject(recordedEvents, Integer.class, ConsultationRecordedEvent.class.getName()))
                .as("nothing stored for a refused consultation").isEqualTo(before);

        ResponseEntity<String> offered = post("/api/consultations",
                consultation.formatted(county, "\"itemCode\":\"RS-001\""), agent);
        assertThat(offered.getStatusCode()).as(offered.getBody()).isEqualTo(HttpStatus.CREATED);
        ResponseEntity<String> notOffered = post("/api/consultations",
                consultation.formatted(county, "\"itemCode\":\"RS-002\",\"itemAsked\":\"养老金资格认证\""), agent);
        assertThat(notOffered.getStatusCode()).as(notOffered.getBody()).isEqualTo(HttpStatus.CREATED);
        String payload = "select convert_from(payload, 'UTF8') from command_side.domain_event_entry "
                + "where aggregate_identifier = ? and sequence_number = 0";
        assertThat(jdbc.queryForObject(payload, String.class, body(offered).get("id").asText()))
                .contains("\"itemCode\":\"RS-001\"", "\"offeredHere\":true");
        assertThat(jdbc.queryForObject(payload, String.class, body(notOffered).get("id").asText()))
                .contains("\"itemCode\":\"RS-002\"", "\"itemAsked\":\"养老金资格认证\"", "\"offeredHere\":false");
    }

    @Test
    void staleVersionIs409() throws Exception {
        String code = openCounty();
        String change = """
                {"manager":{"name":"赵敏","phone":"13700001111"},"reason":"负责人调任"}""";
        String manager = "Bearer " + tokens.issue("manager-" + code, Role.STATION_MANAGER, code);
        ResponseEntity<String> stale = post("/api/stations/" + code + "/changes", change,
                Map.of("If-Match", "\"0\"", "Authorization", manager));
        assertThat(stale.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(body(stale).get("rule").asText()).isEqualTo("stale-version");

        ResponseEntity<String> current = post("/api/stations/" + code + "/changes", change,
                Map.of("If-Match", "\"1\"", "Authorization", manager));
        assertThat(current.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(body(current).get("version").asLong()).isEqualTo(2);
        assertThat(body(current).get("reference").asText()).isNotBlank();
    }

    @Test
    void deadlinesArePersistedInPostgres() {
        assertThat(deadlineManager).isInstanceOf(DbSchedulerDeadlineManager.class);
        // Counted by the probe's own row: other classes' deadlines come and go in the table the contexts share.
        String probe = "select count(*) from command_side.scheduled_tasks where task_instance = ?";
        String id = deadlineManager.schedule(Instant.now().plus(Duration.ofDays(3)), "persistence-probe", null,
                new AggregateScopeDescriptor("Station", "probe"));
        assertThat(jdbc.queryForObject(probe, Integer.class, id)).isEqualTo(1);
        deadlineManager.cancelSchedule("persistence-probe", id);
        assertThat(jdbc.queryForObject(probe, Integer.class, id)).isZero();
    }
}
