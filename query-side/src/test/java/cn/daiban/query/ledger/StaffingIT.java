package cn.daiban.query.ledger;

import cn.daiban.kernel.agent.AgentBackground;
import cn.daiban.kernel.agent.AgentDeactivatedEvent;
import cn.daiban.kernel.agent.AgentId;
import cn.daiban.kernel.agent.AgentPost;
import cn.daiban.kernel.agent.AgentPostChangedEvent;
import cn.daiban.kernel.agent.AgentRegisteredEvent;
import cn.daiban.kernel.agent.AgentRole;
import cn.daiban.kernel.agent.AgentTrainingRecordedEvent;
import cn.daiban.kernel.calendar.ServiceClock;
import cn.daiban.kernel.common.MetadataKeys;
import cn.daiban.kernel.common.PhoneNumber;
import cn.daiban.kernel.common.RegionCode;
import cn.daiban.kernel.station.HostOrganisationType;
import cn.daiban.kernel.station.StationCode;
import cn.daiban.kernel.station.StationLevel;
import cn.daiban.kernel.station.StationManager;
import cn.daiban.kernel.station.StationOpeningApprovedEvent;
import cn.daiban.kernel.station.StationOpeningRequestedEvent;
import cn.daiban.kernel.station.StationWindow;
import cn.daiban.query.support.ProjectionsAtHead;
import cn.daiban.query.support.PostgresIntegrationTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Staffing and training minimums (003 三(三), 003 附件4 一3–4 / 二1–2, 004 §5.3.1) on the dashboard and in the
 * quarterly assessment, computed from the agents' and stations' views on a real PostgreSQL: a county hall with a
 * zone, a sub-zone, a window of a department without a sub-zone and one with; a village station; two partner
 * outlets. Each rule is asserted by its name, short and then met.
 */
class StaffingIT extends PostgresIntegrationTest {

    static final ZoneId SHANGHAI = ZoneId.of(ServiceClock.DEFAULT_ZONE);
    /** Station codes of this test only: prefix 1537, plus a random run number so reruns on one database never meet. */
    static final String RUN = String.format("%02d", ThreadLocalRandom.current().nextInt(100));
    static final String C = "1537" + RUN + "000";
    static final String T = C + "1";
    static final String V = T + "01";
    static final String P1 = T + "81";
    static final String P2 = T + "82";
    static final LocalDate DAY = LocalDate.of(2026, 11, 10);

    @Autowired
    EventStore eventStore;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    TestRestTemplate http;
    @Autowired
    ObjectMapper json;

    final Map<String, Long> sequences = new HashMap<>();

    void append(String type, String aggregateId, Object payload) {
        long sequence = sequences.merge(aggregateId, 1L, Long::sum) - 1;
        Instant at = DAY.atTime(9, 0).atZone(SHANGHAI).toInstant();
        eventStore.publish(new GenericDomainEventMessage<>(type, aggregateId, sequence, payload,
                Map.of(MetadataKeys.ACTOR_ID, "manager", MetadataKeys.STATION_CODE, C), UUID.randomUUID().toString(), at));
    }

    void station(String code, StationLevel level, String parent, HostOrganisationType host, List<StationWindow> windows) {
        append("Station", code, new StationOpeningRequestedEvent(StationCode.of(code), "站 " + code, level,
                parent == null ? null : StationCode.of(parent), host, RegionCode.of("142200"), "地址",
                new StationManager("张伟", PhoneNumber.of("13812345678")), PhoneNumber.of("0356-7022345"), windows,
                Set.of()));
        append("Station", code, new StationOpeningApprovedEvent(StationCode.of(code), null, null));
    }

    AgentId agent(String station, AgentPost post, String window, Boolean fullTime, int trainings) {
        AgentId id = AgentId.create();
        append("Agent", id.value(), new AgentRegisteredEvent(id, StationCode.of(station), "员" + id.value().substring(0, 4),
                PhoneNumber.of("13700001111"), AgentBackground.PARTY_MEMBER, AgentRole.AGENT, LocalDate.of(2024, 1, 1),
                post, window, fullTime));
        for (int i = 0; i < trainings; i++) {
            append("Agent", id.value(), new AgentTrainingRecordedEvent(id, DAY.minusMonths(i + 1), "培训" + i, 2));
        }
        return id;
    }

    JsonNode staffing(String path) throws Exception {
        String body = http.getForObject(path, String.class);
        return json.readTree(body).get("staffing");
    }

    static List<String> rules(JsonNode staffing, String station, String window) {
        List<String> rules = new ArrayList<>();
        staffing.forEach(flag -> {
            if (flag.get("stationCode").asText().equals(station)
                    && java.util.Objects.equals(window,
                    flag.hasNonNull("windowCode") ? flag.get("windowCode").asText() : null)) {
                rules.add(flag.get("rule").asText());
            }
        });
        return rules;
    }

