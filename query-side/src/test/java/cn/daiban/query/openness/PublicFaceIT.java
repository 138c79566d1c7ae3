package cn.daiban.query.openness;

import cn.daiban.kernel.agent.AgentBackground;
import cn.daiban.kernel.agent.AgentDeactivatedEvent;
import cn.daiban.kernel.agent.AgentId;
import cn.daiban.kernel.agent.AgentRegisteredEvent;
import cn.daiban.kernel.agent.AgentRole;
import cn.daiban.kernel.appointment.BookingSchedulePublishedEvent;
import cn.daiban.kernel.appointment.SlotWindow;
import cn.daiban.kernel.catalogue.RequiredMaterial;
import cn.daiban.kernel.catalogue.ServiceItemCode;
import cn.daiban.kernel.catalogue.ServiceItemDefinition;
import cn.daiban.kernel.catalogue.ServiceItemPublishedEvent;
import cn.daiban.kernel.catalogue.StatutoryFee;
import cn.daiban.kernel.common.MetadataKeys;
import cn.daiban.kernel.common.PhoneNumber;
import cn.daiban.kernel.common.RegionCode;
import cn.daiban.kernel.common.ResidentId;
import cn.daiban.kernel.delegation.*;
import cn.daiban.kernel.station.StationCode;
import cn.daiban.kernel.station.StationLevel;
import cn.daiban.kernel.station.StationManager;
import cn.daiban.kernel.station.StationOpeningApprovedEvent;
import cn.daiban.kernel.station.StationOpeningRequestedEvent;
import cn.daiban.query.support.PostgresIntegrationTest;
import cn.daiban.query.support.ProjectionsAtHead;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The public face (公开原则, `000 §4.4`: 代（帮）办事项、办事流程、完成时限、红色代办员等信息向办事群众公开; `004 §6.2.2`
 * 服务事项信息公开透明度 100 %; satisfaction published, `000 §8.1.3`): read without a token, only open stations, and no
 * client data nor any agent's phone or ID reachable through any of its endpoints. Its own context (a small rate
 * limit), so that exhausting the limit here touches no other test class.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
// A Spring context of its own (its own properties or beans): closed after the class, so its live processors do
// not stay on as a second query node that takes segments from the other tests' context.
@org.springframework.test.annotation.DirtiesContext
@TestPropertySource(properties = {"daiban.public.rate-limit.requests=60", "daiban.public.rate-limit.period=1h",
        "daiban.public.cache-max-age=120s"})
class PublicFaceIT extends PostgresIntegrationTest {

    static final String OPEN = "147700000", PENDING = "147700001";
    static final String ITEM = "PF-001";
    // What must never be reachable: a client's name, resident ID, phone, comment; an agent's phone and ID.
    static final String CLIENT_NAME = "欧阳秘密客户", CLIENT_ID = "11010519491231002X", CLIENT_PHONE = "13655554444",
            CLIENT_COMMENT = "评语只给站里看", AGENT_PHONE = "13711112222", LEAD_PHONE = "13711113333",
            GONE_PHONE = "13711114444";
    static final AgentId AGENT = AgentId.create(), LEAD = AgentId.create(), GONE = AgentId.create();
    static final DelegationId MATTER = DelegationId.create();

    @Autowired
    EventStore eventStore;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    ObjectMapper json;
    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;
    @LocalServerPort
    int port;

    final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    void append(String type, String id, long sequence, Object payload) {
        eventStore.publish(new GenericDomainEventMessage<>(type, id, sequence, payload,
                Map.of(MetadataKeys.ACTOR_ID, "agent-1", MetadataKeys.STATION_CODE, OPEN)));
    }

