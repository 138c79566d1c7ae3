package cn.daiban.query;

import cn.daiban.kernel.agent.*;
import cn.daiban.kernel.calendar.CalendarYearLoadedEvent;
import cn.daiban.kernel.catalogue.*;
import cn.daiban.kernel.common.MetadataKeys;
import cn.daiban.kernel.common.PhoneNumber;
import cn.daiban.kernel.station.StationCode;
import cn.daiban.kernel.station.StationLevel;
import cn.daiban.query.support.PostgresIntegrationTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.MetaData;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The calendar, the catalogue with its revisions, and agents per station, built from their events. */
class ReferenceDataIT extends PostgresIntegrationTest {

    @Autowired
    EventStore eventStore;
    @Autowired
    TestRestTemplate http;
    @Autowired
    ObjectMapper json;

    void append(String type, String aggregateId, long sequence, Object payload) {
        eventStore.publish(new GenericDomainEventMessage<>(type, aggregateId, sequence, payload,
                MetaData.with(MetadataKeys.ACTOR_ID, "admin-01")));
    }

    JsonNode get(String path) throws Exception {
        ResponseEntity<String> response = http.getForEntity(path, String.class);
        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(HttpStatus.OK);
        return json.readTree(response.getBody());
    }

    @Test
    void workingDayArithmeticUsesTheLoadedYearAndNamesAMissingOne() throws Exception {
        append("CalendarYear", "calendar-2031", 0, new CalendarYearLoadedEvent(2031,
                Set.of(LocalDate.of(2031, 1, 1), LocalDate.of(2031, 1, 2)), Set.of(LocalDate.of(2031, 1, 4)), "2031年通知"));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(get("/api/calendar/years").findValuesAsText("notice")).contains("2031年通知"));
        // Tue 31 Dec 2030 is not loaded; Wed 1 Jan 2031 off, Thu 2 off, Fri 3 (1), Sat 4 调休 (2), Mon 6 (3).
        JsonNode answer = get("/api/calendar/working-days?from=2031-01-01&days=3&to=2031-01-06");
        assertThat(answer.get("workingDay").asBoolean()).isFalse();
        assertThat(answer.get("reason").asText()).isEqualTo("法定节假日");
        assertThat(answer.get("dateAfter").asText()).isEqualTo("2031-01-06");
        assertThat(answer.get("workingDaysBetween").asInt()).isEqualTo(3);

        ResponseEntity<String> missing = http.getForEntity("/api/calendar/working-days?from=2032-03-01", String.class);
        assertThat(missing.getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
        assertThat(json.readTree(missing.getBody()).get("detail").asText()).contains("2032");
        assertThat(http.getForEntity("/api/calendar/working-days?from=not-a-date", String.class).getStatusCode())
                .isEqualTo(HttpStatus.BAD_REQUEST);
    }

    @Test
    void catalogueKeepsEveryRevisionAndFiltersByLevelAndDepartment() throws Exception {
        String code = "TS-" + UUID.randomUUID().toString().substring(0, 6).toUpperCase();
        ServiceItemDefinition first = new ServiceItemDefinition("测试事项", "测试部门" + code,
                Set.of(StationLevel.TOWNSHIP_CENTRE), List.of(new RequiredMaterial("身份证", "本人携带", true)), 10,
                List.of(), false, false);
        ServiceItemDefinition second = new ServiceItemDefinition("测试事项", "测试部门" + code,
                Set.of(StationLevel.TOWNSHIP_CENTRE, StationLevel.VILLAGE_STATION),
                List.of(new RequiredMaterial("身份证", "本人携带", true)), 5, List.of(), false, true);
        append("ServiceItem", code, 0, new ServiceItemPublishedEvent(ServiceItemCode.of(code), 1, first, false));
        append("ServiceItem", code, 1, new ServiceItemRevisedEvent(ServiceItemCode.of(code), 2, second, "下放到村"));

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(get("/api/catalogue/items/" + code).get("revision").asInt()).isEqualTo(2));
        JsonNode item = get("/api/catalogue/items/" + code);
        assertThat(item.get("revisions")).hasSize(2);
        assertThat(item.get("revisions").get(0).get("definition").get("timeLimitWorkingDays").asInt()).isEqualTo(10);
        assertThat(item.get("revisions").get(1).get("reason").asText()).isEqualTo("下放到村");

        JsonNode village = get("/api/catalogue/items?level=VILLAGE_STATION&department=测试部门" + code);
        assertThat(village.get("totalItems").asInt()).isEqualTo(1);
        JsonNode county = get("/api/catalogue/items?level=COUNTY_CENTRE&department=测试部门" + code);
        assertThat(county.get("totalItems").asInt()).isZero();
        assertThat(http.getForEntity("/api/catalogue/items?level=CITY", String.class).getStatusCode())
                .isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(http.getForEntity("/api/catalogue/items/NO-SUCH-ITEM", String.class).getStatusCode())
                .isEqualTo(HttpStatus.NOT_FOUND);
    }

    @Test
    void agentsPerStationShowQualificationTrainingsAndWorkload() throws Exception {
        StationCode station = StationCode.of("1405" + (int) (Math.random() * 900000 + 100000));
        AgentId agent = AgentId.create();
        append("Agent", agent.value(), 0, new AgentRegisteredEvent(agent, station, "赵红", PhoneNumber.of("13700001111"),
                AgentBackground.PARTY_MEMBER, AgentRole.AGENT, LocalDate.of(2024, 6, 1)));
        append("Agent", agent.value(), 1, new AgentTrainingRecordedEvent(agent, LocalDate.of(2026, 4, 10), "政策培训", 4));
        append("Agent", agent.value(), 2, new AgentTrainingRecordedEvent(agent, LocalDate.of(2026, 10, 10), "业务培训", 4));
        append("Agent", agent.value(), 3, new AgentTrainingRecordedEvent(agent, LocalDate.of(2025, 10, 10), "去年培训", 4));
        append("Agent", agent.value(), 4, new AgentAssessmentPassedEvent(agent, LocalDate.of(2026, 5, 1), "县中心", null));
        append("Agent", agent.value(), 5, new AgentQualifiedEvent(agent, LocalDate.of(2026, 5, 1)));

        // Wait for the state asserted (all six events projected), not only for the agent's first appearance.
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            JsonNode agents = get("/api/stations/" + station + "/agents?year=2026").get("agents");
            assertThat(agents).hasSize(1);
            JsonNode row = agents.get(0);
            assertThat(row.get("qualified").asBoolean()).isTrue();
            assertThat(row.get("trainingsInYear").asInt()).isEqualTo(2);
            assertThat(row.get("activeWorkload").asInt()).isZero();
            JsonNode detail = get("/api/agents/" + agent + "?year=2026");
            assertThat(detail.get("trainings")).hasSize(3);
            assertThat(detail.get("assessments")).hasSize(1);
            assertThat(detail.get("assessments").get(0).get("passed").asBoolean()).isTrue();
        });

        append("Agent", agent.value(), 6, new AgentDeactivatedEvent(agent, "离职"));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            assertThat(get("/api/stations/" + station + "/agents").get("agents")).isEmpty();
            assertThat(get("/api/stations/" + station + "/agents?includeInactive=true").get("agents")).hasSize(1);
        });
        assertThat(http.getForEntity("/api/agents/not-a-uuid", String.class).getStatusCode())
                .isEqualTo(HttpStatus.BAD_REQUEST);
    }
}
