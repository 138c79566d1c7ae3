package cn.daiban.query.ledger;

import cn.daiban.kernel.agent.AgentId;
import cn.daiban.kernel.calendar.ServiceClock;
import cn.daiban.kernel.catalogue.ServiceItemCode;
import cn.daiban.kernel.common.MetadataKeys;
import cn.daiban.kernel.common.PhoneNumber;
import cn.daiban.kernel.common.RegionCode;
import cn.daiban.kernel.delegation.Client;
import cn.daiban.kernel.delegation.ClientKind;
import cn.daiban.kernel.delegation.DelegationCommissionedEvent;
import cn.daiban.kernel.delegation.DelegationId;
import cn.daiban.kernel.delegation.DelegationKind;
import cn.daiban.kernel.delegation.ServiceMode;
import cn.daiban.kernel.station.FigureCorrection;
import cn.daiban.kernel.station.StationCode;
import cn.daiban.kernel.station.StationLevel;
import cn.daiban.kernel.station.StationManager;
import cn.daiban.kernel.station.StationOpeningApprovedEvent;
import cn.daiban.kernel.station.StationOpeningRequestedEvent;
import cn.daiban.kernel.station.StationStatisticsSubmittedEvent;
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

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * 数据统计上报 (`002 服务人员`) on a real PostgreSQL: the statistics a station submits upward are computed from the
 * period's views — volume by kind, mode, item and status, the assessment's own figures — and frozen when the
 * submission is followed; the upper level reads them beside the station's remarks and corrections (never over
 * them) and beside the recount, which moves when a matter of the period is entered later. Counted by hand from the
 * events below (August 2025, one village under one county).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StatisticsUpwardIT extends PostgresIntegrationTest {

    static final ZoneId SHANGHAI = ZoneId.of(ServiceClock.DEFAULT_ZONE);
    static final String C = "1586" + ThreadLocalRandom.current().nextInt(10, 99) + "000", V = C + "101";
    static final AgentId AGENT = AgentId.of("dddddddd-1586-4c3b-9a57-0d5f1e2a3b4c");
    static final String PATH = "/api/stations/" + C + "/statistics-submissions?period=2025-08";

    @Autowired
    EventStore eventStore;
    @Autowired
    TestRestTemplate http;
    @Autowired
    ObjectMapper json;
    @Autowired
    JdbcTemplate jdbc;

    final Map<String, Long> sequences = new HashMap<>();

    static Instant at(int month, int day) {
        return LocalDate.of(2025, month, day).atTime(10, 0).atZone(SHANGHAI).toInstant();
    }

    void append(String type, String id, Object payload, Instant at, String actor) {
        long sequence = sequences.merge(id, 1L, Long::sum) - 1;
        eventStore.publish(new GenericDomainEventMessage<>(type, id, sequence, payload,
                Map.of(MetadataKeys.ACTOR_ID, actor), UUID.randomUUID().toString(), at));
    }

    void station(String code, StationLevel level, String parent) {
        append("Station", code, new StationOpeningRequestedEvent(StationCode.of(code), "站" + code, level,
                parent == null ? null : StationCode.of(parent), null, RegionCode.of(C.substring(0, 6)), "地址",
                new StationManager("张伟", PhoneNumber.of("13812345678")), PhoneNumber.of("0356-7022345"), List.of(),
                Set.of()), at(1, 2), "admin");
        append("Station", code, new StationOpeningApprovedEvent(StationCode.of(code), null, null), at(1, 3), "admin");
    }

    void commissioned(DelegationKind kind, String item, int day) {
        DelegationId id = DelegationId.create();
        LocalDate on = LocalDate.of(2025, 8, day);
        append("Delegation", id.value(), new DelegationCommissionedEvent(id, kind, ServiceMode.ON_SITE,
                StationCode.of(V), null, AGENT, ServiceItemCode.of(item), 1, "城乡居民养老保险参保登记", "人社",
                Set.of(StationLevel.VILLAGE_STATION), List.of(), new Client(ClientKind.CITIZEN, "王秀英", null, null,
                PhoneNumber.of("13912345678"), null), null, null, List.of(), List.of(), null, true, List.of(),
                "0356-7022345", false, false, on, 5, on.plusDays(7), null, null), at(8, day), "agent-1");
    }

    long delegations() {
        return jdbc.queryForObject("select count(*) from delegation_view where station_code = ?", Long.class, V);
    }

    @BeforeAll
    void history() {
        station(C, StationLevel.COUNTY_CENTRE, null);
        station(V, StationLevel.VILLAGE_STATION, C);
        commissioned(DelegationKind.ASSIST, "RS-001", 4);
        commissioned(DelegationKind.PROXY, "RS-001", 5);
        commissioned(DelegationKind.PROXY, "SB-002", 6);
        await().atMost(Duration.ofSeconds(30)).until(() -> delegations() == 3
                && jdbc.queryForObject("select count(*) from station_directory where station_code in (?, ?)",
                Long.class, C, V) == 2);
    }

    JsonNode submission() throws Exception {
        var response = http.getForEntity(PATH, String.class);
        assertThat(response.getStatusCode().value()).as(response.getBody()).isEqualTo(200);
        JsonNode submitted = json.readTree(response.getBody()).get("submitted");
        assertThat(submitted).hasSize(1);
        return submitted.get(0);
    }

    @Test
    void statisticsComputedBySystem_theSubmissionFreezesTheComputedFiguresBesideCorrectionsAndTheRecount()
            throws Exception {
        append("Station", V, new StationStatisticsSubmittedEvent(StationCode.of(V), "2025-08", StationCode.of(C),
                Map.of(), false, null, "本月新增红色代办", List.of(new FigureCorrection("volume", 4.0,
                "一件纸质登记未录入"))), at(9, 2), "manager-v");
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject(
                "select count(*) from statistics_frozen where station_code = ?", Long.class, V) == 1);
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject(
                "select count(*) from statistics_submission where station_code = ?", Long.class, V) == 1);

        JsonNode s = submission();
        JsonNode computed = s.get("computed");
        assertThat(computed.get("volume").asDouble()).isEqualTo(3.0);
        assertThat(computed.get("volume.kind.ASSIST").asDouble()).isEqualTo(1.0);
        assertThat(computed.get("volume.kind.PROXY").asDouble()).isEqualTo(2.0);
        assertThat(computed.get("volume.mode.ON_SITE").asDouble()).isEqualTo(3.0);
        assertThat(computed.get("volume.item.RS-001").asDouble()).isEqualTo(2.0);
        assertThat(computed.get("volume.item.SB-002").asDouble()).isEqualTo(1.0);
        double byStatus = 0;
        for (var it = computed.fields(); it.hasNext(); ) {
            var figure = it.next();
            if (figure.getKey().startsWith("volume.status.")) {
                byStatus += figure.getValue().asDouble();
            }
        }
        assertThat(byStatus).isEqualTo(3.0);
        assertThat(computed.has("breaches")).isTrue();
        assertThat(computed.has("complaints")).isTrue();
        assertThat(computed.has("consultationsDue")).isTrue();
        String frozen = jdbc.queryForObject("select figures from statistics_frozen where station_code = ?",
                String.class, V);
        assertThat(s.get("digest").asText()).isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(frozen.getBytes(StandardCharsets.UTF_8))));
        // The correction stands beside the computed figure, never over it.
        assertThat(s.get("figureCorrections").get(0).get("figure").asText()).isEqualTo("volume");
        assertThat(s.get("figureCorrections").get(0).get("value").asDouble()).isEqualTo(4.0);
        assertThat(s.get("figureCorrections").get(0).get("reason").asText()).isEqualTo("一件纸质登记未录入");
        assertThat(s.get("remarks").asText()).isEqualTo("本月新增红色代办");
        assertThat(s.get("recountDiffers").asBoolean()).isFalse();
        assertThat(s.get("recount")).isEqualTo(computed);
        assertThat(s.get("figures")).isEmpty();

        // A matter of August entered after the submission: the recount moves, what was submitted does not.
        commissioned(DelegationKind.ASSIST, "RS-001", 20);
        await().atMost(Duration.ofSeconds(30)).until(() -> delegations() == 4);
        JsonNode later = submission();
        assertThat(later.get("computed").get("volume").asDouble()).isEqualTo(3.0);
        assertThat(later.get("recount").get("volume").asDouble()).isEqualTo(4.0);
        assertThat(later.get("recountDiffers").asBoolean()).isTrue();
        assertThat(later.get("recountDiffersIn")).extracting(JsonNode::asText)
                .contains("volume", "volume.kind.ASSIST", "volume.item.RS-001");
        assertThat(later.get("digest").asText()).isEqualTo(s.get("digest").asText());
    }
}
