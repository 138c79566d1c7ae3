package cn.daiban.query.delegation;

import cn.daiban.kernel.agent.AgentId;
import cn.daiban.kernel.calendar.ServiceClock;
import cn.daiban.kernel.catalogue.ServiceItemCode;
import cn.daiban.kernel.clientcategory.ClientCategoryCode;
import cn.daiban.kernel.clientcategory.ClientCategoryDefinedEvent;
import cn.daiban.kernel.clientcategory.ClientCategoryGroup;
import cn.daiban.kernel.common.MetadataKeys;
import cn.daiban.kernel.common.PhoneNumber;
import cn.daiban.kernel.common.RegionCode;
import cn.daiban.kernel.common.ResidentId;
import cn.daiban.kernel.delegation.*;
import cn.daiban.kernel.station.*;
import cn.daiban.query.support.PostgresIntegrationTest;
import cn.daiban.query.support.ProjectionsAtHead;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The client and the visit in the views: client categories (`002 服务对象`) filter the ledger and are counted by
 * the dashboard and the quarterly assessment; a home visit made after the agreed time (`003 附件3 六5`) shows as
 * late in the matter's row, the supervision flags and the counts; the address never reaches a view.
 * Stations of their own (148400…), so the other views' hand-counted figures stay as they are.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClientCategoriesAndHomeVisitsIT extends PostgresIntegrationTest {

    static final ZoneId SHANGHAI = ZoneId.of(ServiceClock.DEFAULT_ZONE);
    static final String C = "148400000";
    static final String T = "1484000001";
    static final String V = "148400000101";
    static final String PERIOD = "from=2026-11-01&to=2026-11-30&today=2026-11-24";
    static final AgentId AGENT = AgentId.of("bbbbbbbb-1111-4c3b-9a57-0d5f1e2a3b4c");
    static final String ADDRESS = "郑庄村东街12号";

    @Autowired
    EventStore eventStore;
    @Autowired
    TestRestTemplate http;
    @Autowired
    ObjectMapper json;
    @Autowired
    JdbcTemplate jdbc;

    final Map<String, Long> sequences = new HashMap<>();
    final Map<String, DelegationId> ids = new HashMap<>();

    static Instant at(String day, int hour, int minute) {
        return LocalDate.parse(day).atTime(hour, minute).atZone(SHANGHAI).toInstant();
    }

    void append(String type, String aggregateId, Object payload, Instant at, String station) {
        long sequence = sequences.merge(aggregateId, 1L, Long::sum) - 1;
        eventStore.publish(new GenericDomainEventMessage<>(type, aggregateId, sequence, payload,
                Map.of(MetadataKeys.ACTOR_ID, AGENT.value(), MetadataKeys.STATION_CODE, station),
                UUID.randomUUID().toString(), at));
    }

    void station(String code, StationLevel level, String parent) {
        StationManager manager = new StationManager("张伟", PhoneNumber.of("13812345678"));
        append("Station", code, new StationOpeningRequestedEvent(StationCode.of(code), "站 " + code, level,
                parent == null ? null : StationCode.of(parent), null, RegionCode.of("148400"), "地址", manager,
                PhoneNumber.of("0356-7022345"), List.of(), Set.of()), at("2026-10-01", 9, 0), "X");
        append("Station", code, new StationOpeningApprovedEvent(StationCode.of(code), null, null),
                at("2026-10-01", 10, 0), "X");
    }

    DelegationId id(String name) {
        return ids.computeIfAbsent(name, n -> DelegationId.create());
    }

    void commission(String name, String day, HomeVisitAppointment visit, String... categories) {
        LocalDate on = LocalDate.parse(day);
        Set<ClientCategoryCode> codes = Arrays.stream(categories).map(ClientCategoryCode::of).collect(Collectors.toSet());
        append("Delegation", id(name).value(), new DelegationCommissionedEvent(id(name), DelegationKind.ASSIST,
                visit == null ? ServiceMode.ON_SITE : ServiceMode.HOME_VISIT, StationCode.of(V), "W1", AGENT,
                ServiceItemCode.of("RS-001"), 1, "城乡居民养老保险参保登记", "人社", Set.of(StationLevel.VILLAGE_STATION),
                List.of(), new Client(ClientKind.CITIZEN, "客户" + name, ResidentId.of("11010519491231002X"), null,
                        PhoneNumber.of("13912345678"), null), null, null, List.of(), List.of(), null, false, List.of(),
                "0356-7022345", false, false, on, 5, on.plusDays(7), null, null, codes, visit, null, null, null, null, null, null), at(day, 9, 0), V);
    }

    void d(String name, Object event, Instant at) {
        append("Delegation", id(name).value(), event, at, V);
    }

    @BeforeAll
    void history() {
        station(C, StationLevel.COUNTY_CENTRE, null);
        station(T, StationLevel.TOWNSHIP_CENTRE, C);
        station(V, StationLevel.VILLAGE_STATION, T);
        append("ClientCategory", "VETERAN_" + UUID.randomUUID().toString().substring(0, 4).toUpperCase(),
                new ClientCategoryDefinedEvent(ClientCategoryCode.of("VETERAN"), "退役军人",
                        ClientCategoryGroup.GREEN_CHANNEL, false), at("2026-10-01", 9, 0), "X");
        // H1: an elderly, disabled client, visited at home 40 minutes after the agreed time; still open.
        commission("H1", "2026-11-10", new HomeVisitAppointment(at("2026-11-11", 9, 0), ADDRESS), "ELDERLY", "DISABLED");
        d("H1", new HomeVisitRecordedEvent(id("H1"), at("2026-11-11", 9, 0), at("2026-11-11", 9, 40), true, 40,
                "路上堵车"), at("2026-11-11", 10, 0));
        // H2: on site, switched to a home visit later and visited on time; elderly.
        commission("H2", "2026-11-12", null, "ELDERLY");
        d("H2", new HomeVisitArrangedEvent(id("H2"), ServiceMode.ON_SITE,
                new HomeVisitAppointment(at("2026-11-13", 14, 0), ADDRESS), "行动不便"), at("2026-11-12", 10, 0));
        d("H2", new HomeVisitRecordedEvent(id("H2"), at("2026-11-13", 14, 0), at("2026-11-13", 13, 55), false, 0,
                null), at("2026-11-13", 14, 0));
        // H3: a soldier; later also 特事特办 after a complaint.
        commission("H3", "2026-11-16", null, "MILITARY");
        d("H3", new ClientCategoriesChangedEvent(id("H3"), Set.of(ClientCategoryCode.of("MILITARY")),
                Set.of(ClientCategoryCode.of("MILITARY"), ClientCategoryCode.of("COMPLAINT_SPECIAL_CASE")), "投诉转办",
                LocalDate.of(2026, 11, 17)), at("2026-11-17", 9, 0));
        // H4: no category, as stored before categories existed.
        append("Delegation", id("H4").value(), new DelegationCommissionedEvent(id("H4"), DelegationKind.ASSIST,
                ServiceMode.ON_SITE, StationCode.of(V), "W1", AGENT, ServiceItemCode.of("RS-001"), 1,
                "城乡居民养老保险参保登记", "人社", Set.of(StationLevel.VILLAGE_STATION), List.of(),
                new Client(ClientKind.CITIZEN, "客户H4", null, null, PhoneNumber.of("13912345678"), null), null, null,
                List.of(), List.of(), null, false, List.of(), "0356-7022345", false, false, LocalDate.of(2026, 11, 18),
                5, LocalDate.of(2026, 11, 25), null, null, null, null, null, null, null, null, null, null), at("2026-11-18", 9, 0), V);

        // A row not projected yet answers "no result" rather than a failed assertion: wait through that too.
        await().atMost(Duration.ofSeconds(30))
                .ignoreException(org.springframework.dao.EmptyResultDataAccessException.class).untilAsserted(() -> {
            assertThat(jdbc.queryForList("select client_categories from delegation_view where delegation_id = ?",
                    id("H3").value()).toString()).contains("COMPLAINT_SPECIAL_CASE");
            assertThat(jdbc.queryForObject("select home_visit_arrived_on from delegation_view where delegation_id = ?",
                    LocalDate.class, id("H2").value())).isEqualTo(LocalDate.of(2026, 11, 13));
            assertThat(jdbc.queryForObject("select home_visit_late from delegation_view where delegation_id = ?",
                    Boolean.class, id("H1").value())).isTrue();
            assertThat(jdbc.queryForObject("select count(*) from delegation_view where delegation_id = ?",
                    Integer.class, id("H4").value())).isEqualTo(1);
            assertThat(jdbc.queryForObject("select count(*) from station_directory where station_code = ?",
                    Integer.class, V)).isEqualTo(1);
            assertThat(jdbc.queryForObject("select count(*) from client_category_view where code = 'VETERAN'",
                    Integer.class)).isEqualTo(1);
        });
        // The county's and the township's stations too (the roll-ups read them), handled apart from the village's.
        ProjectionsAtHead.await(jdbc, "stations", "delegations");
    }

    JsonNode get(String path) throws Exception {
        ResponseEntity<String> response = http.getForEntity(path, String.class);
        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(HttpStatus.OK);
        return json.readTree(response.getBody());
    }

    @Test
    @DisplayName("002 服务对象: the ledger filters by a client category, the change included")
    void ledgerFiltersByClientCategory() throws Exception {
        assertThat(get("/api/ledger?station=" + V + "&category=ELDERLY").get("rows").findValuesAsText("clientName"))
                .containsExactlyInAnyOrder("客户H1", "客户H2");
        assertThat(get("/api/ledger?station=" + V + "&category=COMPLAINT_SPECIAL_CASE").get("rows")
                .findValuesAsText("clientName")).containsExactly("客户H3");
        assertThat(get("/api/ledger?station=" + V + "&category=PREGNANT").get("rows")).isEmpty();
        assertThat(get("/api/ledger?station=" + V).get("rows")).hasSize(4);
        // The total counts the category's rows too, not every matter of the station.
        assertThat(get("/api/ledger?station=" + V + "&category=ELDERLY").get("totalRows").asLong()).isEqualTo(2);
        assertThat(get("/api/ledger?station=" + V + "&category=PREGNANT").get("totalRows").asLong()).isZero();
        assertThat(get("/api/ledger?station=" + V).get("totalRows").asLong()).isEqualTo(4);
    }

    @Test
    @DisplayName("002 服务对象 and 003 附件3 六5: the dashboard counts intake by category and home visits, late ones apart")
    void dashboardCountsByCategoryAndLateVisits() throws Exception {
        JsonNode d = get("/api/stations/" + V + "/dashboard?rollUp=false&" + PERIOD);
        assertThat(d.get("intakeByClientCategory").get("ELDERLY").asLong()).isEqualTo(2);
        assertThat(d.get("intakeByClientCategory").get("DISABLED").asLong()).isEqualTo(1);
        assertThat(d.get("intakeByClientCategory").get("MILITARY").asLong()).isEqualTo(1);
        assertThat(d.get("intakeByClientCategory").get("COMPLAINT_SPECIAL_CASE").asLong()).isEqualTo(1);
        assertThat(d.get("intakeByClientCategory").has("PREGNANT")).isFalse();
        assertThat(d.get("homeVisits").asLong()).isEqualTo(2);
        assertThat(d.get("lateHomeVisits").asLong()).isEqualTo(1);
        assertThat(d.get("lateHomeVisitFlags").findValuesAsText("delegationId")).containsExactly(id("H1").value());
        assertThat(d.get("atRisk").findValuesAsText("delegationId")).doesNotContain(id("H1").value());
        // Rolled up from the county: the same counts.
        JsonNode county = get("/api/stations/" + C + "/dashboard?rollUp=true&" + PERIOD);
        assertThat(county.get("lateHomeVisits").asLong()).isEqualTo(1);
        assertThat(county.get("intakeByClientCategory").get("ELDERLY").asLong()).isEqualTo(2);
    }

    @Test
    @DisplayName("003 附件3 六5: a late home visit is a supervision flag and shows on the matter, without the address")
    void lateVisitIsFlaggedForSupervisionAndTheAddressStaysOut() throws Exception {
        JsonNode flags = get("/api/supervision/flags?station=" + C).get("flags");
        assertThat(flags.findValuesAsText("delegationId")).containsExactly(id("H1").value());
        assertThat(flags.get(0).get("reason").asText()).isEqualTo("上门服务未按约定时间到达");
        JsonNode detail = get("/api/delegations/" + id("H1").value());
        assertThat(detail.toString()).contains("\"late\":true").contains("\"minutesLate\":40").doesNotContain(ADDRESS);
        assertThat(get("/api/delegations/" + id("H2").value()).toString()).contains("\"late\":false")
                .doesNotContain(ADDRESS);
        String rows = jdbc.queryForList("select d.*, s.summary from delegation_view d join delegation_step s "
                + "using (delegation_id) where d.station_code = ?", V).toString();
        assertThat(rows).doesNotContain(ADDRESS);
    }

    @Test
    @DisplayName("002 服务对象 and 003 附件3 六5: the quarterly assessment counts volume by category and home visits")
    void quarterlyAssessmentCountsByCategoryAndVisits() throws Exception {
        JsonNode rows = get("/api/assessments/quarterly?station=" + C + "&year=2026&quarter=4").get("rows");
        JsonNode village = null;
        for (JsonNode row : rows) {
            if (row.get("key").asText().equals(V)) {
                village = row;
            }
        }
        assertThat(village).isNotNull();
        assertThat(village.get("volume").asLong()).isEqualTo(4);
        assertThat(village.get("homeVisits").asLong()).isEqualTo(2);
        assertThat(village.get("lateHomeVisits").asLong()).isEqualTo(1);
        assertThat(village.get("volumeByClientCategory").get("ELDERLY").asLong()).isEqualTo(2);
        assertThat(village.get("volumeByClientCategory").get("MILITARY").asLong()).isEqualTo(1);
    }

    @Test
    @DisplayName("002 服务对象: the client-category list is reference data every signed-in user reads")
    void clientCategoryListIsReadable() throws Exception {
        JsonNode categories = get("/api/client-categories").get("categories");
        assertThat(categories.findValuesAsText("code")).contains("VETERAN");
        assertThat(categories.findValuesAsText("groupLabel")).contains("绿色通道群体");
    }
}
