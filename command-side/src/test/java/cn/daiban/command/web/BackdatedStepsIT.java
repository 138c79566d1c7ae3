package cn.daiban.command.web;

import cn.daiban.command.calendar.CalendarProvider;
import cn.daiban.command.support.PostgresIntegrationTest;
import cn.daiban.kernel.calendar.ServiceClock;
import cn.daiban.kernel.calendar.WorkingDayCalendar;
import cn.daiban.security.EmbeddedTokens;
import cn.daiban.security.Role;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Steps recorded after the fact (补录) through the HTTP API against PostgreSQL: a village's paper record of a matter
 * taken in three working days ago and of the materials asked for that day, entered today, with the materials
 * handed in today. The supplement wait of three working days moves the promised date by exactly three, the stored
 * events keep both moments and the reason, and what breaks a rule is refused naming it and leaves no event.
 *
 * <p>Assumption: run on the real clock, so "today" must lie in a loaded calendar year with the matter's 5 + 3
 * working days after it (the shipped years: 2025 and 2026), like every other integration test that commissions.
 */
class BackdatedStepsIT extends PostgresIntegrationTest {

    private static final AtomicInteger SERIAL = new AtomicInteger(700);
    private static final String REASON = "村站纸质登记，补录";

    @Autowired
    TestRestTemplate http;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    ObjectMapper json;
    @Autowired
    EmbeddedTokens tokens;
    @Autowired
    CalendarProvider calendars;
    @Autowired
    ServiceClock clock;

