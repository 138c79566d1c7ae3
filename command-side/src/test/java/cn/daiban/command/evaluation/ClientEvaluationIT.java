package cn.daiban.command.evaluation;

import cn.daiban.command.support.PostgresIntegrationTest;
import cn.daiban.security.EmbeddedTokens;
import cn.daiban.security.Role;
import cn.daiban.security.invitation.EvaluationCodes;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The client's own grade (一事一评, `003 三(二)3`, 国办发〔2019〕51号) through the one-time code of their invitation,
 * without a login: recorded with channel CLIENT, once, before the code expires; a reused, expired or unknown code is a
 * problem naming its rule and leaves nothing behind. Staff-entered grades and phone follow-ups (`004 §7.1.3`) record
 * who entered them. The codes are issued by the query side when it sends the invitation; here a code's hash is put
 * in place as the query side writes it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClientEvaluationIT extends PostgresIntegrationTest {

    static final String COUNTY = "1476" + ThreadLocalRandom.current().nextInt(10, 99) + "000";
    static final String GRADE = """
            {"code":"%s","overall":"VERY_SATISFIED","attitude":"VERY_SATISFIED","quality":"SATISFIED",
             "efficiency":"SATISFIED","comment":"办得快"}""";

    @Autowired
    TestRestTemplate http;
    @Autowired
    EmbeddedTokens tokens;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    ObjectMapper json;

    String admin;
    String manager;
    String agentToken;
    String agent;

    ResponseEntity<String> post(String token, String path, String body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        if (token != null) {
            headers.setBearerAuth(token);
        }
        return http.exchange(path, HttpMethod.POST, new HttpEntity<>(body, headers), String.class);
    }

    String ok(String token, String path, String body) {
        ResponseEntity<String> response = post(token, path, body);
        assertThat(response.getStatusCode().value()).as(path + ": " + response.getBody()).isIn(200, 201);
        try {
            JsonNode id = json.readTree(response.getBody()).get("id");
            return id == null ? null : id.asText();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @BeforeAll
    void station() {
        admin = tokens.issue("admin", Role.ADMINISTRATOR, null);
        manager = tokens.issue("manager-" + COUNTY, Role.STATION_MANAGER, COUNTY);
        agentToken = tokens.issue("agent-" + COUNTY, Role.AGENT, COUNTY);
        ok(admin, "/api/stations", """
                {"stationCode":"%s","name":"评价测试中心","level":"COUNTY_CENTRE","region":"%s","address":"测试路",
                 "manager":{"name":"张伟","phone":"13812345678"},"supervisionPhone":"0356-7022345",
                 "serviceItemCodes":["RS-001"]}""".formatted(COUNTY, COUNTY.substring(0, 6)));
        ok(admin, "/api/stations/" + COUNTY + "/opening/approval", "{}");
        agent = ok(manager, "/api/agents", "{\"stationCode\":\"" + COUNTY + "\",\"name\":\"赵红\","
                + "\"phone\":\"13700001111\",\"background\":\"PARTY_MEMBER\",\"role\":\"AGENT\","
                + "\"intakeExperienceSince\":\"" + LocalDate.now().minusYears(2) + "\"}");
        ok(manager, "/api/agents/" + agent + "/trainings", "{\"date\":\"" + LocalDate.now()
                + "\",\"topic\":\"帮办代办业务培训\",\"hours\":4}");
        ok(manager, "/api/agents/" + agent + "/assessments", "{\"date\":\"" + LocalDate.now()
                + "\",\"passed\":true,\"examiner\":\"县中心\"}");
    }

    /** A matter commissioned, completed and delivered: waiting for its grade. */
    String delivered() {
        String d = ok(agentToken, "/api/delegations", "{\"kind\":\"ASSIST\",\"mode\":\"ON_SITE\",\"stationCode\":\""
                + COUNTY + "\",\"agentId\":\"" + agent + "\",\"itemCode\":\"RS-001\",\"client\":{\"kind\":\"CITIZEN\","
                + "\"name\":\"王秀英\",\"phone\":\"13912345678\"},\"consentGiven\":true}");
        ok(agentToken, "/api/delegations/" + d + "/completion", "{\"successful\":true,\"resultReference\":\"参保1\"}");
        ok(agentToken, "/api/delegations/" + d + "/delivery", "{\"method\":\"IN_PERSON\",\"handoverProof\":\"签收\"}");
        return d;
    }

    /** A code for the matter, stored as the query side stores it when it sends the invitation: its hash only. */
    String issue(String delegation, Instant expires) {
        String code = EvaluationCodes.newCode();
        jdbc.update("insert into command_side.evaluation_code (code_hash, delegation_id, issued_at, expires_at) "
                + "values (?, ?, ?, ?)", EvaluationCodes.hash(code), delegation, Timestamp.from(Instant.now()),
                Timestamp.from(expires));
        return code;
    }

    List<String> evaluations(String delegation) {
        return jdbc.queryForList("""
                select convert_from(payload, 'UTF8') || ' actor=' || coalesce(convert_from(meta_data, 'UTF8'), '')
                from command_side.domain_event_entry
                where aggregate_identifier = ? and payload_type like '%DelegationEvaluatedEvent'
                order by sequence_number""", String.class, delegation);
    }

    long events() {
        return jdbc.queryForObject("select count(*) from command_side.domain_event_entry", Long.class);
    }

    JsonNode problem(ResponseEntity<String> response) throws Exception {
        assertThat(response.getHeaders().getContentType().toString()).contains("application/problem+json");
        return json.readTree(response.getBody());
    }

    /** 一事一评 by the client (`003 三(二)3`): anonymous, with the code; channel CLIENT; once. */
    @Test
    void clientGrade_recordedOnceWithChannelClientThroughTheInvitationCode() throws Exception {
        String d = delivered();
        String code = issue(d, Instant.now().plus(Duration.ofDays(7)));

        ResponseEntity<String> graded = post(null, "/api/public/evaluations", GRADE.formatted(code));

        assertThat(graded.getStatusCode().value()).as(graded.getBody()).isEqualTo(200);
        List<String> recorded = evaluations(d);
        assertThat(recorded).hasSize(1);
        assertThat(recorded.get(0)).contains("\"channel\":\"CLIENT\"", "\"overall\":\"VERY_SATISFIED\"",
                "\"actorId\":\"client\"").doesNotContain("\"enteredBy\":\"");
        assertThat(jdbc.queryForObject("select used_at is not null from command_side.evaluation_code "
                + "where code_hash = ?", Boolean.class, EvaluationCodes.hash(code))).isTrue();
        // Only the hash is stored.
        assertThat(jdbc.queryForObject("select count(*) from command_side.evaluation_code where code_hash = ? "
                + "or delegation_id = ? and position(? in code_hash) > 0", Long.class, code, d, code)).isZero();

        long before = events();
        ResponseEntity<String> again = post(null, "/api/public/evaluations", GRADE.formatted(code));
        assertThat(again.getStatusCode().value()).isEqualTo(409);
        assertThat(problem(again).get("rule").asText()).isEqualTo("evaluation-code-used");
        assertThat(problem(again).get("type").asText()).isEqualTo("urn:daiban:problem:evaluation-code-used");
        assertThat(events()).isEqualTo(before);
    }

    /** The invitation's code is valid for a configured time (`003 三(二)3`): past it, refused, nothing recorded. */
    @Test
    void clientGrade_anExpiredCodeIsRefused() throws Exception {
        String d = delivered();
        String code = issue(d, Instant.now().minus(Duration.ofMinutes(1)));
        long before = events();
        ResponseEntity<String> refused = post(null, "/api/public/evaluations", GRADE.formatted(code));
        assertThat(refused.getStatusCode().value()).isEqualTo(422);
        assertThat(problem(refused).get("rule").asText()).isEqualTo("evaluation-code-expired");
        assertThat(problem(refused).get("field").asText()).isEqualTo("code");
        assertThat(events()).isEqualTo(before);
        assertThat(evaluations(d)).isEmpty();
    }

    /** A code no invitation carries grades nothing (`003 三(二)3`), signed in or not. */
    @Test
    void clientGrade_anUnknownCodeIsRefused() throws Exception {
        long before = events();
        for (String token : new String[]{null, agentToken}) {
            ResponseEntity<String> refused = post(token, "/api/public/evaluations",
                    GRADE.formatted(EvaluationCodes.newCode()));
            assertThat(refused.getStatusCode().value()).isEqualTo(422);
            assertThat(problem(refused).get("rule").asText()).isEqualTo("evaluation-code-unknown");
            assertThat(problem(refused).get("field").asText()).isEqualTo("code");
        }
        assertThat(events()).isEqualTo(before);
    }

    /**
     * Staff typing a grade in (`004 §7.1.3`) record the channel and who entered it, never CLIENT; a code sent for a
     * matter staff already graded is refused by 一事一评 and stays unused.
     */
    @Test
    void staffEnteredGrade_recordsWhoEnteredItAndLeavesTheClientsCodeUnused() throws Exception {
        String d = delivered();
        String code = issue(d, Instant.now().plus(Duration.ofDays(7)));
        ResponseEntity<String> asClient = post(agentToken, "/api/delegations/" + d + "/evaluation", """
                {"overall":"SATISFIED","attitude":"SATISFIED","quality":"SATISFIED","efficiency":"SATISFIED",
                 "channel":"CLIENT"}""");
        assertThat(asClient.getStatusCode().value()).isEqualTo(422);
        assertThat(problem(asClient).get("rule").asText()).isEqualTo("client-grades-by-invitation");
        assertThat(problem(asClient).get("field").asText()).isEqualTo("channel");

        ok(agentToken, "/api/delegations/" + d + "/evaluation", """
                {"overall":"DISSATISFIED","attitude":"SATISFIED","quality":"DISSATISFIED","efficiency":"DISSATISFIED",
                 "channel":"PAPER","comment":"纸质评价表"}""");
        assertThat(evaluations(d)).singleElement().asString()
                .contains("\"channel\":\"PAPER\"", "\"enteredBy\":\"agent-" + COUNTY + "\"");

        ResponseEntity<String> late = post(null, "/api/public/evaluations", GRADE.formatted(code));
        assertThat(late.getStatusCode().value()).isEqualTo(409);
        assertThat(problem(late).get("rule").asText()).isEqualTo("one-evaluation-per-matter");
        assertThat(jdbc.queryForObject("select used_at is null from command_side.evaluation_code where code_hash = ?",
                Boolean.class, EvaluationCodes.hash(code))).isTrue();

        // A phone follow-up of the poor grade: a record of its own, with who called.
        ok(manager, "/api/delegations/" + d + "/phone-follow-ups",
                "{\"reached\":true,\"summary\":\"了解到等待时间长，已致歉\"}");
        String call = jdbc.queryForObject("""
                select convert_from(payload, 'UTF8') from command_side.domain_event_entry
                where aggregate_identifier = ? and payload_type like '%PhoneFollowUpRecordedEvent'""", String.class, d);
        assertThat(call).contains("\"calledBy\":\"manager-" + COUNTY + "\"", "\"reached\":true",
                "\"ofPoorGrade\":true", "\"evaluationNumber\":1");
    }
}
