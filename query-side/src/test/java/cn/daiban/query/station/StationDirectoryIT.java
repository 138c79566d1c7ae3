package cn.daiban.query.station;

import cn.daiban.kernel.common.MetadataKeys;
import cn.daiban.kernel.common.PhoneNumber;
import cn.daiban.kernel.common.RegionCode;
import cn.daiban.kernel.station.StationChangeApprovedEvent;
import cn.daiban.kernel.station.StationChangeRequestedEvent;
import cn.daiban.kernel.station.StationCode;
import cn.daiban.kernel.station.StationLevel;
import cn.daiban.kernel.station.HostOrganisationType;
import cn.daiban.kernel.station.OfficeEquipment;
import cn.daiban.kernel.station.SiteConditions;
import cn.daiban.kernel.station.StationManager;
import cn.daiban.kernel.station.StationOpeningApprovedEvent;
import cn.daiban.kernel.station.StationOpeningRequestedEvent;
import cn.daiban.kernel.station.StationWindow;
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
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Events appended to the event store (as the command side stores them) reach the station directory and the
 * application history through the streaming processor, and the query API serves them.
 */
class StationDirectoryIT extends PostgresIntegrationTest {

    private static final AtomicInteger SERIAL = new AtomicInteger(500);

    @Autowired
    EventStore eventStore;
    @Autowired
    TestRestTemplate http;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    ObjectMapper json;

    static final StationManager MANAGER = new StationManager("王芳", PhoneNumber.of("13912345678"));

    void append(String aggregateId, long sequence, Object payload) {
        eventStore.publish(new GenericDomainEventMessage<>("Station", aggregateId, sequence, payload,
                MetaData.with(MetadataKeys.ACTOR_ID, "clerk-1").and(MetadataKeys.STATION_CODE, "140521000")));
    }

    StationCode openCounty() {
        StationCode code = StationCode.of("1405" + (22000 + SERIAL.incrementAndGet()));
        append(code.value(), 0, new StationOpeningRequestedEvent(code, "沁水县政务服务中心", StationLevel.COUNTY_CENTRE,
                null, null, RegionCode.of("140521"), "龙港镇", MANAGER, PhoneNumber.of("0356-7022345"),
                List.of(new StationWindow("Z1", "帮办代办专区", StationWindow.Kind.ZONE, null)), Set.of("SB-001")));
        append(code.value(), 1, new StationOpeningApprovedEvent(code, null, "同意设立"));
        return code;
    }

    JsonNode get(String path) throws Exception {
        ResponseEntity<String> response = http.getForEntity(path, String.class);
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        return json.readTree(response.getBody());
    }

