package cn.daiban.query.ledger;

import cn.daiban.kernel.agent.AgentId;
import cn.daiban.kernel.calendar.ServiceClock;
import cn.daiban.kernel.catalogue.ServiceItemCode;
import cn.daiban.kernel.common.MetadataKeys;
import cn.daiban.kernel.common.PhoneNumber;
import cn.daiban.kernel.common.RegionCode;
import cn.daiban.kernel.complaint.ComplaintChannel;
import cn.daiban.kernel.complaint.ComplaintId;
import cn.daiban.kernel.complaint.ComplaintReceivedEvent;
import cn.daiban.kernel.dashboard.PublishQuarterlyAssessmentCommand;
import cn.daiban.kernel.dashboard.QuarterlyAssessmentPublishedEvent;
import cn.daiban.kernel.delegation.Client;
import cn.daiban.kernel.delegation.ClientKind;
import cn.daiban.kernel.delegation.DelegationCommissionedEvent;
import cn.daiban.kernel.delegation.DelegationId;
import cn.daiban.kernel.delegation.DelegationKind;
import cn.daiban.kernel.delegation.ServiceMode;
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
 * 003 四(三) 考核评估结果每季度通报 on a real PostgreSQL: when the publication is followed, the figures of every level
 * are frozen with the SHA-256 of their canonical form; the assessment then shows the published version (digest,
 * who, when) beside the recount, and which figures a matter entered later changed. Zone rows count complaints.
 * Counted by hand from the events below (2025-Q3, one county and one village, windows W1 and W2).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AssessmentPublicationIT extends PostgresIntegrationTest {

    static final ZoneId SHANGHAI = ZoneId.of(ServiceClock.DEFAULT_ZONE);
    static final String C = "1584" + ThreadLocalRandom.current().nextInt(10, 99) + "000", V = C + "101";
    static final AgentId AGENT = AgentId.of("cccccccc-1584-4c3b-9a57-0d5f1e2a3b4c");
    static final String PATH = "/api/assessments/quarterly?station=" + C + "&year=2025&quarter=3&level=";

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

    DelegationId commissioned(String window, int month, int day) {
        DelegationId id = DelegationId.create();
        LocalDate on = LocalDate.of(2025, month, day);
        append("Delegation", id.value(), new DelegationCommissionedEvent(id, DelegationKind.ASSIST, ServiceMode.ON_SITE,
                StationCode.of(V), window, AGENT, ServiceItemCode.of("RS-001"), 1, "城乡居民养老保险参保登记", "人社",
                Set.of(StationLevel.VILLAGE_STATION), List.of(), new Client(ClientKind.CITIZEN, "王秀英", null, null,
                PhoneNumber.of("13912345678"), null), null, null, List.of(), List.of(), null, true, List.of(),
                "0356-7022345", false, false, on, 5, on.plusDays(7), null, null), at(month, day), "agent-1");
        return id;
    }

    long delegations() {
        return jdbc.queryForObject("select count(*) from delegation_view where station_code = ?", Long.class, V);
    }

    @BeforeAll
    void history() {
        station(C, StationLevel.COUNTY_CENTRE, null);
        station(V, StationLevel.VILLAGE_STATION, C);
        DelegationId atW1 = commissioned("W1", 8, 4);
        commissioned("W2", 8, 5);
        // A complaint about the matter taken at W1: a zone row of W1 counts it.
        ComplaintId complaint = ComplaintId.create();
        append("Complaint", complaint.value(), new ComplaintReceivedEvent(complaint, StationCode.of(V), AGENT, atW1,
                ComplaintChannel.HOTLINE_12345, "周某", PhoneNumber.of("13600001111"), "等太久", LocalDate.of(2025, 8, 6)),
                at(8, 6), "admin");
        await().atMost(Duration.ofSeconds(30)).until(() -> delegations() == 2
                && jdbc.queryForObject("select count(*) from complaint_view where station_code = ?", Long.class, V) == 1
                && jdbc.queryForObject("select count(*) from station_directory where station_code in (?, ?)",
                Long.class, C, V) == 2);
    }

    JsonNode get(String path) throws Exception {
        var response = http.getForEntity(path, String.class);
        assertThat(response.getStatusCode().value()).as(path + ": " + response.getBody()).isEqualTo(200);
        return json.readTree(response.getBody());
    }

    static JsonNode row(JsonNode rows, String key) {
        for (JsonNode row : rows) {
            if (row.get("key").asText().equals(key)) {
                return row;
            }
        }
        throw new AssertionError("no row " + key + " in " + rows);
    }

    @Test
    void assessmentPublishedOnce_thePublicationFreezesTheFiguresWithTheirDigestAndTheRecountShowsWhatMovedSince()
            throws Exception {
        // Zone rows carry complaints: W1's matter was complained about, W2's not.
        JsonNode zones = get(PATH + "ZONE");
        assertThat(row(zones.get("rows"), V + ":W1").get("complaints").asLong()).isEqualTo(1);
        assertThat(row(zones.get("rows"), V + ":W2").get("complaints").asLong()).isZero();
        // 003 四(三): by the channel it came through (a 12345 hotline call), under the zone and the station.
        assertThat(row(zones.get("rows"), V + ":W1").get("complaintsByChannel").get("HOTLINE_12345").asLong())
                .isEqualTo(1);
        assertThat(row(zones.get("rows"), V + ":W2").get("complaintsByChannel").size()).isZero();
        assertThat(row(get(PATH + "STATION").get("rows"), V).get("complaintsByChannel").get("HOTLINE_12345")
                .asLong()).isEqualTo(1);
        assertThat(zones.hasNonNull("publication")).as("not published yet").isFalse();

        String id = PublishQuarterlyAssessmentCommand.idOf(StationCode.of(C), 2025, 3);
        Instant publishedAt = at(10, 9);
        append("AssessmentPublication", id, new QuarterlyAssessmentPublishedEvent(id, StationCode.of(C), 2025, 3),
                publishedAt, "supervisor-c");
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject(
                "select count(*) from assessment_publication where publication_id = ?", Long.class, id) == 1);

        Map<String, Object> stored = jdbc.queryForMap(
                "select digest, figures from assessment_publication where publication_id = ?", id);
        String figures = (String) stored.get("figures");
        String digest = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(figures.getBytes(StandardCharsets.UTF_8)));
        assertThat(((String) stored.get("digest")).trim()).isEqualTo(digest);
        JsonNode frozen = json.readTree(figures);
        assertThat(frozen.fieldNames()).toIterable().containsExactly("AGENT", "STATION", "ZONE");
        assertThat(row(frozen.get("ZONE"), V + ":W1").get("complaints").asLong()).isEqualTo(1);

        JsonNode published = get(PATH + "STATION");
        JsonNode publication = published.get("publication");
        assertThat(publication.get("publicationId").asText()).isEqualTo(id);
        assertThat(publication.get("digest").asText()).isEqualTo(digest);
        assertThat(publication.get("publishedBy").asText()).isEqualTo("supervisor-c");
        assertThat(Instant.parse(publication.get("publishedAt").asText())).isEqualTo(publishedAt);
        assertThat(publication.get("recountDiffers").asBoolean()).isFalse();
        assertThat(publication.get("differences")).isEmpty();
        assertThat(row(publication.get("rows"), V).get("volume").asLong()).isEqualTo(2);
        assertThat(publication.get("rows")).isEqualTo(published.get("rows"));

        // A matter of the quarter entered after the publication: the recount moves, the published figures do not.
        commissioned("W2", 9, 30);
        await().atMost(Duration.ofSeconds(30)).until(() -> delegations() == 3);
        JsonNode after = get(PATH + "STATION");
        assertThat(row(after.get("rows"), V).get("volume").asLong()).isEqualTo(3);
        JsonNode changed = after.get("publication");
        assertThat(changed.get("digest").asText()).isEqualTo(digest);
        assertThat(row(changed.get("rows"), V).get("volume").asLong()).isEqualTo(2);
        assertThat(changed.get("recountDiffers").asBoolean()).isTrue();
        assertThat(changed.get("differences")).anySatisfy(d -> {
            assertThat(d.get("key").asText()).isEqualTo(V);
            assertThat(d.get("figure").asText()).isEqualTo("volume");
            assertThat(d.get("published").asLong()).isEqualTo(2);
            assertThat(d.get("now").asLong()).isEqualTo(3);
        });
        JsonNode zonesAfter = get(PATH + "ZONE").get("publication");
        assertThat(zonesAfter.get("differences")).anySatisfy(d -> {
            assertThat(d.get("key").asText()).isEqualTo(V + ":W2");
            assertThat(d.get("figure").asText()).isEqualTo("volume");
        });
        assertThat(jdbc.queryForObject("select figures from assessment_publication where publication_id = ?",
                String.class, id)).isEqualTo(figures);
    }
}
