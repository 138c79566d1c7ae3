package cn.daiban.query.delegation;

import cn.daiban.kernel.agent.AgentBackground;
import cn.daiban.kernel.agent.AgentId;
import cn.daiban.kernel.agent.AgentRegisteredEvent;
import cn.daiban.kernel.agent.AgentRole;
import cn.daiban.kernel.calendar.ServiceClock;
import cn.daiban.kernel.catalogue.ServiceItemCode;
import cn.daiban.kernel.common.MetadataKeys;
import cn.daiban.kernel.common.PhoneNumber;
import cn.daiban.kernel.common.RegionCode;
import cn.daiban.kernel.common.ResidentId;
import cn.daiban.kernel.delegation.*;
import cn.daiban.kernel.station.*;
import cn.daiban.query.support.KeptPlans;
import cn.daiban.query.support.PostgresIntegrationTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import javax.sql.DataSource;
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

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The work ledger's 受理人员 and the detail's first receiver and handler, by name (`003 三(五)`); an ended matter's
 * handover and archive in the status and the archive counts (`002 帮办·办结`, `002 资料归档`). Its own stations, so the
 * hand-counted figures of {@code DelegationViewsIT} stay as they are.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReceiverAndArchiveViewsIT extends PostgresIntegrationTest {

    static final ZoneId SHANGHAI = ZoneId.of(ServiceClock.DEFAULT_ZONE);
    static final String C = "149800000";
    static final String V = "149800000101";
    static final Client CLIENT = new Client(ClientKind.CITIZEN, "王秀英", ResidentId.of("11010519491231002X"), null,
            PhoneNumber.of("13912345678"), null);

    @Autowired
    EventStore eventStore;
    @Autowired
    TestRestTemplate http;
    @Autowired
    ObjectMapper json;
    @Autowired
    JdbcTemplate jdbc;

    @BeforeAll
    void stations() {
        station(C, StationLevel.COUNTY_CENTRE, null);
        station(V, StationLevel.VILLAGE_STATION, C);
    }

    final Map<String, Long> sequences = new HashMap<>();

    static Instant at(String day, int hour) {
        return LocalDate.parse(day).atTime(hour, 0).atZone(SHANGHAI).toInstant();
    }

    void append(String type, String aggregateId, Object payload, Instant at) {
        long sequence = sequences.merge(aggregateId, 1L, Long::sum) - 1;
        eventStore.publish(new GenericDomainEventMessage<>(type, aggregateId, sequence, payload,
                Map.of(MetadataKeys.ACTOR_ID, "clerk", MetadataKeys.STATION_CODE, V), UUID.randomUUID().toString(), at));
    }

    void station(String code, StationLevel level, String parent) {
        StationManager manager = new StationManager("张伟", PhoneNumber.of("13812345678"));
        append("Station", code, new StationOpeningRequestedEvent(StationCode.of(code), "站" + code, level,
                parent == null ? null : StationCode.of(parent), null, RegionCode.of("149800"), "地址", manager,
                PhoneNumber.of("0356-7022345"), List.of(), Set.of()), at("2026-10-01", 9));
        append("Station", code, new StationOpeningApprovedEvent(StationCode.of(code), null, null), at("2026-10-01", 10));
    }

    AgentId agent(String name) {
        AgentId id = AgentId.of(UUID.randomUUID().toString());
        append("Agent", id.value(), new AgentRegisteredEvent(id, StationCode.of(V), name, PhoneNumber.of("13700001111"),
                AgentBackground.PARTY_MEMBER, AgentRole.AGENT, LocalDate.of(2024, 1, 1)), at("2026-10-02", 9));
        return id;
    }

    DelegationCommissionedEvent commissioned(DelegationId id, AgentId agent, String agentName) {
        return commissioned(id, agent, agentName, V);
    }

    DelegationCommissionedEvent commissioned(DelegationId id, AgentId agent, String agentName, String station) {
        DelegationCommissionedEvent old = new DelegationCommissionedEvent(id, DelegationKind.ASSIST, ServiceMode.ON_SITE,
                StationCode.of(station), "W1", agent, ServiceItemCode.of("RS-001"), 1, "城乡居民养老保险参保登记", "人社",
                Set.of(StationLevel.VILLAGE_STATION), List.of(), CLIENT, null, null, List.of(), List.of(), null, true,
                List.of(), "0356-7022345", false, false, LocalDate.of(2026, 11, 2), 5, LocalDate.of(2026, 11, 9), null,
                null);
        return agentName == null ? old : new DelegationCommissionedEvent(old.delegationId(), old.kind(), old.mode(),
                old.stationCode(), old.window(), old.agentId(), old.itemCode(), old.itemRevision(), old.itemName(),
                old.department(), old.authorityLevels(), old.statutoryFees(), old.client(), null, null, List.of(),
                List.of(), null, true, List.of(), old.supervisionPhone(), false, false, old.commissionedOn(),
                old.promisedWorkingDays(), old.deadline(), null, null, null, null, agentName, null, at("2026-11-02", 8), null, null, null);
    }

    JsonNode get(String path) throws Exception {
        ResponseEntity<String> response = http.getForEntity(path, String.class);
        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(HttpStatus.OK);
        return json.readTree(response.getBody());
    }

    JsonNode ledgerRow(String delegation) throws Exception {
        for (JsonNode row : get("/api/ledger?station=" + V + "&size=200").get("rows")) {
            if (row.get("delegationId").asText().equals(delegation)) {
                return row;
            }
        }
        return null;
    }

    /**
     * 003 三(五) 首先接收的帮办代办员作为第一责任人: after a reassignment the ledger's 受理人员 is still the first receiver,
     * by name, and the detail names both; an event written before names were recorded takes the agent view's name.
     */
    @Test
    void firstReceiverStaysTheLedgersReceiverByName_003_3_5() throws Exception {
        AgentId zhao = agent("赵红");
        AgentId sun = agent("孙明");
        // The fallback for events without names reads the agent view: let it hold both agents first (the two
        // projections are separate processing groups).
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject(
                "select count(*) from agent where agent_id in (?, ?)", Integer.class, zhao.value(), sun.value()) == 2);
        DelegationId named = DelegationId.create();
        append("Delegation", named.value(), commissioned(named, zhao, "赵红"), at("2026-11-02", 9));
        append("Delegation", named.value(), new AgentReassignedEvent(named, zhao, sun, "病假", "孙明"),
                at("2026-11-03", 9));
        DelegationId older = DelegationId.create();
        append("Delegation", older.value(), commissioned(older, zhao, null), at("2026-11-02", 10));
        append("Delegation", older.value(), new AgentReassignedEvent(older, zhao, sun, "病假"), at("2026-11-03", 10));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            for (DelegationId id : List.of(named, older)) {
                JsonNode row = ledgerRow(id.value());
                assertThat(row).as(id.value()).isNotNull();
                assertThat(row.get("receiver").asText()).isEqualTo("赵红");
                assertThat(row.get("receiverId").asText()).isEqualTo(zhao.value());
                assertThat(row.get("agentId").asText()).isEqualTo(sun.value());
                JsonNode detail = get("/api/delegations/" + id.value());
                assertThat(detail.get("firstReceiver").asText()).isEqualTo("赵红");
                assertThat(detail.get("handler").asText()).isEqualTo("孙明");
            }
        });
    }

    /**
     * 002 帮办·办结 (因其他原因终止 … 移交全部资料 … 签字确认) and 002 资料归档: a withdrawn matter awaits its archive as
     * TERMINATED, shows the signed handover, and once archived counts as archived and no longer awaits.
     */
    @Test
    void endedMatterIsHandedBackAndArchived_002_banjie_ziliaoguidang() throws Exception {
        AgentId zhao = agent("赵红");
        DelegationId id = DelegationId.create();
        append("Delegation", id.value(), commissioned(id, zhao, "赵红"), at("2026-11-02", 9));
        append("Delegation", id.value(), new DelegationTerminatedEvent(id, TerminationReason.CLIENT_WITHDREW, "不办了",
                LocalDate.of(2026, 11, 4)), at("2026-11-04", 9));
        String dashboard = "/api/stations/" + V + "/dashboard?rollUp=false&from=2026-11-01&to=2026-11-30&today=2026-11-24";
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(get("/api/delegations/" + id.value()).get("status").asText()).isEqualTo("TERMINATED");
            assertThat(get(dashboard).get("awaitingArchive").get("TERMINATED").asLong()).isEqualTo(1);
        });
        long archivedBefore = get(dashboard).get("archived").asLong();

        append("Delegation", id.value(), new MaterialsHandedBackEvent(id, List.of("户口簿原件"), true, "当面清点",
                LocalDate.of(2026, 11, 5)), at("2026-11-05", 9));
        append("Delegation", id.value(), new DelegationArchivedEvent(id, "DA-1", List.of("终止单", "资料移交单"),
                LocalDate.of(2026, 11, 5)), at("2026-11-05", 10));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode detail = get("/api/delegations/" + id.value());
            assertThat(detail.get("status").asText()).isEqualTo("ARCHIVED");
            assertThat(detail.get("details").get("handback").get("materials").get(0).asText()).isEqualTo("户口簿原件");
            assertThat(detail.get("details").get("handback").get("signedByClient").asBoolean()).isTrue();
            JsonNode figures = get(dashboard);
            assertThat(figures.get("awaitingArchive").get("TERMINATED").asLong()).isZero();
            assertThat(figures.get("archived").asLong()).isEqualTo(archivedBefore + 1);
        });
    }

    /**
     * A commissioning's row is one insert PostgreSQL plans once per connection. With the agent's name fallback in it
     * ({@code coalesce(?, (select …))}), each plan for the name given dropped the fallback and so looked cheaper than
     * a kept one: the insert was planned afresh at every commissioning. Run here on one session of its own, at a
     * station of its own (its rows and figures touch nothing the other tests count).
     */
    @Test
    void theCommissioningInsertKeepsItsPlan(@Autowired DataSource dataSource,
                                           @Autowired ServiceClock clock) throws Exception {
        try (KeptPlans session = new KeptPlans(dataSource)) {
            DelegationProjection projection = new DelegationProjection(session.jdbc(), json, clock, 100, 100, 1_000);
            AgentId agent = AgentId.of(UUID.randomUUID().toString());
            // The driver prepares it on the server at its fifth use; PostgreSQL plans the first five executions there
            // for their values, then keeps a generic plan unless those looked cheaper.
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                DelegationId id = DelegationId.create();
                ids.add(id.value());
                projection.on(commissioned(id, agent, "赵红", "149800000199"), new GenericDomainEventMessage<>(
                        "Delegation", id.value(), 0, commissioned(id, agent, "赵红", "149800000199"),
                        Map.of(MetadataKeys.ACTOR_ID, "clerk"), UUID.randomUUID().toString(), at("2026-11-02", 10)));
            }
            KeptPlans.Plans plans = session.of("insert into delegation_view (delegation_id, kind, mode,");
            assertThat(plans.generic()).as("%s", plans).isGreaterThanOrEqualTo(10);
            assertThat(session.jdbc().queryForObject("select count(*) from delegation_view where delegation_id = any(?)"
                    + " and handler_name = '赵红'", Integer.class, (Object) ids.toArray(String[]::new))).isEqualTo(30);
        }
    }
}