    @Test
    void openedStationAppearsInTheDirectoryWithItsApplicationHistory() throws Exception {
        StationCode code = openCounty();

        // The card and the application history are separate views: wait for both before reading either.
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            assertThat(http.getForEntity("/api/stations/" + code, String.class).getBody()).contains("\"OPEN\"");
            assertThat(get("/api/stations/" + code + "/applications").get("applications").findValuesAsText("outcome"))
                    .containsExactly("APPROVED");
        });

        JsonNode station = get("/api/stations/" + code);
        assertThat(station.get("name").asText()).isEqualTo("沁水县政务服务中心");
        assertThat(station.get("windows").get(0).get("name").asText()).isEqualTo("帮办代办专区");
        assertThat(station.get("openedAt").asText()).isNotBlank();

        JsonNode history = get("/api/stations/" + code + "/applications");
        assertThat(history.get("applications")).hasSize(1);
        assertThat(history.get("applications").get(0).get("outcome").asText()).isEqualTo("APPROVED");
        assertThat(history.get("applications").get(0).get("requestedBy").asText()).isEqualTo("clerk-1");
    }

    /** 004 附录A: the approver reads the site conditions a partner outlet's application stated. */
    @Test
    void anOutletsApplicationShowsTheSiteConditionsItStated() throws Exception {
        StationCode county = openCounty();
        StationCode outlet = StationCode.of(county.value().substring(0, 6) + "B" + SERIAL.incrementAndGet());
        SiteConditions stated = new SiteConditions("中国邮政储蓄银行沁水县支行", "镇中心街，日均客流约300人次", 2,
                java.util.EnumSet.of(OfficeEquipment.OFFICE_PHONE, OfficeEquipment.COMPUTER, OfficeEquipment.PRINTER,
                        OfficeEquipment.DESK_AND_CHAIRS, OfficeEquipment.FILE_CABINET, OfficeEquipment.SCANNER),
                true, true, "营业厅内设独立服务台");
        append(outlet.value(), 0, new StationOpeningRequestedEvent(outlet, "邮储银行网点", StationLevel.PARTNER_OUTLET,
                county, HostOrganisationType.POST, RegionCode.of(county.value().substring(0, 6)), "镇中心街1号", MANAGER,
                PhoneNumber.of("0356-7022345"), List.of(), Set.of(), stated));

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(
                get("/api/stations/" + outlet + "/applications").get("applications")).hasSize(1));
        JsonNode conditions = get("/api/stations/" + outlet + "/applications").get("applications").get(0)
                .get("siteConditions");
        assertThat(conditions.get("applicant").asText()).isEqualTo("中国邮政储蓄银行沁水县支行");
        assertThat(conditions.get("staffCount").asInt()).isEqualTo(2);
        List<String> equipment = new java.util.ArrayList<>();
        conditions.get("equipment").forEach(item -> equipment.add(item.asText()));
        assertThat(equipment).containsExactlyInAnyOrder("OFFICE_PHONE", "COMPUTER", "PRINTER", "DESK_AND_CHAIRS",
                "FILE_CABINET", "SCANNER");
        assertThat(conditions.get("spaciousAndBright").asBoolean()).isTrue();
        // The county is another aggregate, perhaps on the other segment: its application is awaited apart.
        JsonNode countys = await().atMost(Duration.ofSeconds(20)).until(
                () -> get("/api/stations/" + county + "/applications").get("applications"), a -> a.size() == 1);
        assertThat(countys.get(0).has("siteConditions")).as("a county centre's application stated none").isFalse();
    }

    @Test
    void approvedChangeReplacesTheManager() throws Exception {
        StationCode code = openCounty();
        StationManager next = new StationManager("李强", PhoneNumber.of("13700001111"));
        append(code.value(), 2, new StationChangeRequestedEvent(code, "chg-" + code, next, null, null, "调任"));
        append(code.value(), 3, new StationChangeApprovedEvent(code, "chg-" + code, next, null, null, null));

        // The card and the applications are separate views: wait for both.
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            assertThat(get("/api/stations/" + code).get("managerName").asText()).isEqualTo("李强");
            assertThat(get("/api/stations/" + code + "/applications").get("applications")).hasSize(2);
        });
    }

    /** 004 附录B: a station that moves has its new address on its card and on the public face once approved. */
    @Test
    void approvedChangeMovesTheStation() throws Exception {
        StationCode code = openCounty();
        append(code.value(), 2, new StationChangeRequestedEvent(code, "move-" + code, null, null, null, "搬迁",
                "县政务服务中心新址一楼"));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(get("/api/stations/" + code + "/applications").get("applications").toString())
                        .contains("地址 → 县政务服务中心新址一楼"));
        assertThat(get("/api/stations/" + code).get("address").asText()).isNotEqualTo("县政务服务中心新址一楼");
        append(code.value(), 3, new StationChangeApprovedEvent(code, "move-" + code, null, null, null, null,
                "县政务服务中心新址一楼"));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(get("/api/stations/" + code).get("address").asText()).isEqualTo("县政务服务中心新址一楼"));
        assertThat(get("/api/stations/" + code).get("managerName").asText()).as("the manager kept").isNotBlank();
    }

    @Test
    void directoryFiltersByLevelStatusAndRegion() throws Exception {
        StationCode code = openCounty();
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(get("/api/stations/" + code).get("status").asText()).isEqualTo("OPEN"));

        JsonNode filtered = get("/api/stations?level=COUNTY_CENTRE&status=OPEN&region=1405&size=200");
        assertThat(filtered.get("items").findValuesAsText("stationCode")).contains(code.value());
        JsonNode none = get("/api/stations?level=VILLAGE_STATION&region=1405&size=200");
        assertThat(none.get("items").findValuesAsText("stationCode")).doesNotContain(code.value());
    }

    @Test
    void tokensAreStoredAsByteaInTheReadModelSchema() {
        openCounty();
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(jdbc.queryForObject(
                        "select count(*) from query_side.token_entry where processor_name = 'stations' and token is not null",
                        Integer.class)).isPositive());
        assertThat(jdbc.queryForObject("""
                select data_type from information_schema.columns
                where table_schema = 'query_side' and table_name = 'token_entry' and column_name = 'token'""",
                String.class)).isEqualTo("bytea");
    }

    @Test
    void badFilterAndUnknownIdAreProblems() throws Exception {
        ResponseEntity<String> badLevel = http.getForEntity("/api/stations?level=CITY", String.class);
        assertThat(badLevel.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(badLevel.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(json.readTree(badLevel.getBody()).get("field").asText()).isEqualTo("level");

        ResponseEntity<String> badSize = http.getForEntity("/api/stations?size=1000", String.class);
        assertThat(badSize.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(json.readTree(badSize.getBody()).get("field").asText()).isEqualTo("size");

        ResponseEntity<String> unknown = http.getForEntity("/api/stations/NOSUCH99", String.class);
        assertThat(unknown.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    }

    @Test
    void healthIncludesTheDatabaseAndOpenApiIsPublished() {
        ResponseEntity<String> readiness = http.getForEntity("/actuator/health/readiness", String.class);
        assertThat(readiness.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(readiness.getBody()).contains("\"db\"");
        assertThat(http.getForEntity("/v3/api-docs", String.class).getBody()).contains("/api/stations");
    }
}
