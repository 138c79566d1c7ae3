package cn.daiban.query.delegation;

import cn.daiban.kernel.agent.AgentId;
import cn.daiban.kernel.catalogue.ServiceItemCode;
import cn.daiban.kernel.calendar.ServiceClock;
import cn.daiban.kernel.common.MetadataKeys;
import cn.daiban.kernel.common.PhoneNumber;
import cn.daiban.kernel.common.RegionCode;
import cn.daiban.kernel.delegation.*;
import cn.daiban.kernel.station.StationCode;
import cn.daiban.kernel.station.StationLevel;
import cn.daiban.kernel.station.StationManager;
import cn.daiban.kernel.station.StationOpeningApprovedEvent;
import cn.daiban.kernel.station.StationOpeningRequestedEvent;
import cn.daiban.query.support.PostgresIntegrationTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The satisfaction views show the client's own grades (channel CLIENT, through the invitation: 一事一评 `003 三(二)3`,
 * 国办发〔2019〕51号) apart from grades staff typed in (device, paper, phone follow-up, `004 §7.1.3`, with who entered
 * them), and count phone follow-ups, those of poor grades apart: in the satisfaction view, the publishable summary,
 * the quarterly assessment and a matter's detail. Counted by hand from the events below (November 2026, one village).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SatisfactionSourcesIT extends PostgresIntegrationTest {

    static final ZoneId SHANGHAI = ZoneId.of(ServiceClock.DEFAULT_ZONE);
    static final String C = "146600000", V = "146600000101";
    static final AgentId AGENT = AgentId.of("bbbbbbbb-1111-4c3b-9a57-0d5f1e2a3b4c");
    static final DelegationId BY_CLIENT = DelegationId.create(), ON_PAPER = DelegationId.create(),
            POOR_ON_DEVICE = DelegationId.create();
    /** Delivered and never graded: 一事一评 not done for it. */
    static final DelegationId NOT_GRADED = DelegationId.create();

    @Autowired
    EventStore eventStore;
    @Autowired
    TestRestTemplate http;
    @Autowired
    ObjectMapper json;
    @Autowired
    JdbcTemplate jdbc;

    final Map<String, Long> sequences = new HashMap<>();

    static Instant at(int day, int hour) {
        return LocalDate.of(2026, 11, day).atTime(hour, 0).atZone(SHANGHAI).toInstant();
    }

    void append(String type, String id, Object payload, Instant at, String actor) {
        long sequence = sequences.merge(id, 1L, Long::sum) - 1;
        eventStore.publish(new GenericDomainEventMessage<>(type, id, sequence, payload,
                Map.of(MetadataKeys.ACTOR_ID, actor, MetadataKeys.STATION_CODE, V), UUID.randomUUID().toString(), at));
    }

    void station(String code, StationLevel level, String parent) {
        append("Station", code, new StationOpeningRequestedEvent(StationCode.of(code), "站" + code, level,
                parent == null ? null : StationCode.of(parent), null, RegionCode.of("146600"), "地址",
                new StationManager("张伟", PhoneNumber.of("13812345678")), PhoneNumber.of("0356-7022345"), List.of(),
                Set.of()), at(1, 9), "admin");
        append("Station", code, new StationOpeningApprovedEvent(StationCode.of(code), null, null), at(1, 10), "admin");
    }

    void delivered(DelegationId id, int day) {
        LocalDate on = LocalDate.of(2026, 11, day);
        append("Delegation", id.value(), new DelegationCommissionedEvent(id, DelegationKind.ASSIST, ServiceMode.ON_SITE,
                StationCode.of(V), null, AGENT, ServiceItemCode.of("RS-001"), 1, "城乡居民养老保险参保登记", "人社",
                Set.of(StationLevel.VILLAGE_STATION), List.of(), new Client(ClientKind.CITIZEN, "王秀英", null, null,
                PhoneNumber.of("13912345678"), null), null, null, List.of(), List.of(), null, true, List.of(),
                "0356-7022345", false, false, on, 5, on.plusDays(7), null, null), at(day, 9), "agent-1");
        append("Delegation", id.value(), new DelegationCompletedEvent(id, true, "参保号", null, on, on.plusDays(7),
                true, 0), at(day, 10), "agent-1");
        append("Delegation", id.value(), new ResultDeliveredEvent(id, DeliveryMethod.IN_PERSON, null, "签收", false,
                false, on, on), at(day, 11), "agent-1");
    }

    @BeforeAll
    void history() {
        station(C, StationLevel.COUNTY_CENTRE, null);
        station(V, StationLevel.VILLAGE_STATION, C);
        delivered(BY_CLIENT, 3);
        delivered(ON_PAPER, 4);
        delivered(POOR_ON_DEVICE, 5);
        delivered(NOT_GRADED, 5);
        // The client's own grade through the invitation: nobody of the staff entered it.
        append("Delegation", BY_CLIENT.value(), new DelegationEvaluatedEvent(BY_CLIENT, 1,
                SatisfactionGrade.VERY_SATISFIED, SatisfactionGrade.VERY_SATISFIED, SatisfactionGrade.SATISFIED,
                SatisfactionGrade.SATISFIED, EvaluationChannel.CLIENT, "很好", LocalDate.of(2026, 11, 6), null),
                at(6, 9), "client");
        // Typed in from a paper form, and a poor grade from the evaluation device.
        append("Delegation", ON_PAPER.value(), new DelegationEvaluatedEvent(ON_PAPER, 1, SatisfactionGrade.SATISFIED,
                SatisfactionGrade.SATISFIED, SatisfactionGrade.SATISFIED, SatisfactionGrade.SATISFIED,
                EvaluationChannel.PAPER, null, LocalDate.of(2026, 11, 6), "agent-paper"), at(6, 10), "agent-paper");
        append("Delegation", POOR_ON_DEVICE.value(), new DelegationEvaluatedEvent(POOR_ON_DEVICE, 1,
                SatisfactionGrade.DISSATISFIED, SatisfactionGrade.DISSATISFIED, SatisfactionGrade.DISSATISFIED,
                SatisfactionGrade.DISSATISFIED, EvaluationChannel.DEVICE, "太慢", LocalDate.of(2026, 11, 6),
                "agent-device"), at(6, 11), "agent-device");
        // Phone follow-ups: two of the poor grade (the first unanswered), one after the client's good grade.
        append("Delegation", POOR_ON_DEVICE.value(), new PhoneFollowUpRecordedEvent(POOR_ON_DEVICE, 1, "manager-v",
                at(9, 10), false, "无人接听", 1, true), at(9, 10), "manager-v");
        append("Delegation", POOR_ON_DEVICE.value(), new PhoneFollowUpRecordedEvent(POOR_ON_DEVICE, 2, "manager-v",
                at(10, 10), true, "等待时间长，已致歉", 1, true), at(10, 10), "manager-v");
        append("Delegation", BY_CLIENT.value(), new PhoneFollowUpRecordedEvent(BY_CLIENT, 1, "agent-1",
                at(11, 15), true, "满意", 1, false), at(11, 15), "agent-1");
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject("""
                select (select count(*) from evaluation_view where station_code = ?)
                     + (select count(*) from phone_follow_up where station_code = ?)""", Integer.class, V, V) == 6);
        // The summary names the station: wait for the station directory too (another processing group).
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject(
                "select count(*) from station_directory where station_code = ?", Integer.class, V) == 1);
    }

    JsonNode get(String path) throws Exception {
        var response = http.getForEntity(path, String.class);
        assertThat(response.getStatusCode().value()).as(path + ": " + response.getBody()).isEqualTo(200);
        return json.readTree(response.getBody());
    }

    /** 一事一评 (`003 三(二)3`) and 电话回访 (`004 §7.1.3`) in the satisfaction view, by station and by month. */
    @Test
    void clientGrade_theSatisfactionViewShowsClientAndStaffGradesApartAndCountsPoorGradeFollowUps() throws Exception {
        for (String groupBy : List.of("STATION", "MONTH")) {
            JsonNode groups = get("/api/satisfaction?groupBy=" + groupBy + "&station=" + V
                    + "&from=2026-11-01&to=2026-11-30").get("groups");
            assertThat(groups).as(groupBy).hasSize(1);
            JsonNode g = groups.get(0);
            assertThat(g.get("evaluations").asLong()).isEqualTo(3);
            assertThat(g.get("clientEntered").asLong()).isEqualTo(1);
            assertThat(g.get("clientOverall").get("VERY_SATISFIED").asLong()).isEqualTo(1);
            assertThat(g.get("clientSatisfactionRate").asDouble()).isEqualTo(1.0);
            assertThat(g.get("staffEntered").asLong()).isEqualTo(2);
            assertThat(g.get("staffOverall").get("SATISFIED").asLong()).isEqualTo(1);
            assertThat(g.get("staffOverall").get("DISSATISFIED").asLong()).isEqualTo(1);
            assertThat(g.get("staffSatisfactionRate").asDouble()).isEqualTo(0.5);
            assertThat(g.get("phoneFollowUps").asLong()).isEqualTo(3);
            assertThat(g.get("poorGradeFollowUps").asLong()).isEqualTo(2);
        }
    }

    /** The publishable summary (`000 §8.1.3`) and the quarterly assessment (`003 四(三)`) show them apart too. */
    @Test
    void clientGrade_theSummaryAndTheQuarterlyAssessmentShowClientAndStaffGradesApart() throws Exception {
        JsonNode summary = get("/api/stations/" + V + "/satisfaction-summary?period=2026-11");
        assertThat(summary.get("clientEntered").asLong()).isEqualTo(1);
        assertThat(summary.get("clientSatisfactionRate").asDouble()).isEqualTo(1.0);
        assertThat(summary.get("staffEntered").asLong()).isEqualTo(2);
        assertThat(summary.get("staffSatisfactionRate").asDouble()).isEqualTo(0.5);
        assertThat(summary.get("phoneFollowUps").asLong()).isEqualTo(3);
        assertThat(summary.get("poorGradeFollowUps").asLong()).isEqualTo(2);
        // 004 §7.1.2 at the station's level: attitude, quality and efficiency each satisfied in two grades of three.
        for (String aspect : List.of("attitudeRate", "qualityRate", "efficiencyRate")) {
            assertThat(summary.get(aspect).asDouble()).as(aspect).isCloseTo(2.0 / 3, org.assertj.core.data.Offset.offset(0.001));
        }

        JsonNode rows = get("/api/assessments/quarterly?station=" + V + "&year=2026&quarter=4&level=STATION")
                .get("rows");
        JsonNode row = null;
        for (JsonNode candidate : rows) {
            if (candidate.get("key").asText().equals(V)) {
                row = candidate;
            }
        }
        assertThat(row).as(rows.toString()).isNotNull();
        assertThat(row.get("evaluations").asLong()).isEqualTo(3);
        assertThat(row.get("clientEvaluations").asLong()).isEqualTo(1);
        assertThat(row.get("clientSatisfactionRate").asDouble()).isEqualTo(1.0);
        assertThat(row.get("staffEvaluations").asLong()).isEqualTo(2);
        assertThat(row.get("staffSatisfactionRate").asDouble()).isEqualTo(0.5);
        assertThat(row.get("poorGradeFollowUps").asLong()).isEqualTo(2);
        // 一事一评 (003 三(二)3): four matters delivered in the quarter, three of them graded.
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            JsonNode now = null;
            for (JsonNode candidate : get("/api/assessments/quarterly?station=" + V
                    + "&year=2026&quarter=4&level=STATION").get("rows")) {
                if (candidate.get("key").asText().equals(V)) {
                    now = candidate;
                }
            }
            assertThat(now.get("delivered").asLong()).isEqualTo(4);
            assertThat(now.get("evaluatedRate").asDouble()).isEqualTo(0.75);
        });
    }

    /** Staff-entered grades say who entered them and through which channel (`004 §7.1.3`); the client's say CLIENT. */
    @Test
    void staffEnteredGrade_theMattersDetailShowsWhoEnteredIt() throws Exception {
        JsonNode paper = get("/api/delegations/" + ON_PAPER.value()).get("evaluations").get(0);
        assertThat(paper.get("channel").asText()).isEqualTo("PAPER");
        assertThat(paper.get("enteredBy").asText()).isEqualTo("agent-paper");
        JsonNode own = get("/api/delegations/" + BY_CLIENT.value()).get("evaluations").get(0);
        assertThat(own.get("channel").asText()).isEqualTo("CLIENT");
        assertThat(own.has("enteredBy")).isFalse();
        JsonNode steps = get("/api/delegations/" + POOR_ON_DEVICE.value()).get("steps");
        assertThat(steps.findValuesAsText("summary")).contains("电话回访");
    }
}
