package cn.daiban.query.delegation;

import cn.daiban.kernel.agent.AgentId;
import cn.daiban.kernel.calendar.ServiceClock;
import cn.daiban.kernel.catalogue.ServiceItemCode;
import cn.daiban.kernel.common.MetadataKeys;
import cn.daiban.kernel.common.PhoneNumber;
import cn.daiban.kernel.common.RegionCode;
import cn.daiban.kernel.delegation.*;
import cn.daiban.kernel.station.*;
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
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

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
 * Tolerated materials in view (容缺受理, `000 §7.2.1 d`): outstanding and overdue ones are listed in the delegation
 * detail, the work ledger's 备注 (`004 附录D`) and the supervision flags; one completed on the spot (当场补正,
 * `000 §6.3.3`) is in and leaves them. Its own stations (1496…), so the figures of other view tests stay as counted.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ToleratedMaterialsViewIT extends PostgresIntegrationTest {

    static final ZoneId SHANGHAI = ZoneId.of(ServiceClock.DEFAULT_ZONE);
    static final String C = "149600000";
    static final String V = "149600000101";
    static final AgentId AGENT = AgentId.of("bbbbbbbb-1111-4c3b-9a57-0d5f1e2a3b4c");
    static final Client CLIENT = new Client(ClientKind.CITIZEN, "王秀英", null, null, PhoneNumber.of("13912345678"), null);

    @Autowired
    EventStore eventStore;
    @Autowired
    TestRestTemplate http;
    @Autowired
    ObjectMapper json;

    final Map<String, Long> sequences = new HashMap<>();
    final DelegationId overdue = DelegationId.create();
    final DelegationId onTheSpot = DelegationId.create();

    static Instant at(String day, int hour) {
        return LocalDate.parse(day).atTime(hour, 0).atZone(SHANGHAI).toInstant();
    }

    void append(String type, String aggregateId, Object payload, Instant at, String actor, String station) {
        long sequence = sequences.merge(aggregateId, 1L, Long::sum) - 1;
        eventStore.publish(new GenericDomainEventMessage<>(type, aggregateId, sequence, payload,
                Map.of(MetadataKeys.ACTOR_ID, actor, MetadataKeys.STATION_CODE, station), UUID.randomUUID().toString(), at));
    }

    void station(String code, StationLevel level, String parent) {
        append("Station", code, new StationOpeningRequestedEvent(StationCode.of(code), "站 " + code, level,
                parent == null ? null : StationCode.of(parent), null, RegionCode.of("149600"), "地址",
                new StationManager("张伟", PhoneNumber.of("13812345678")), PhoneNumber.of("0356-7022345"), List.of(),
                Set.of()), at("2026-10-01", 9), "admin", "X");
        append("Station", code, new StationOpeningApprovedEvent(StationCode.of(code), null, null), at("2026-10-01", 10),
                "admin", "X");
    }

    static DelegationCommissionedEvent commissioned(DelegationId id, List<ToleratedGap> gaps, List<MaterialCheck> checklist) {
        return new DelegationCommissionedEvent(id, DelegationKind.PROXY, ServiceMode.ON_SITE, StationCode.of(V), "W1",
                AGENT, ServiceItemCode.of("RS-001"), 1, "城乡居民养老保险参保登记", "人社", Set.of(StationLevel.VILLAGE_STATION),
                List.of(), CLIENT, null, null, gaps, List.of(), null, true, List.of(), "0356-7022345", false, false,
                LocalDate.of(2026, 11, 20), 10, LocalDate.of(2026, 12, 4), null, null, null, null, null, null, null, null, checklist, null);
    }

    @BeforeAll
    void history() {
        station(C, StationLevel.COUNTY_CENTRE, null);
        station(V, StationLevel.VILLAGE_STATION, C);
        // One past its committed date (followed up by the system), one still due.
        ToleratedGap household = new ToleratedGap("户口簿", LocalDate.of(2026, 11, 23));
        ToleratedGap bankCard = new ToleratedGap("银行卡复印件", LocalDate.of(2026, 11, 30));
        append("Delegation", overdue.value(), commissioned(overdue, List.of(household, bankCard), List.of(
                        new MaterialCheck("居民身份证", MaterialCheckStatus.RECEIVED, null),
                        new MaterialCheck("户口簿", MaterialCheckStatus.TOLERATED, household.committedDate()),
                        new MaterialCheck("银行卡复印件", MaterialCheckStatus.TOLERATED, bankCard.committedDate()))),
                at("2026-11-20", 9), AGENT.value(), V);
        append("Delegation", overdue.value(), new ToleratedMaterialOverdueEvent(overdue, "户口簿", household.committedDate()),
                at("2026-11-24", 0), MetadataKeys.SYSTEM_ACTOR, V);
        // Tolerated at intake, then completed at the counter.
        append("Delegation", onTheSpot.value(), commissioned(onTheSpot,
                List.of(new ToleratedGap("户口簿", LocalDate.of(2026, 11, 27))), null), at("2026-11-20", 10),
                AGENT.value(), V);
        append("Delegation", onTheSpot.value(), new MaterialsCompletedOnSpotEvent(onTheSpot, List.of("户口簿"),
                LocalDate.of(2026, 11, 24)), at("2026-11-24", 10), AGENT.value(), V);
    }

    JsonNode get(String path) throws Exception {
        ResponseEntity<String> response = http.getForEntity(path, String.class);
        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(HttpStatus.OK);
        return json.readTree(response.getBody());
    }

    /** 000 §7.2.1 d: the detail lists each tolerated material with its committed date and where it stands. */
    @Test
    void toleratedGaps_detailListsOutstandingAndOverdueMaterials() {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode detail = get("/api/delegations/" + overdue.value());
            assertThat(detail.get("toleratedMaterials").findValuesAsText("materialName"))
                    .containsExactly("户口簿", "银行卡复印件");
            assertThat(detail.get("toleratedMaterials").findValuesAsText("status")).containsExactly("OVERDUE", "OUTSTANDING");
            assertThat(detail.get("toleratedMaterials").findValuesAsText("committedDate"))
                    .containsExactly("2026-11-23", "2026-11-30");
            assertThat(detail.get("details").get("materials").findValuesAsText("status"))
                    .containsExactly("RECEIVED", "TOLERATED", "TOLERATED");
        });
    }

    /** 000 §6.3.3 当场补正 with 000 §7.2.1 d: completed at the counter, the material is in; no pause is recorded. */
    @Test
    void onTheSpot_aToleratedMaterialCompletedAtTheCounterIsInAndPausesNothing() {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode detail = get("/api/delegations/" + onTheSpot.value());
            assertThat(detail.get("steps")).hasSize(2);
            assertThat(detail.get("steps").get(1).get("summary").asText()).isEqualTo("当场补正材料");
            JsonNode material = detail.get("toleratedMaterials").get(0);
            assertThat(material.get("status").asText()).isEqualTo("RECEIVED");
            assertThat(material.get("receivedOn").asText()).isEqualTo("2026-11-24");
            assertThat(detail.get("status").asText()).isEqualTo("HANDLING");
            assertThat(detail.get("pausedWorkingDays").asInt()).isZero();
            assertThat(detail.get("deadline").asText()).isEqualTo("2026-12-04");
        });
    }

    /** 004 附录D 备注 with 000 §7.2.1 d: the ledger says which tolerated materials are still owed, and which are late. */
    @Test
    void toleratedGaps_ledgerRemarkNamesOutstandingAndOverdueMaterials() {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            Map<String, String> remarks = new HashMap<>();
            get("/api/ledger?station=" + V + "&from=2026-11-01&to=2026-11-30").get("rows")
                    .forEach(row -> remarks.put(row.get("delegationId").asText(), row.path("remark").asText("")));
            assertThat(remarks.get(overdue.value())).isEqualTo(
                    "容缺受理；容缺材料逾期未补交：户口簿（承诺2026-11-23前）；容缺材料待补交：银行卡复印件（承诺2026-11-30前）");
            assertThat(remarks.get(onTheSpot.value())).isEqualTo("容缺受理；");
        });
    }

    /** 000 §7.2.1 d: an overdue tolerated material is a red supervision flag naming it; one handed in flags nothing. */
    @Test
    void toleratedGaps_supervisionFlagsShowOverdueToleratedMaterials() {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            // The flags of the matters' own limits and materials (those naming a rule of their own, e.g. a proxy's
            // progress reports, are other tests' subject).
            List<JsonNode> flags = new java.util.ArrayList<>();
            get("/api/supervision/flags?station=" + C).get("flags").forEach(flag -> {
                if (!flag.hasNonNull("rule")) {
                    flags.add(flag);
                }
            });
            assertThat(flags).extracting(flag -> flag.get("delegationId").asText()).containsExactly(overdue.value());
            assertThat(flags.get(0).get("colour").asText()).isEqualTo("RED");
            assertThat(flags.get(0).get("reason").asText())
                    .contains("容缺材料逾期未补交：户口簿", "容缺材料待补交：银行卡复印件");
        });
    }
}