    @BeforeAll
    void seed() {
        ServiceItemDefinition item = new ServiceItemDefinition("测试事项公开", "人社", Set.of(StationLevel.COUNTY_CENTRE),
                List.of(new RequiredMaterial("身份证", "本人携带", true), new RequiredMaterial("户口簿", "派出所", false)),
                3, List.of(new StatutoryFee("工本费", 1000, "《测试收费办法》第三条", "县财政")), false, true,
                "本县户籍居民", List.of("提交材料", "窗口审核", "领取结果"), "《测试条例》第十二条");
        append("ServiceItem", ITEM, 0, new ServiceItemPublishedEvent(ServiceItemCode.of(ITEM), 1, item, false));
        append("Station", OPEN, 0, new StationOpeningRequestedEvent(StationCode.of(OPEN), "公开测试中心",
                StationLevel.COUNTY_CENTRE, null, null, RegionCode.of("147700"), "测试县公开路1号",
                new StationManager("管站长", PhoneNumber.of("0356-7020001")), PhoneNumber.of("0356-7029999"), List.of(),
                Set.of(ITEM)));
        append("Station", OPEN, 1, new StationOpeningApprovedEvent(StationCode.of(OPEN), null, null));
        append("Station", OPEN, 2, new BookingSchedulePublishedEvent(StationCode.of(OPEN), List.of(
                new SlotWindow(LocalTime.of(14, 0), LocalTime.of(17, 30), 30, 2, false),
                new SlotWindow(LocalTime.of(9, 0), LocalTime.of(12, 0), 30, 2, false)), true));
        append("Station", PENDING, 0, new StationOpeningRequestedEvent(StationCode.of(PENDING), "尚未开放的中心",
                StationLevel.TOWNSHIP_CENTRE, StationCode.of(OPEN), null, RegionCode.of("147700"), "地址",
                new StationManager("未开", PhoneNumber.of("0356-7020002")), PhoneNumber.of("0356-7029998"), List.of(),
                Set.of(ITEM)));
        append("Agent", AGENT.value(), 0, new AgentRegisteredEvent(AGENT, StationCode.of(OPEN), "赵公开",
                PhoneNumber.of(AGENT_PHONE), AgentBackground.PARTY_MEMBER, AgentRole.AGENT, LocalDate.of(2024, 1, 1)));
        append("Agent", LEAD.value(), 0, new AgentRegisteredEvent(LEAD, StationCode.of(OPEN), "钱队长",
                PhoneNumber.of(LEAD_PHONE), AgentBackground.VILLAGE_CADRE, AgentRole.ZONE_LEAD, LocalDate.of(2023, 1, 1)));
        append("Agent", GONE.value(), 0, new AgentRegisteredEvent(GONE, StationCode.of(OPEN), "孙离岗",
                PhoneNumber.of(GONE_PHONE), AgentBackground.OTHER, AgentRole.AGENT, LocalDate.of(2023, 1, 1)));
        append("Agent", GONE.value(), 1, new AgentDeactivatedEvent(GONE, "调离"));
        LocalDate nov = LocalDate.of(2026, 11, 2);
        // As TestEvents.commissioned builds it, with this test's item, agent and distinctive client.
        append("Delegation", MATTER.value(), 0, new DelegationCommissionedEvent(MATTER, DelegationKind.ASSIST,
                ServiceMode.ON_SITE, StationCode.of(OPEN), null, AGENT, ServiceItemCode.of(ITEM), 1, "测试事项公开", "人社",
                Set.of(StationLevel.COUNTY_CENTRE), List.of(), new Client(ClientKind.CITIZEN, CLIENT_NAME,
                ResidentId.of(CLIENT_ID), null, PhoneNumber.of(CLIENT_PHONE), null), null, null, List.of(), List.of(),
                null, true, List.of(), "0356-7029999", false, false, nov, 3, nov.plusDays(7), null, null));
        append("Delegation", MATTER.value(), 1, new DelegationCompletedEvent(MATTER, true, "证号 1", null,
                nov.plusDays(2), nov.plusDays(7), true, 2));
        append("Delegation", MATTER.value(), 2, new ResultDeliveredEvent(MATTER, DeliveryMethod.IN_PERSON, null,
                "签收", false, false, nov.plusDays(2), nov.plusDays(2)));
        append("Delegation", MATTER.value(), 3, new DelegationEvaluatedEvent(MATTER, 1, SatisfactionGrade.SATISFIED,
                SatisfactionGrade.SATISFIED, SatisfactionGrade.SATISFIED, SatisfactionGrade.SATISFIED,
                EvaluationChannel.DEVICE, CLIENT_COMMENT, nov.plusDays(3)));
        // Wait for the state the tests read, in every processing group and segment: the open station approved
        // (not only requested), the pending one, the hours, both active agents and the one who left (the agents are
        // three sequences, possibly in two segments), the item, and the matter's evaluation (its last event).
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject("""
                select (select count(*) from station_directory where station_code = ? and status = 'OPEN')
                     + (select count(*) from station_directory where station_code = ?)
                     + (select count(*) from public_station_hours where station_code = ?)
                     + (select count(*) from agent where station_code = ? and active)
                     + (select count(*) from agent where station_code = ? and not active)
                     + (select count(*) from service_item where code = ?)
                     + (select count(*) from evaluation_view where delegation_id = ?)""", Integer.class,
                OPEN, PENDING, OPEN, OPEN, OPEN, ITEM, MATTER.value()) == 8);
        // The sum is 8 before the one who left is marked so too (three agents, active or not): every event, then.
        ProjectionsAtHead.await(jdbc, "stations", "public-hours", "agents", "catalogue", "delegations");
    }

    HttpResponse<String> get(String path, Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .timeout(Duration.ofSeconds(20));
        headers.forEach(request::header);
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    JsonNode anonymous(String path) throws Exception {
        HttpResponse<String> response = get(path, Map.of());
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
        return json.readTree(response.body());
    }

    /** Every GET path of the public OpenAPI document, with {code} the open station. */
    List<String> documentedPaths() throws Exception {
        JsonNode doc = anonymous("/v3/api-docs/public");
        List<String> paths = new ArrayList<>();
        doc.get("paths").fieldNames().forEachRemaining(paths::add);
        return paths;
    }

    /** Openness (`000 §4.4`, `004 §6.2.2`): anonymous reads of an open station, its items, agents and figures. */
    @Test
    @Order(1)
    void openness_anonymousReadsShowOpenStationsWithTheirItemsAgentsAndFigures() throws Exception {
        JsonNode list = anonymous("/api/public/stations?region=1477");
        assertThat(list.get("stations")).hasSize(1);
        JsonNode station = list.get("stations").get(0);
        assertThat(station.get("code").asText()).isEqualTo(OPEN);
        assertThat(station.get("name").asText()).isEqualTo("公开测试中心");
        assertThat(station.get("level").asText()).isEqualTo("COUNTY_CENTRE");
        assertThat(station.get("address").asText()).isEqualTo("测试县公开路1号");
        assertThat(station.get("phone").asText()).isEqualTo("0356-7020001");
        assertThat(station.get("supervisionPhone").asText()).isEqualTo("0356-7029999");
        assertThat(station.get("hours").get(0).get("from").asText()).isEqualTo("09:00:00");
        assertThat(station.get("hours").get(1).get("to").asText()).isEqualTo("17:30:00");
        assertThat(station.get("homeVisits").asBoolean()).isTrue();

        JsonNode card = anonymous("/api/public/stations/" + OPEN);
        JsonNode item = card.get("items").get(0);
        assertThat(item.get("code").asText()).isEqualTo(ITEM);
        // 申请条件 (004 §6.3.5): what the openness rate counts as published is on the public face.
        assertThat(item.get("conditions").asText()).isEqualTo("本县户籍居民");
        assertThat(item.get("process").toString()).isEqualTo("[\"提交材料\",\"窗口审核\",\"领取结果\"]");
        assertThat(item.get("processPublished").asBoolean()).isTrue();
        assertThat(item.get("materials").get(1).get("name").asText()).isEqualTo("户口簿");
        assertThat(item.get("materials").get(1).get("essential").asBoolean()).isFalse();
        assertThat(item.get("timeLimitWorkingDays").asInt()).isEqualTo(3);
        assertThat(item.get("fees").get(0).get("amountFen").asLong()).isEqualTo(1000);
        assertThat(item.get("fees").get(0).get("legalBasis").asText()).isEqualTo("《测试收费办法》第三条");
        assertThat(item.get("legalBasis").asText()).isEqualTo("《测试条例》第十二条");
        assertThat(item.get("free").asBoolean()).isTrue();
        // Active agents only, by name and post; the one who left is not listed.
        assertThat(card.get("agents").toString()).contains("赵公开", "钱队长", "代办员", "队长（专区负责人）", "党员")
                .doesNotContain("孙离岗");
        for (JsonNode agent : card.get("agents")) {
            assertThat(new TreeSet<String>(names(agent))).containsExactly("background", "name", "post");
        }

        JsonNode figures = anonymous("/api/public/stations/" + OPEN + "/satisfaction?period=2026-Q4");
        assertThat(figures.get("evaluations").asLong()).isEqualTo(1);
        assertThat(figures.get("grades").get("SATISFIED").asLong()).isEqualTo(1);
        assertThat(figures.get("satisfactionRate").asDouble()).isEqualTo(1.0);
        // 004 §7.1.1 (及时公布结果): each active agent's results, by name only.
        JsonNode agents = figures.get("agents");
        assertThat(agents).hasSize(1);
        assertThat(agents.get(0).get("name").asText()).isEqualTo("赵公开");
        assertThat(agents.get(0).get("evaluations").asLong()).isEqualTo(1);
        assertThat(agents.get(0).get("satisfactionRate").asDouble()).isEqualTo(1.0);
        assertThat(agents.get(0).get("attitudeRate").asDouble()).isEqualTo(1.0);
        assertThat(new TreeSet<String>(names(agents.get(0)))).containsExactly("attitudeRate", "efficiencyRate",
                "evaluations", "name", "qualityRate", "satisfactionRate");
    }

    static List<String> names(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    /** Openness covers open stations only (`004 §5.4.1`: only an approved station serves). */
    @Test
    @Order(2)
    void openness_aStationNotOpenIsNotPublic() throws Exception {
        assertThat(anonymous("/api/public/stations").toString()).doesNotContain(PENDING);
        for (String path : List.of("/api/public/stations/" + PENDING, "/api/public/stations/" + PENDING
                + "/satisfaction")) {
            HttpResponse<String> response = get(path, Map.of());
            assertThat(response.statusCode()).as(path).isEqualTo(404);
            assertThat(response.headers().firstValue("Content-Type").orElse("")).contains("application/problem+json");
        }
    }

    /**
     * No client data (`000 §4.4` read with `002 廉洁服务`): walking every documented public endpoint, no client's
     * name, ID, phone or comment, no agent's phone or ID and no matter's ID appears anywhere in the answers.
     */
    @Test
    @Order(3)
    void openness_noClientDataAndNoAgentPhoneOrIdIsReachable() throws Exception {
        List<String> paths = documentedPaths();
        assertThat(paths).isNotEmpty();
        StringBuilder everything = new StringBuilder();
        for (String template : paths) {
            for (String path : List.of(template.replace("{code}", OPEN),
                    template.replace("{code}", OPEN) + "?period=2026-Q4", template.replace("{code}", OPEN)
                            + "?period=2026")) {
                JsonNode answer = anonymous(path);
                walk(answer, everything);
            }
        }
        String all = everything.toString();
        assertThat(all).contains("赵公开", "公开测试中心");
        for (String secret : List.of(CLIENT_NAME, CLIENT_ID, CLIENT_PHONE, CLIENT_COMMENT, AGENT_PHONE, LEAD_PHONE,
                GONE_PHONE, AGENT.value(), LEAD.value(), GONE.value(), MATTER.value(), "139****", "****4444")) {
            assertThat(all).as(secret).doesNotContain(secret);
        }
    }

    /** Collects every field name and value of the answer, at any depth. */
    static void walk(JsonNode node, StringBuilder into) {
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                into.append(field.getKey()).append('\n');
                walk(field.getValue(), into);
            }
        } else if (node.isArray()) {
            node.forEach(child -> walk(child, into));
        } else {
            into.append(node.asText()).append('\n');
        }
    }

    /** The public OpenAPI document lists exactly the public endpoints the application serves. */
    @Test
    @Order(4)
    void openness_thePublicOpenApiDocumentMatchesTheEndpoints() throws Exception {
        Set<String> served = new TreeSet<>();
        mappings.getHandlerMethods().keySet().forEach(info -> info.getPatternValues().stream()
                .filter(p -> p.startsWith("/api/public/")).forEach(served::add));
        assertThat(new TreeSet<>(documentedPaths())).isEqualTo(served)
                .contains("/api/public/stations", "/api/public/stations/{code}",
                        "/api/public/stations/{code}/satisfaction");
        JsonNode doc = anonymous("/v3/api-docs/public");
        assertThat(doc.toString()).doesNotContain("/api/ledger", "/api/delegations");
        // The whole API's document is still there.
        assertThat(anonymous("/v3/api-docs").get("paths").has("/api/ledger")).isTrue();
    }

    /** Cacheable: an ETag and Cache-Control on every answer; the same ETag back is a 304 without a body. */
    @Test
    @Order(5)
    void openness_answersAreCacheableWithETagAndCacheControl() throws Exception {
        for (String path : List.of("/api/public/stations", "/api/public/stations/" + OPEN,
                "/api/public/stations/" + OPEN + "/satisfaction?period=2026-Q4")) {
            HttpResponse<String> first = get(path, Map.of());
            assertThat(first.statusCode()).isEqualTo(200);
            String etag = first.headers().firstValue("ETag").orElseThrow();
            assertThat(first.headers().firstValue("Cache-Control").orElse("")).contains("max-age=120", "public");
            HttpResponse<String> again = get(path, Map.of("If-None-Match", etag));
            assertThat(again.statusCode()).as(path).isEqualTo(304);
            assertThat(again.body()).isEmpty();
            HttpResponse<String> changed = get(path, Map.of("If-None-Match", "\"something-else\""));
            assertThat(changed.statusCode()).isEqualTo(200);
        }
    }

    /** Its own rate limit per client address: past it, 429 problem+json with Retry-After; other paths unaffected. */
    @Test
    @Order(6)
    void openness_thePublicFaceHasItsOwnRateLimit() throws Exception {
        HttpResponse<String> refused = null;
        for (int i = 0; i < 100 && refused == null; i++) {
            HttpResponse<String> response = get("/api/public/stations", Map.of());
            if (response.statusCode() == 429) {
                refused = response;
            } else {
                assertThat(response.statusCode()).isEqualTo(200);
            }
        }
        assertThat(refused).as("refused within 100 requests at a limit of 60 an hour").isNotNull();
        assertThat(refused.headers().firstValue("Content-Type").orElse("")).contains("application/problem+json");
        assertThat(Long.parseLong(refused.headers().firstValue("Retry-After").orElseThrow())).isBetween(1L, 60L);
        JsonNode problem = json.readTree(refused.body());
        assertThat(problem.get("rule").asText()).isEqualTo("rate-limited");
        assertThat(problem.get("type").asText()).isEqualTo("urn:daiban:problem:rate-limited");
        // The signed-in API is not limited by it; without a token it stays closed.
        assertThat(get("/api/stations", Map.of()).statusCode()).isEqualTo(401);
        assertThat(get("/api/ledger?station=" + OPEN, Map.of()).statusCode()).isEqualTo(401);
    }
}
