package cn.daiban.query.access;

import cn.daiban.kernel.agent.AgentBackground;
import cn.daiban.kernel.agent.AgentId;
import cn.daiban.kernel.agent.AgentRegisteredEvent;
import cn.daiban.kernel.agent.AgentRole;
import cn.daiban.kernel.catalogue.ServiceItemCode;
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
import cn.daiban.query.support.ProjectionsAtHead;
import cn.daiban.query.support.TestEvents;
import cn.daiban.security.EmbeddedTokens;
import cn.daiban.security.Role;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The read side's access matrix: every endpoint × role × own / other station, answered 401, 403 or served as
 * designed. County A holds township TA with villages V1 and V2; county B holds village W1. The readers: an agent and
 * a manager of V1, a supervisor of county A, an administrator, and nobody (no token). "Own" is V1 (or what belongs
 * to it); "other" is V2 for the village staff (a neighbouring village) and W1 (another county) for the rest.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReadAccessIT extends PostgresIntegrationTest {

    static final String A = "148800000", TA = "148800001", V1 = "14880000101", V2 = "14880000102";
    static final String B = "148900000", W1 = "14890000101";
    static final DelegationId D_V1 = DelegationId.create(), D_V2 = DelegationId.create(), D_W1 = DelegationId.create();
    static final AgentId AG_V1 = AgentId.create(), AG_V2 = AgentId.create(), AG_W1 = AgentId.create();

    enum Reader { NOBODY, AGENT_V1, MANAGER_V1, SUPERVISOR_A, ADMINISTRATOR }

    /** PUBLIC: everyone, with or without a token (the public face, `000 §4.4`). OPEN: any signed-in user. STATION: within jurisdiction. SUPERVISION: supervisors and administrators within
     *  jurisdiction. SUPERVISION_WIDE: supervisors and administrators. ADMIN: administrators. PERSONAL: a client's
     *  full record, for the staff of its station and administrators only (not supervisors). */
    enum Rule { PUBLIC, OPEN, STATION, PERSONAL, SUPERVISION, SUPERVISION_WIDE, ADMIN }

    /** @param servedNotFound a 404 is the endpoint's served answer here (e.g. no rebuild has run) */
    record Endpoint(Rule rule, String template, boolean servedNotFound) {
        Endpoint(Rule rule, String template) {
            this(rule, template, false);
        }

        String url(String station, String delegation, String agent) {
            return template.replace("{s}", station).replace("{d}", delegation).replace("{a}", agent);
        }
    }

    static final String AT = "at=2026-12-31T15:59:00Z";
    static final List<Endpoint> ENDPOINTS = List.of(
            new Endpoint(Rule.PUBLIC, "/api/public/stations"),
            new Endpoint(Rule.PUBLIC, "/api/public/stations/{s}"),
            new Endpoint(Rule.PUBLIC, "/api/public/stations/{s}/satisfaction?period=2026-Q4"),
            new Endpoint(Rule.OPEN, "/api/stations"),
            new Endpoint(Rule.OPEN, "/api/stations/{s}"),
            new Endpoint(Rule.OPEN, "/api/catalogue/items"),
            new Endpoint(Rule.OPEN, "/api/client-categories"),
            new Endpoint(Rule.OPEN, "/api/calendar/years"),
            new Endpoint(Rule.STATION, "/api/stations/{s}/applications"),
            new Endpoint(Rule.STATION, "/api/stations/{s}/agents"),
            new Endpoint(Rule.STATION, "/api/stations/{s}/dashboard"),
            new Endpoint(Rule.STATION, "/api/stations/{s}/satisfaction-summary?period=2026-Q4"),
            new Endpoint(Rule.STATION, "/api/stations/{s}/statistics-submissions?period=2026-Q4"),
            new Endpoint(Rule.STATION, "/api/stations/{s}/appointments?date=2026-12-01"),
            new Endpoint(Rule.STATION, "/api/live/stations/{s}"),
            new Endpoint(Rule.STATION, "/api/ledger?station={s}"),
            new Endpoint(Rule.STATION, "/api/ledger.csv?station={s}"),
            new Endpoint(Rule.STATION, "/api/ledger.xlsx?station={s}"),
            new Endpoint(Rule.STATION, "/api/registers/proxy?station={s}"),
            new Endpoint(Rule.STATION, "/api/registers/assist.csv?station={s}"),
            new Endpoint(Rule.STATION, "/api/registers/proxy.xlsx?station={s}"),
            new Endpoint(Rule.STATION, "/api/consultations?station={s}"),
            new Endpoint(Rule.STATION, "/api/consultations.csv?station={s}"),
            new Endpoint(Rule.STATION, "/api/consultations.xlsx?station={s}"),
            new Endpoint(Rule.STATION, "/api/complaints?station={s}"),
            new Endpoint(Rule.STATION, "/api/satisfaction?station={s}"),
            new Endpoint(Rule.STATION, "/api/satisfaction/poor-grades?station={s}"),
            new Endpoint(Rule.STATION, "/api/supervision/flags?station={s}"),
            new Endpoint(Rule.STATION, "/api/supervision/backdated-steps?station={s}"),
            new Endpoint(Rule.STATION, "/api/supervision/one-time-notice-breaches?station={s}"),
            new Endpoint(Rule.STATION, "/api/supervision/rectifications?station={s}"),
            new Endpoint(Rule.STATION, "/api/supervision/ledger-completeness?station={s}"),
            new Endpoint(Rule.STATION, "/api/supervision/openness?station={s}"),
            new Endpoint(Rule.STATION, "/api/supervision/demand?station={s}"),
            new Endpoint(Rule.STATION, "/api/delegations/{d}"),
            new Endpoint(Rule.STATION, "/api/notifications/{d}"),
            new Endpoint(Rule.STATION, "/api/agents/{a}"),
            new Endpoint(Rule.SUPERVISION, "/api/audit/streams/{d}"),
            new Endpoint(Rule.SUPERVISION, "/api/audit/stations/{s}"),
            new Endpoint(Rule.SUPERVISION, "/api/audit/actors/agent-1?station={s}"),
            new Endpoint(Rule.SUPERVISION, "/api/audit/verification?aggregateId={d}"),
            new Endpoint(Rule.SUPERVISION, "/api/assessments/quarterly?station={s}&year=2026&quarter=4"),
            new Endpoint(Rule.SUPERVISION, "/api/assessments/quarterly.xlsx?station={s}&year=2026&quarter=4"),
            new Endpoint(Rule.SUPERVISION, "/api/as-of/ledger?station={s}&" + AT),
            new Endpoint(Rule.SUPERVISION, "/api/as-of/stations/{s}/dashboard?" + AT),
            new Endpoint(Rule.SUPERVISION, "/api/as-of/satisfaction?station={s}&from=2026-10-01&to=2026-12-31&" + AT),
            new Endpoint(Rule.PERSONAL, "/api/personal-data/{d}"),
            new Endpoint(Rule.SUPERVISION, "/api/audit/personal-data-access?station={s}"),
            new Endpoint(Rule.SUPERVISION_WIDE, "/api/audit/verification"),
            new Endpoint(Rule.SUPERVISION_WIDE, "/api/audit/digest"),
            new Endpoint(Rule.ADMIN, "/api/admin/rebuilds"),
            new Endpoint(Rule.ADMIN, "/api/admin/rebuilds/delegations", true),
            new Endpoint(Rule.ADMIN, "/api/admin/dead-letters"),
            new Endpoint(Rule.ADMIN, "/api/admin/dead-letters/delegations"),
            new Endpoint(Rule.ADMIN, "/api/admin/dead-letters/delegations/evictions"));

    @Autowired
    EventStore eventStore;
    @Autowired
    EmbeddedTokens tokens;
    @Autowired
    JdbcTemplate jdbc;
    @LocalServerPort
    int port;

    final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    void append(String type, String id, long sequence, Object payload) {
        eventStore.publish(new GenericDomainEventMessage<>(type, id, sequence, payload,
                Map.of(MetadataKeys.ACTOR_ID, "agent-1", MetadataKeys.STATION_CODE, id.length() < 20 ? id : V1)));
    }

    void station(String code, StationLevel level, String parent) {
        append("Station", code, 0, new StationOpeningRequestedEvent(StationCode.of(code), "站" + code, level,
                parent == null ? null : StationCode.of(parent), null, RegionCode.of("148800"), "地址",
                new StationManager("张伟", PhoneNumber.of("13812345678")), PhoneNumber.of("0356-7022345"), List.of(),
                Set.of("RS-001")));
        append("Station", code, 1, new StationOpeningApprovedEvent(StationCode.of(code), null, null));
    }

    void delegation(DelegationId id, String station) {
        append("Delegation", id.value(), 0, TestEvents.commissioned(id, DelegationKind.ASSIST, StationCode.of(station),
                null, LocalDate.of(2026, 11, 24), LocalDate.of(2026, 12, 1)));
    }

    void agent(AgentId id, String station) {
        append("Agent", id.value(), 0, new AgentRegisteredEvent(id, StationCode.of(station), "赵红",
                PhoneNumber.of("13700001111"), AgentBackground.PARTY_MEMBER, AgentRole.AGENT, LocalDate.of(2024, 1, 1)));
    }

    @BeforeAll
    void hierarchy() {
        station(A, StationLevel.COUNTY_CENTRE, null);
        station(TA, StationLevel.TOWNSHIP_CENTRE, A);
        station(V1, StationLevel.VILLAGE_STATION, TA);
        station(V2, StationLevel.VILLAGE_STATION, TA);
        station(B, StationLevel.COUNTY_CENTRE, null);
        station(W1, StationLevel.VILLAGE_STATION, B);
        delegation(D_V1, V1);
        delegation(D_V2, V2);
        delegation(D_W1, W1);
        agent(AG_V1, V1);
        agent(AG_V2, V2);
        agent(AG_W1, W1);
        await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.queryForObject("""
                select (select count(*) from station_directory where station_code in (?, ?, ?, ?, ?, ?))
                     + (select count(*) from delegation_view where delegation_id in (?, ?, ?))
                     + (select count(*) from agent where agent_id in (?, ?, ?))""", Integer.class,
                A, TA, V1, V2, B, W1, D_V1.value(), D_V2.value(), D_W1.value(), AG_V1.value(), AG_V2.value(),
                AG_W1.value()) == 12);
        // A station's row comes with its application, before its approval (the public face reads open ones only).
        ProjectionsAtHead.await(jdbc, "stations", "delegations", "agents");
    }

    static Stream<Arguments> matrix() {
        List<Arguments> cases = new ArrayList<>();
        for (Endpoint endpoint : ENDPOINTS) {
            for (Reader reader : Reader.values()) {
                for (boolean own : new boolean[]{true, false}) {
                    if (!own && !endpoint.template().contains("{")) {
                        continue;
                    }
                    cases.add(Arguments.of(endpoint.template(), reader, own ? "own" : "other", endpoint));
                }
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} as {1} ({2})")
    @MethodSource("matrix")
    void everyEndpointAnswersEveryReaderAsDesigned(String template, Reader reader, String scope, Endpoint endpoint)
            throws Exception {
        boolean own = scope.equals("own");
        boolean villageStaff = reader == Reader.AGENT_V1 || reader == Reader.MANAGER_V1;
        String url = own ? endpoint.url(V1, D_V1.value(), AG_V1.value())
                : villageStaff ? endpoint.url(V2, D_V2.value(), AG_V2.value())
                : endpoint.url(W1, D_W1.value(), AG_W1.value());
        int expected = expected(endpoint.rule(), reader, own);
        int status = status(url, reader);
        if (expected == 200 && endpoint.servedNotFound()) {
            assertThat(status).as("%s as %s", url, reader).isIn(200, 404);
        } else if (expected == 200) {
            assertThat(status).as("%s as %s", url, reader).isBetween(200, 299);
        } else {
            assertThat(status).as("%s as %s", url, reader).isEqualTo(expected);
        }
    }

    static int expected(Rule rule, Reader reader, boolean own) {
        if (rule == Rule.PUBLIC) {
            return 200;
        }
        if (reader == Reader.NOBODY) {
            return 401;
        }
        boolean admin = reader == Reader.ADMINISTRATOR;
        boolean supervisor = reader == Reader.SUPERVISOR_A;
        boolean allowed = switch (rule) {
            case PUBLIC, OPEN -> true;
            case STATION -> admin || own;
            case PERSONAL -> admin || own && (reader == Reader.AGENT_V1 || reader == Reader.MANAGER_V1);
            case SUPERVISION -> admin || supervisor && own;
            case SUPERVISION_WIDE -> admin || supervisor;
            case ADMIN -> admin;
        };
        return allowed ? 200 : 403;
    }

    String token(Reader reader) {
        return switch (reader) {
            case NOBODY -> null;
            case AGENT_V1 -> tokens.issue("agent-v1", Role.AGENT, V1);
            case MANAGER_V1 -> tokens.issue("manager-v1", Role.STATION_MANAGER, V1);
            case SUPERVISOR_A -> tokens.issue("supervisor-a", Role.SUPERVISOR, A);
            case ADMINISTRATOR -> tokens.issue("admin", Role.ADMINISTRATOR, null);
        };
    }

    int status(String path, Reader reader) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .timeout(Duration.ofSeconds(20));
        String token = token(reader);
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        // Streams (live updates, exports) answer their status first: read the status, then hang up.
        HttpResponse<InputStream> response = client.sendAsync(request.build(), HttpResponse.BodyHandlers.ofInputStream())
                .get(20, TimeUnit.SECONDS);
        response.body().close();
        return response.statusCode();
    }

    int post(String path, Reader reader, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        String token = token(reader);
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    @org.junit.jupiter.api.Test
    void onlyAnAdministratorStartsARebuildAndOnlySupervisionChecksADigest() throws Exception {
        for (Reader reader : List.of(Reader.AGENT_V1, Reader.MANAGER_V1, Reader.SUPERVISOR_A)) {
            assertThat(post("/api/admin/rebuilds/no-such-group", reader, "{}")).as(reader.name()).isEqualTo(403);
        }
        assertThat(post("/api/admin/rebuilds/no-such-group", Reader.NOBODY, "{}")).isEqualTo(401);
        assertThat(post("/api/admin/rebuilds/no-such-group", Reader.ADMINISTRATOR, "{}")).isEqualTo(404);
        // Retrying and evicting parked events: administrators only (404: nothing of that sequence is parked).
        for (String path : List.of("/api/admin/dead-letters/delegations/{d}/retry",
                "/api/admin/dead-letters/delegations/retry", "/api/admin/dead-letters/delegations/{d}/eviction")) {
            String url = path.replace("{d}", "no-such-delegation");
            String body = "{\"reason\":\"test\"}";
            for (Reader reader : List.of(Reader.AGENT_V1, Reader.MANAGER_V1, Reader.SUPERVISOR_A)) {
                assertThat(post(url, reader, body)).as(reader.name() + " " + path).isEqualTo(403);
            }
            assertThat(post(url, Reader.NOBODY, body)).as(path).isEqualTo(401);
            assertThat(post(url, Reader.ADMINISTRATOR, body)).as(path).isIn(200, 404);
        }
        assertThat(post("/api/audit/digest/check", Reader.AGENT_V1, "{}")).isEqualTo(403);
        assertThat(post("/api/audit/digest/check", Reader.MANAGER_V1, "{}")).isEqualTo(403);
        assertThat(post("/api/audit/digest/check", Reader.SUPERVISOR_A, "{}")).isNotIn(401, 403);
    }
}