    @Test
    void staffingAndTrainingMinimumsAreFlaggedUntilMet() throws Exception {
        station(C, StationLevel.COUNTY_CENTRE, null, null, List.of(
                new StationWindow("Z1", "帮办代办专区", StationWindow.Kind.ZONE, null),
                new StationWindow("S1", "人社分区", StationWindow.Kind.SUB_ZONE, "人社"),
                new StationWindow("W1", "税务窗口", StationWindow.Kind.WINDOW, "税务"),
                new StationWindow("W2", "人社窗口", StationWindow.Kind.WINDOW, "人社")));
        station(T, StationLevel.TOWNSHIP_CENTRE, C, null, List.of());
        station(V, StationLevel.VILLAGE_STATION, T, null, List.of());
        station(P1, StationLevel.PARTNER_OUTLET, T, HostOrganisationType.BANK, List.of());
        station(P2, StationLevel.PARTNER_OUTLET, T, HostOrganisationType.POST, List.of());
        // County: two in the zone (needs 3), one in the sub-zone (needs 2), one posted as SUB_ZONE at the window W1
        // (a kind the window does not have: does not count), none at W2 (exempt: 人社 has a sub-zone).
        agent(C, AgentPost.ZONE, "Z1", true, 2);
        agent(C, AgentPost.ZONE, "Z1", true, 2);
        agent(C, AgentPost.SUB_ZONE, "S1", true, 2);
        AgentId misposted = agent(C, AgentPost.SUB_ZONE, "W1", true, 2);
        // Township: one full-time agent with one training. Village: one agent registered without post or full-time
        // (as before posts existed). Bank outlet: three staff, one full-time. Post outlet: none.
        AgentId oneTraining = agent(T, null, null, true, 1);
        AgentId village = agent(V, null, null, null, 2);
        agent(P1, null, null, true, 2);
        agent(P1, null, null, false, 2);
        AgentId third = agent(P1, null, null, false, 2);

        String dashboard = "/api/stations/" + C + "/dashboard?from=2026-11-01&to=2026-11-30&today=2026-11-24";
        String assessment = "/api/assessments/quarterly?station=" + C + "&year=2026&quarter=4";
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            for (String path : List.of(dashboard, assessment)) {
                JsonNode flags = staffing(path);
                assertThat(rules(flags, C, "Z1")).as(path).containsExactly("staffing-county-zone");
                assertThat(rules(flags, C, "S1")).containsExactly("staffing-sub-zone");
                assertThat(rules(flags, C, "W1")).containsExactly("staffing-window");
                assertThat(rules(flags, C, "W2")).isEmpty();
                assertThat(rules(flags, C, null)).isEmpty();
                assertThat(rules(flags, T, null)).containsExactly("training-twice-a-year");
                assertThat(rules(flags, V, null)).containsExactly("staffing-full-time-agent");
                assertThat(rules(flags, P1, null)).containsExactly("staffing-partner-outlet");
                assertThat(rules(flags, P2, null)).containsExactly("staffing-full-time-agent", "staffing-partner-outlet");
                JsonNode training = null;
                for (JsonNode flag : flags) {
                    if (flag.get("rule").asText().equals("training-twice-a-year")) {
                        training = flag;
                    }
                }
                assertThat(training).isNotNull();
                assertThat(training.get("agentId").asText()).isEqualTo(oneTraining.value());
                assertThat(training.get("actual").asLong()).isEqualTo(1);
            }
        });
        // Each flag above is a shortfall, which holds before every agent is projected too: the rest needs them all.
        ProjectionsAtHead.await(jdbc, "agents", "stations");
        // The agents' view carries the post: as registered, and for an agent registered without one (as before
        // posts existed) the station, not full-time.
        JsonNode misplaced = json.readTree(http.getForObject("/api/agents/" + misposted.value(), String.class));
        assertThat(misplaced.get("post").asText()).isEqualTo("SUB_ZONE");
        assertThat(misplaced.get("windowCode").asText()).isEqualTo("W1");
        assertThat(misplaced.get("fullTime").asBoolean()).isTrue();
        JsonNode villageAgent = json.readTree(http.getForObject("/api/stations/" + V + "/agents", String.class))
                .get("agents").get(0);
        assertThat(villageAgent.get("agentId").asText()).isEqualTo(village.value());
        assertThat(villageAgent.get("post").asText()).isEqualTo("STATION");
        assertThat(villageAgent.hasNonNull("windowCode")).isFalse();
        assertThat(villageAgent.get("fullTime").asBoolean()).isFalse();

        // The zone's figure: 2 against 3.
        JsonNode zone = null;
        for (JsonNode flag : staffing(dashboard)) {
            if (flag.get("rule").asText().equals("staffing-county-zone")) {
                zone = flag;
            }
        }
        assertThat(zone.get("actual").asLong()).isEqualTo(2);
        assertThat(zone.get("minimum").asInt()).isEqualTo(3);

        // Met: a third agent in the zone, the sub-zone's second, the window's agent posted right, a second training,
        // the village agent made full-time, the bank outlet down to two, the post outlet one full-time agent.
        agent(C, AgentPost.ZONE, "Z1", true, 2);
        agent(C, AgentPost.SUB_ZONE, "S1", true, 2);
        append("Agent", misposted.value(), new AgentPostChangedEvent(misposted, AgentPost.WINDOW, "W1", true, "调整岗位"));
        append("Agent", oneTraining.value(), new AgentTrainingRecordedEvent(oneTraining, DAY, "一次性告知", 2));
        append("Agent", village.value(), new AgentPostChangedEvent(village, AgentPost.STATION, null, true, "专职"));
        append("Agent", third.value(), new AgentDeactivatedEvent(third, "离岗"));
        agent(P2, AgentPost.STATION, null, true, 2);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            for (String path : List.of(dashboard, assessment)) {
                JsonNode flags = staffing(path);
                for (String station : List.of(C, T, V, P1, P2)) {
                    for (String window : new String[]{null, "Z1", "S1", "W1", "W2"}) {
                        assertThat(rules(flags, station, window)).as(path + " " + station + " " + window).isEmpty();
                    }
                }
            }
        });
    }
}