    private ResponseEntity<String> post(String path, String body, String token, Map<String, String> extra) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        headers.setBearerAuth(token);
        extra.forEach(headers::set);
        return http.exchange(path, HttpMethod.POST, new HttpEntity<>(body, headers), String.class);
    }

    private static Map<String, String> occurred(OffsetDateTime at, String reason) {
        Map<String, String> headers = new HashMap<>();
        headers.put("X-Occurred-At", at.format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
        if (reason != null) {
            // Percent-encoded UTF-8, as a browser sends it (this client sends only ASCII in headers); raw UTF-8 as
            // curl sends it is checked over a socket in curlSendsTheReasonAsRawUtf8.
            headers.put("X-Backdating-Reason", java.net.URLEncoder.encode(reason, StandardCharsets.UTF_8));
        }
        return headers;
    }

    private JsonNode body(ResponseEntity<String> response) throws Exception {
        return json.readTree(response.getBody());
    }

    private JsonNode event(String aggregate, String type, String column) throws Exception {
        byte[] stored = jdbc.queryForObject("select " + column + " from command_side.domain_event_entry "
                        + "where aggregate_identifier = ? and payload_type = ?", byte[].class,
                aggregate, "cn.daiban.kernel.delegation." + type);
        return json.readTree(new String(stored, StandardCharsets.UTF_8));
    }

    private int eventCount(String aggregate) {
        return jdbc.queryForObject("select count(*) from command_side.domain_event_entry where aggregate_identifier = ?",
                Integer.class, aggregate);
    }

    /** An open county centre offering RS-001 (5 working days), with a qualified agent: its code, agent and token. */
    private String[] countyWithAgent() throws Exception {
        String code = "1405" + (21000 + SERIAL.incrementAndGet());
        String admin = tokens.issue("agent-007", Role.ADMINISTRATOR, "140521000");
        assertThat(post("/api/stations", """
                {"stationCode":"%s","name":"沁水县政务服务中心","level":"COUNTY_CENTRE","region":"140521",
                 "address":"沁水县龙港镇","manager":{"name":"张伟","phone":"13812345678"},
                 "supervisionPhone":"0356-7022345",
                 "windows":[{"code":"Z1","name":"帮办代办专区","kind":"ZONE"}],"serviceItemCodes":["RS-001"]}
                """.formatted(code), admin, Map.of()).getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(post("/api/stations/" + code + "/opening/approval", "{}", admin, Map.of()).getStatusCode())
                .isEqualTo(HttpStatus.OK);
        String manager = tokens.issue("manager-" + code, Role.STATION_MANAGER, code);
        ResponseEntity<String> registered = post("/api/agents", """
                {"stationCode":"%s","name":"赵红","phone":"13700001111","background":"PARTY_MEMBER","role":"AGENT",
                 "intakeExperienceSince":"%s"}""".formatted(code, LocalDate.now().minusYears(2)), manager, Map.of());
        assertThat(registered.getStatusCode()).as(registered.getBody()).isEqualTo(HttpStatus.CREATED);
        String agent = body(registered).get("id").asText();
        assertThat(post("/api/agents/" + agent + "/trainings", """
                {"date":"%s","topic":"帮办代办业务培训","hours":4}""".formatted(LocalDate.now().minusDays(10)), manager,
                Map.of()).getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(post("/api/agents/" + agent + "/assessments", """
                {"date":"%s","passed":true,"examiner":"县中心"}""".formatted(LocalDate.now().minusDays(10)), manager,
                Map.of()).getStatusCode()).isEqualTo(HttpStatus.OK);
        return new String[]{code, agent, tokens.issue("agent-" + code, Role.AGENT, code)};
    }

    @Test
    void aSupplementWaitOfThreeWorkingDaysEnteredAfterTheFactMovesThePromisedDateByThree() throws Exception {
        String[] county = countyWithAgent();
        // As the command side counts: a day beyond the last loaded year by weekends alone (late December, January).
        WorkingDayCalendar calendar = calendars.current().provisionalBeyondLoadedYears();
        LocalDate today = clock.today();
        // Three working days before the last working day up to today: the wait then spans three working days
        // whatever today is (on a weekend or a holiday, three before today itself would span two).
        LocalDate lastWorkingDay = today;
        while (!calendar.isWorkingDay(lastWorkingDay)) {
            lastWorkingDay = lastWorkingDay.minusDays(1);
        }
        LocalDate takenIn = calendar.minusWorkingDays(lastWorkingDay, 3);
        OffsetDateTime morning = takenIn.atTime(9, 0).atZone(clock.zone()).toOffsetDateTime();

        ResponseEntity<String> commissioned = post("/api/delegations", """
                {"kind":"ASSIST","mode":"ON_SITE","stationCode":"%s","agentId":"%s","itemCode":"RS-001",
                 "client":{"kind":"CITIZEN","name":"王秀英","phone":"13912345678"},"consentGiven":true}"""
                .formatted(county[0], county[1]), county[2], occurred(morning, REASON));
        assertThat(commissioned.getStatusCode()).as(commissioned.getBody()).isEqualTo(HttpStatus.CREATED);
        String id = body(commissioned).get("id").asText();
        ResponseEntity<String> requested = post("/api/delegations/" + id + "/supplement-requests", """
                {"materials":[{"name":"户口簿","howToObtain":"户籍所在地派出所"}],"dueDate":"%s"}"""
                .formatted(today.plusDays(7)), county[2], occurred(morning.plusHours(1), REASON));
        assertThat(requested.getStatusCode()).as(requested.getBody()).isEqualTo(HttpStatus.OK);
        // Handed in today, at the counter, as it happens.
        ResponseEntity<String> received = post("/api/delegations/" + id + "/supplement-receipt", "{}", county[2],
                Map.of());
        assertThat(received.getStatusCode()).as(received.getBody()).isEqualTo(HttpStatus.OK);

        JsonNode taken = event(id, "DelegationCommissionedEvent", "payload");
        assertThat(taken.get("commissionedOn").asText()).isEqualTo(takenIn.toString());
        LocalDate promised = calendar.addWorkingDays(takenIn, taken.get("promisedWorkingDays").asInt());
        assertThat(taken.get("deadline").asText()).isEqualTo(promised.toString());
        JsonNode receipt = event(id, "SupplementReceivedEvent", "payload");
        assertThat(receipt.get("pausedWorkingDays").asInt()).isEqualTo(3);
        assertThat(receipt.get("previousDeadline").asText()).isEqualTo(promised.toString());
        assertThat(receipt.get("deadline").asText()).isEqualTo(calendar.addWorkingDays(promised, 3).toString());

        // Both moments are kept: the timestamp is when it was entered, the metadata when it happened and why.
        JsonNode meta = event(id, "DelegationCommissionedEvent", "meta_data");
        assertThat(meta.get("occurredAt").asText()).isEqualTo(morning.toInstant().toString());
        assertThat(meta.get("backdatingReason").asText()).isEqualTo(REASON);
        String recordedAt = jdbc.queryForObject("select time_stamp from command_side.domain_event_entry "
                + "where aggregate_identifier = ? and sequence_number = 0", String.class, id);
        assertThat(clock.dayOf(java.time.Instant.parse(recordedAt))).isEqualTo(today);
        assertThat(event(id, "SupplementRequestedEvent", "meta_data").get("occurredAt").asText())
                .isEqualTo(morning.plusHours(1).toInstant().toString());
        assertThat(event(id, "SupplementReceivedEvent", "meta_data").has("occurredAt")).isFalse();
    }

    @Test
    void aBackdatedStepThatBreaksARuleIsRefusedNamingItAndLeavesNoEvent() throws Exception {
        String[] county = countyWithAgent();
        ResponseEntity<String> commissioned = post("/api/delegations", """
                {"kind":"ASSIST","mode":"ON_SITE","stationCode":"%s","agentId":"%s","itemCode":"RS-001",
                 "client":{"kind":"CITIZEN","name":"王秀英","phone":"13912345678"},"consentGiven":true}"""
                .formatted(county[0], county[1]), county[2], Map.of());
        assertThat(commissioned.getStatusCode()).as(commissioned.getBody()).isEqualTo(HttpStatus.CREATED);
        String id = body(commissioned).get("id").asText();
        String progress = "{\"note\":\"已电话告知\",\"channel\":\"PHONE\"}";
        OffsetDateTime yesterday = OffsetDateTime.now(clock.zone()).minusDays(1);

        ResponseEntity<String> beforeIntake = post("/api/delegations/" + id + "/progress", progress, county[2],
                occurred(yesterday, REASON));
        assertThat(beforeIntake.getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
        assertThat(beforeIntake.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(body(beforeIntake).get("rule").asText()).isEqualTo("occurred-after-previous-step");
        assertThat(body(beforeIntake).get("type").asText()).isEqualTo("urn:daiban:problem:occurred-after-previous-step");
        assertThat(body(beforeIntake).get("field").asText()).isEqualTo("X-Occurred-At");

        ResponseEntity<String> future = post("/api/delegations/" + id + "/progress", progress, county[2],
                occurred(OffsetDateTime.now(clock.zone()).plusHours(2), REASON));
        assertThat(body(future).get("rule").asText()).isEqualTo("occurred-not-in-future");

        ResponseEntity<String> noReason = post("/api/delegations/" + id + "/progress", progress, county[2],
                occurred(OffsetDateTime.now(clock.zone()).minusSeconds(1), null));
        assertThat(body(noReason).get("rule").asText()).isEqualTo("backdating-reason-given");
        assertThat(body(noReason).get("field").asText()).isEqualTo("X-Backdating-Reason");

        ResponseEntity<String> notAStep = post("/api/delegations/" + id + "/withdrawal", "{\"reason\":\"客户撤回\"}",
                county[2], occurred(OffsetDateTime.now(clock.zone()).minusSeconds(1), REASON));
        assertThat(body(notAStep).get("rule").asText()).isEqualTo("backdated-step");

        ResponseEntity<String> malformed = post("/api/delegations/" + id + "/progress", progress, county[2],
                Map.of("X-Occurred-At", "yesterday", "X-Backdating-Reason", "paper"));
        assertThat(malformed.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(body(malformed).get("field").asText()).isEqualTo("X-Occurred-At");

        assertThat(eventCount(id)).isEqualTo(1);
    }

    /**
     * The reason is stored in the event's metadata: it is held to the boundary's text rules like any stored header
     * (no control character, no non-character, valid UTF-8), refused 400 invalid-text naming the header, and
     * nothing is written (no event, no idempotency record).
     */
    @Test
    void aReasonStorageCannotHoldIsRefusedAsInvalidTextAndWritesNothing() throws Exception {
        String[] county = countyWithAgent();
        ResponseEntity<String> commissioned = post("/api/delegations", """
                {"kind":"ASSIST","mode":"ON_SITE","stationCode":"%s","agentId":"%s","itemCode":"RS-001",
                 "client":{"kind":"CITIZEN","name":"王秀英","phone":"13912345678"},"consentGiven":true}"""
                .formatted(county[0], county[1]), county[2], Map.of());
        String id = body(commissioned).get("id").asText();
        String progress = "{\"note\":\"已电话告知\",\"channel\":\"PHONE\"}";
        OffsetDateTime justBefore = OffsetDateTime.now(clock.zone()).minusSeconds(1);
        Map<String, String> refusedReasons = Map.of(
                "NUL", java.net.URLEncoder.encode("纸质\u0000登记", StandardCharsets.UTF_8),
                "a non-character", java.net.URLEncoder.encode("纸质\uFFFE登记", StandardCharsets.UTF_8),
                "a lone surrogate (percent-encoded CESU bytes)", "%ED%A0%80%E7%99%BB%E8%AE%B0");
        for (Map.Entry<String, String> reason : refusedReasons.entrySet()) {
            String key = java.util.UUID.randomUUID().toString();
            Map<String, String> headers = occurred(justBefore, null);
            headers.put("X-Backdating-Reason", reason.getValue());
            headers.put("Idempotency-Key", key);
            ResponseEntity<String> refused = post("/api/delegations/" + id + "/progress", progress, county[2], headers);
            assertThat(refused.getStatusCode()).as(reason.getKey() + ": " + refused.getBody())
                    .isEqualTo(HttpStatus.BAD_REQUEST);
            assertThat(refused.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
            assertThat(body(refused).get("rule").asText()).as(reason.getKey()).isEqualTo("invalid-text");
            assertThat(body(refused).get("field").asText()).isEqualTo("X-Backdating-Reason");
            assertThat(jdbc.queryForObject("select count(*) from command_side.idempotency_record where idempotency_key = ?",
                    Integer.class, key)).as(reason.getKey()).isZero();
        }
        assertThat(eventCount(id)).isEqualTo(1);
    }

    @org.springframework.boot.test.web.server.LocalServerPort
    int port;

    @Test
    void curlSendsTheReasonAsRawUtf8() throws Exception {
        String[] county = countyWithAgent();
        ResponseEntity<String> commissioned = post("/api/delegations", """
                {"kind":"ASSIST","mode":"ON_SITE","stationCode":"%s","agentId":"%s","itemCode":"RS-001",
                 "client":{"kind":"CITIZEN","name":"王秀英","phone":"13912345678"},"consentGiven":true}"""
                .formatted(county[0], county[1]), county[2], Map.of());
        String id = body(commissioned).get("id").asText();
        String body = "{\"note\":\"已电话告知\",\"channel\":\"PHONE\"}";
        byte[] content = body.getBytes(StandardCharsets.UTF_8);
        // Happened just after the intake (the moment is not the point here: the reason's bytes are).
        String occurredAt = OffsetDateTime.now(clock.zone()).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
        try (java.net.Socket socket = new java.net.Socket("localhost", port)) {
            var out = socket.getOutputStream();
            out.write(("POST /api/delegations/" + id + "/progress HTTP/1.1\r\nHost: localhost\r\n"
                    + "Authorization: Bearer " + county[2] + "\r\nContent-Type: application/json\r\n"
                    + "X-Occurred-At: " + occurredAt + "\r\n"
                    + "X-Backdating-Reason: " + REASON + "\r\n"
                    + "Content-Length: " + content.length + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.UTF_8));
            out.write(content);
            out.flush();
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(answer).startsWith("HTTP/1.1 200");
        }
        assertThat(event(id, "ProgressReportedEvent", "meta_data").get("backdatingReason").asText())
                .isEqualTo(REASON);
    }
}
