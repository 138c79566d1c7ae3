package cn.daiban.command.calendar;

import cn.daiban.command.support.PostgresIntegrationTest;
import cn.daiban.kernel.calendar.ServiceClock;
import cn.daiban.kernel.calendar.WorkingDayCalendar;
import cn.daiban.security.EmbeddedTokens;
import cn.daiban.security.Role;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.eventhandling.GenericEventMessage;
import org.junit.jupiter.api.AfterEach;
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
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collections;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A year not loaded yet (`DOMAIN.md` "Time"), against PostgreSQL: a matter taken in on the last working day of
 * the last loaded year gets a provisional promised date; loading the next year (with New Year's Day off) over
 * HTTP makes the system recompute it, as an event of the delegation, and the registry forgets it was provisional.
 *
 * <p>The service clock (Axon's event clock) is moved to that day for the test and put back after: the date is
 * chosen from the loaded calendar, so the test does not depend on the day it runs.
 */
class ProvisionalDeadlineRecomputationIT extends PostgresIntegrationTest {

    private static final String EVENTS = "cn.daiban.kernel.delegation.";

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

    private final Clock original = GenericEventMessage.clock;

    @AfterEach
    void restoreClock() {
        GenericEventMessage.clock = original;
    }

    private ResponseEntity<String> post(String path, String body, String token) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        headers.setBearerAuth(token);
        return http.exchange(path, HttpMethod.POST, new HttpEntity<>(body, headers), String.class);
    }

    private JsonNode stored(String aggregate, String type) throws Exception {
        List<byte[]> payloads = jdbc.queryForList("select payload from command_side.domain_event_entry "
                + "where aggregate_identifier = ? and payload_type = ?", byte[].class, aggregate, EVENTS + type);
        return payloads.isEmpty() ? null : json.readTree(new String(payloads.get(0), StandardCharsets.UTF_8));
    }

    @Test
    void loadingTheYearRecomputesTheProvisionalPromisedDateAsAnEventOfTheDelegation() throws Exception {
        WorkingDayCalendar loaded = calendars.current();
        int lastYear = Collections.max(loaded.loadedYears());
        int nextYear = lastYear + 1;
        LocalDate lastWorkingDay = LocalDate.of(lastYear, 12, 31);
        while (!loaded.isWorkingDay(lastWorkingDay)) {
            lastWorkingDay = lastWorkingDay.minusDays(1);
        }
        // Taken in on the last working day of the last loaded year: RS-001 promises 1 working day (starter
        // catalogue, timeLimitWorkingDays), so any promise of at least one working day reaches into the next year.
        // (Taken in one working day earlier, its 1 day would end on the last working day, inside the loaded year.)
        LocalDate takenIn = lastWorkingDay;
        Instant at = takenIn.atTime(10, 0).atZone(clock.zone()).toInstant();
        GenericEventMessage.clock = Clock.offset(Clock.systemUTC(), Duration.between(Instant.now(), at));

        String admin = tokens.issue("agent-007", Role.ADMINISTRATOR, "140521000");
        String code = "140521" + (900 + java.util.concurrent.ThreadLocalRandom.current().nextInt(99));
        assertThat(post("/api/stations", """
                {"stationCode":"%s","name":"沁水县政务服务中心","level":"COUNTY_CENTRE","region":"140521",
                 "address":"沁水县龙港镇","manager":{"name":"张伟","phone":"13812345678"},
                 "supervisionPhone":"0356-7022345",
                 "windows":[{"code":"Z1","name":"帮办代办专区","kind":"ZONE"}],"serviceItemCodes":["RS-001"]}
                """.formatted(code), admin).getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(post("/api/stations/" + code + "/opening/approval", "{}", admin).getStatusCode())
                .isEqualTo(HttpStatus.OK);
        String manager = tokens.issue("manager-" + code, Role.STATION_MANAGER, code);
        ResponseEntity<String> registered = post("/api/agents", """
                {"stationCode":"%s","name":"赵红","phone":"13700001111","background":"PARTY_MEMBER","role":"AGENT",
                 "intakeExperienceSince":"%s"}""".formatted(code, takenIn.minusYears(2)), manager);
        assertThat(registered.getStatusCode()).as(registered.getBody()).isEqualTo(HttpStatus.CREATED);
        String agent = json.readTree(registered.getBody()).get("id").asText();
        assertThat(post("/api/agents/" + agent + "/trainings", """
                {"date":"%s","topic":"帮办代办业务培训","hours":4}""".formatted(takenIn.minusDays(10)), manager)
                .getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(post("/api/agents/" + agent + "/assessments", """
                {"date":"%s","passed":true,"examiner":"县中心"}""".formatted(takenIn.minusDays(10)), manager)
                .getStatusCode()).isEqualTo(HttpStatus.OK);
        ResponseEntity<String> commissioned = post("/api/delegations", """
                {"kind":"ASSIST","mode":"ON_SITE","stationCode":"%s","agentId":"%s","itemCode":"RS-001",
                 "client":{"kind":"CITIZEN","name":"王秀英","phone":"13912345678"},"consentGiven":true}"""
                .formatted(code, agent), tokens.issue("agent-" + code, Role.AGENT, code));
        assertThat(commissioned.getStatusCode()).as(commissioned.getBody()).isEqualTo(HttpStatus.CREATED);
        String id = json.readTree(commissioned.getBody()).get("id").asText();

        JsonNode taken = stored(id, "DelegationCommissionedEvent");
        // The moved service clock is what "today" is for a matter taken in over HTTP.
        assertThat(LocalDate.parse(taken.get("commissionedOn").asText())).isEqualTo(takenIn);
        assertThat(taken.get("promisedWorkingDays").asInt()).isPositive();
        LocalDate provisional = LocalDate.parse(taken.get("deadline").asText());
        assertThat(provisional.getYear()).isEqualTo(nextYear);
        assertThat(taken.get("deadlineProvisional").asBoolean()).isTrue();
        assertThat(jdbc.queryForObject("select provisional_year from command_side.delegation_registry "
                + "where delegation_id = ?", Integer.class, id)).isEqualTo(nextYear);

        // A second matter, taken in three working days earlier with a firm date in the loaded year, suspended that
        // day and resumed on the last working day: the pause moves its date into the next year, which makes it
        // provisional too (in the event and the registry), so loading the year recomputes it as well.
        LocalDate earlier = takenIn;
        for (int i = 0; i < 3; i++) {
            do {
                earlier = earlier.minusDays(1);
            } while (!loaded.isWorkingDay(earlier));
        }
        GenericEventMessage.clock = Clock.offset(Clock.systemUTC(), Duration.between(Instant.now(),
                earlier.atTime(10, 0).atZone(clock.zone()).toInstant()));
        String agentToken = tokens.issue("agent-" + code, Role.AGENT, code);
        ResponseEntity<String> firm = post("/api/delegations", """
                {"kind":"ASSIST","mode":"ON_SITE","stationCode":"%s","agentId":"%s","itemCode":"RS-001",
                 "client":{"kind":"CITIZEN","name":"李华","phone":"13912340000"},"consentGiven":true}"""
                .formatted(code, agent), agentToken);
        assertThat(firm.getStatusCode()).as(firm.getBody()).isEqualTo(HttpStatus.CREATED);
        String paused = json.readTree(firm.getBody()).get("id").asText();
        assertThat(stored(paused, "DelegationCommissionedEvent").get("deadlineProvisional").asBoolean()).isFalse();
        assertThat(post("/api/delegations/" + paused + "/suspension", """
                {"reason":"CLIENT_REQUEST","note":"外出"}""", agentToken).getStatusCode()).isEqualTo(HttpStatus.OK);
        GenericEventMessage.clock = Clock.offset(Clock.systemUTC(), Duration.between(Instant.now(), at));
        assertThat(post("/api/delegations/" + paused + "/resumption", "{}", agentToken).getStatusCode())
                .isEqualTo(HttpStatus.OK);
        JsonNode resumed = stored(paused, "DelegationResumedEvent");
        LocalDate movedInto = LocalDate.parse(resumed.get("deadline").asText());
        assertThat(movedInto.getYear()).isEqualTo(nextYear);
        assertThat(resumed.get("deadlineProvisional").asBoolean()).isTrue();
        assertThat(jdbc.queryForObject("select provisional_year from command_side.delegation_registry "
                + "where delegation_id = ?", Integer.class, paused)).isEqualTo(nextYear);

        LocalDate newYearsDay = LocalDate.of(nextYear, 1, 1);
        ResponseEntity<String> load = post("/api/calendar/years", """
                {"year":%d,"holidays":["%s"],"adjustedWorkingDays":[],"notice":"测试：元旦放假"}"""
                .formatted(nextYear, newYearsDay), admin);
        assertThat(load.getStatusCode()).as(load.getBody()).isEqualTo(HttpStatus.CREATED);

        LocalDate expected = calendars.current().addWorkingDays(takenIn, taken.get("promisedWorkingDays").asInt());
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode recomputed = stored(id, "ProvisionalDeadlineRecomputedEvent");
            assertThat(recomputed).as("the recompute event of " + id).isNotNull();
            assertThat(recomputed.get("previousDeadline").asText()).isEqualTo(provisional.toString());
            assertThat(recomputed.get("newDeadline").asText()).isEqualTo(expected.toString());
            assertThat(recomputed.get("stillProvisional").asBoolean()).isFalse();
            assertThat(recomputed.get("moved").asBoolean()).isEqualTo(!expected.equals(provisional));
            assertThat(jdbc.queryForObject("select provisional_year from command_side.delegation_registry "
                    + "where delegation_id = ?", Integer.class, id)).isNull();
        });
        if (newYearsDay.getDayOfWeek() != DayOfWeek.SATURDAY && newYearsDay.getDayOfWeek() != DayOfWeek.SUNDAY) {
            // New Year's Day fell inside the provisional count as a working day: the date moves by one.
            assertThat(expected).isEqualTo(loaded.provisionalBeyondLoadedYears().addWorkingDays(provisional, 1));
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode recomputed = stored(paused, "ProvisionalDeadlineRecomputedEvent");
            assertThat(recomputed).as("the recompute event of " + paused).isNotNull();
            assertThat(recomputed.get("previousDeadline").asText()).isEqualTo(movedInto.toString());
            assertThat(recomputed.get("stillProvisional").asBoolean()).isFalse();
            assertThat(jdbc.queryForObject("select provisional_year from command_side.delegation_registry "
                    + "where delegation_id = ?", Integer.class, paused)).isNull();
        });
        // Recorded by the system, and once: the delegation's stream holds one recompute event.
        assertThat(jdbc.queryForObject("select count(*) from command_side.domain_event_entry where "
                + "aggregate_identifier = ? and payload_type = ?", Integer.class, id,
                EVENTS + "ProvisionalDeadlineRecomputedEvent")).isEqualTo(1);
    }
}
