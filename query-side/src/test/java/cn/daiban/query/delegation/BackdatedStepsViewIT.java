package cn.daiban.query.delegation;

import cn.daiban.kernel.calendar.ServiceClock;
import cn.daiban.kernel.catalogue.ServiceItemCode;
import cn.daiban.kernel.common.MetadataKeys;
import cn.daiban.kernel.common.PhoneNumber;
import cn.daiban.kernel.common.RegionCode;
import cn.daiban.kernel.common.ResidentId;
import cn.daiban.kernel.agent.AgentId;
import cn.daiban.kernel.delegation.*;
import cn.daiban.kernel.station.StationCode;
import cn.daiban.kernel.station.StationLevel;
import cn.daiban.kernel.station.StationManager;
import cn.daiban.kernel.station.StationOpeningApprovedEvent;
import cn.daiban.kernel.station.StationOpeningRequestedEvent;
import cn.daiban.query.support.PostgresIntegrationTest;
import cn.daiban.security.EmbeddedTokens;
import cn.daiban.security.Role;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
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
 * Steps recorded after the fact (补录) in the views: the matter is counted on the day it was taken in, its history
 * and its audit show both moments and the reason, and supervision lists the back-dated steps of its stations only.
 */
class BackdatedStepsViewIT extends PostgresIntegrationTest {

    static final ZoneId SHANGHAI = ZoneId.of(ServiceClock.DEFAULT_ZONE);
    static final String COUNTY = "148100000";
    static final String VILLAGE = "148100000101";
    static final String OTHER_COUNTY = "148200000";
    static final AgentId AGENT = AgentId.of("bbbbbbbb-1111-4c3b-9a57-0d5f1e2a3b4c");
    static final String REASON = "村站纸质登记，次日补录";

    @Autowired
    EventStore eventStore;
    @Autowired
    TestRestTemplate http;
    @Autowired
    ObjectMapper json;
    @Autowired
    EmbeddedTokens tokens;

    static Instant at(LocalDate day, int hour) {
        return day.atTime(hour, 0).atZone(SHANGHAI).toInstant();
    }

    void append(String type, String id, long sequence, Object payload, Instant recordedAt, Instant occurredAt) {
        Map<String, Object> meta = new HashMap<>(Map.of(MetadataKeys.ACTOR_ID, AGENT.value(),
                MetadataKeys.STATION_CODE, VILLAGE));
        if (occurredAt != null) {
            meta.put(MetadataKeys.OCCURRED_AT, occurredAt.toString());
            meta.put(MetadataKeys.BACKDATING_REASON, REASON);
        }
        eventStore.publish(new GenericDomainEventMessage<>(type, id, sequence, payload, meta,
                UUID.randomUUID().toString(), recordedAt));
    }

    void station(String code, StationLevel level, String parent) {
        Instant opened = at(LocalDate.of(2026, 10, 1), 9);
        append("Station", code, 0, new StationOpeningRequestedEvent(StationCode.of(code), "站" + code, level,
                parent == null ? null : StationCode.of(parent), null, RegionCode.of("148100"), "地址",
                new StationManager("张伟", PhoneNumber.of("13812345678")), PhoneNumber.of("0356-7022345"), List.of(),
                Set.of("RS-001")), opened, null);
        append("Station", code, 1, new StationOpeningApprovedEvent(StationCode.of(code), null, null), opened, null);
    }

    /** An assist of RS-001 at {@code village}, commissioned on {@code day} with 10 working days to {@code deadline}. */
    void commissioned(DelegationId id, String village, LocalDate day, LocalDate deadline, Boolean provisional) {
        Client client = new Client(ClientKind.CITIZEN, "李四", ResidentId.of("11010519491231002X"), null,
                PhoneNumber.of("13912345678"), null);
        append("Delegation", id.value(), 0, new DelegationCommissionedEvent(id, DelegationKind.ASSIST,
                ServiceMode.ON_SITE, StationCode.of(village), "W1", AGENT, ServiceItemCode.of("RS-001"), 1,
                "城乡居民养老保险参保登记", "人社", Set.of(StationLevel.VILLAGE_STATION), List.of(), client, null, null,
                List.of(), List.of(), null, true, List.of(), "0356-7022345", false, false, day, 10, deadline, null,
                null, null, null, null, null, null, null, null, provisional), at(day, 10), null);
    }

    /** The matter's detail once it is there (a 404 until projected) and {@code until} holds of it. */
    JsonNode awaitDetail(DelegationId id, String token, java.util.function.Predicate<JsonNode> until) {
        return await().atMost(Duration.ofSeconds(20)).until(() -> {
            ResponseEntity<String> response = http.exchange("/api/delegations/" + id.value(), HttpMethod.GET,
                    new HttpEntity<>(bearer(token)), String.class);
            return response.getStatusCode() == HttpStatus.OK ? json.readTree(response.getBody()) : null;
        }, d -> d != null && until.test(d));
    }

    JsonNode get(String path, String token) throws Exception {
        HttpHeaders headers = new HttpHeaders();
        headers.setBearerAuth(token);
        ResponseEntity<String> response = http.exchange(path, HttpMethod.GET, new HttpEntity<>(headers), String.class);
        assertThat(response.getStatusCode()).as(path + " " + response.getBody()).isEqualTo(HttpStatus.OK);
        return json.readTree(response.getBody());
    }

    @Test
    void aMatterTakenInOnPaperCountsOnTheDayItHappenedAndSupervisionSeesBothMoments() throws Exception {
        station(COUNTY, StationLevel.COUNTY_CENTRE, null);
        station(VILLAGE, StationLevel.VILLAGE_STATION, COUNTY);
        station(OTHER_COUNTY, StationLevel.COUNTY_CENTRE, null);
        LocalDate friday = LocalDate.of(2026, 11, 27);
        LocalDate monday = LocalDate.of(2026, 11, 30);
        DelegationId id = DelegationId.create();
        Client client = new Client(ClientKind.CITIZEN, "王秀英", ResidentId.of("11010519491231002X"), null,
                PhoneNumber.of("13912345678"), null);
        // Taken in on paper on Friday, entered on Monday morning; progress told on Monday as it happened.
        append("Delegation", id.value(), 0, new DelegationCommissionedEvent(id, DelegationKind.ASSIST,
                ServiceMode.ON_SITE, StationCode.of(VILLAGE), "W1", AGENT, ServiceItemCode.of("RS-001"), 1,
                "城乡居民养老保险参保登记", "人社", Set.of(StationLevel.VILLAGE_STATION), List.of(), client, null, null,
                List.of(), List.of(), null, true, List.of(), "0356-7022345", false, false, friday, 5,
                LocalDate.of(2026, 12, 4), null, null), at(monday, 8), at(friday, 15));
        append("Delegation", id.value(), 1, new ProgressReportedEvent(id, "已电话告知", ProgressChannel.PHONE, null),
                at(monday, 10), null);

        String supervisor = tokens.issue("supervisor-" + COUNTY, Role.SUPERVISOR, COUNTY);
        JsonNode listed = await().atMost(Duration.ofSeconds(20)).until(
                () -> get("/api/supervision/backdated-steps?station=" + COUNTY, supervisor).get("steps"),
                steps -> steps.size() == 1);
        JsonNode step = listed.get(0);
        assertThat(step.get("delegationId").asText()).isEqualTo(id.value());
        assertThat(step.get("eventType").asText()).isEqualTo("DelegationCommissionedEvent");
        assertThat(step.get("stationCode").asText()).isEqualTo(VILLAGE);
        assertThat(Instant.parse(step.get("recordedAt").asText())).isEqualTo(at(monday, 8));
        assertThat(Instant.parse(step.get("occurredAt").asText())).isEqualTo(at(friday, 15));
        assertThat(step.get("backdatingReason").asText()).isEqualTo(REASON);

        // Its history: both moments on the back-dated step, none on the other; received on the day it happened.
        JsonNode detail = await().atMost(Duration.ofSeconds(20)).until(
                () -> get("/api/delegations/" + id.value(), supervisor), d -> d.get("steps").size() == 2);
        assertThat(Instant.parse(detail.get("receivedAt").asText())).isEqualTo(at(friday, 15));
        assertThat(detail.get("steps").get(0).get("backdatingReason").asText()).isEqualTo(REASON);
        assertThat(detail.get("steps").get(1).hasNonNull("occurredAt")).isFalse();
        // The ledger counts the intake on Friday, the day it happened.
        JsonNode ledger = get("/api/ledger?station=" + VILLAGE + "&from=2026-11-27&to=2026-11-27", supervisor);
        assertThat(ledger.toString()).contains(id.value());
        // The audit shows the stored event's own moment and the declared one.
        JsonNode audit = get("/api/audit/streams/" + id.value(), supervisor).get("entries");
        assertThat(audit.get(0).get("occurredAt").asText()).isEqualTo(at(friday, 15).toString());
        assertThat(audit.get(0).get("backdatingReason").asText()).isEqualTo(REASON);
        assertThat(audit.get(1).hasNonNull("occurredAt")).isFalse();

        // Station-scoped like every list: another county's supervisor may not read this county's.
        String other = tokens.issue("supervisor-" + OTHER_COUNTY, Role.SUPERVISOR, OTHER_COUNTY);
        HttpHeaders headers = new HttpHeaders();
        headers.setBearerAuth(other);
        assertThat(http.exchange("/api/supervision/backdated-steps?station=" + COUNTY, HttpMethod.GET,
                new HttpEntity<>(headers), String.class).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(get("/api/supervision/backdated-steps?station=" + OTHER_COUNTY, other).get("steps")).isEmpty();
    }

    @Test
    void aPromisedDateInAYearNotLoadedIsShownProvisional() throws Exception {
        String county = "148300000";
        String village = "148300000101";
        station(county, StationLevel.COUNTY_CENTRE, null);
        station(village, StationLevel.VILLAGE_STATION, county);
        DelegationId id = DelegationId.create();
        LocalDate december = LocalDate.of(2026, 12, 22);
        commissioned(id, village, december, LocalDate.of(2027, 1, 5), true);
        // Who may read it is tested above; here what it says, as the administrator.
        String supervisor = tokens.issue("admin", Role.ADMINISTRATOR, null);
        await().atMost(Duration.ofSeconds(20)).until(() -> http.exchange("/api/delegations/" + id.value(),
                HttpMethod.GET, new HttpEntity<>(bearer(supervisor)), String.class).getStatusCode() == HttpStatus.OK);
        JsonNode detail = get("/api/delegations/" + id.value(), supervisor);
        assertThat(detail.get("deadline").asText()).isEqualTo("2027-01-05");
        assertThat(detail.get("deadlineProvisional").asBoolean()).isTrue();
        // The client's acceptance notice says the date is provisional.
        JsonNode notifications = await().atMost(Duration.ofSeconds(20)).until(
                () -> get("/api/notifications/" + id.value(), supervisor), n -> n.toString().contains("accepted"));
        assertThat(notifications.toString()).contains("2027-01-05（暂定 provisional）");
        // The work ledger's row says so too: the flag, and 备注 in words.
        JsonNode row = get("/api/ledger?station=" + village, supervisor).get("rows").get(0);
        assertThat(row.get("delegationId").asText()).isEqualTo(id.value());
        assertThat(row.get("deadlineProvisional").asBoolean()).isTrue();
        assertThat(row.get("remark").asText()).contains("办理时限暂定");
        // An administrator is warned on the dashboard from 1 November while next year is not loaded, not before.
        // 2041: a year no test loads (ReferenceDataIT loads 2031 into the database the classes share, in whichever
        // order the classes run).
        assertThat(get("/api/stations/" + county + "/dashboard?today=2040-11-15", supervisor)
                .get("calendarWarning").asText()).contains("2041");
        assertThat(get("/api/stations/" + county + "/dashboard?today=2040-10-31", supervisor)
                .path("calendarWarning").isTextual()).isFalse();
    }

    /**
     * The year is loaded and the system recomputed the provisional dates (`DOMAIN.md` "Time"): the view takes the
     * new date and is no longer provisional; the client is told only when the date moved. The unmoved matter's
     * events come first in the stream, so once the moved one's notice is there the notifications have passed both.
     */
    @Test
    void aRecomputedProvisionalDateIsFollowedByTheViewAndTheClientIsToldOnlyIfItMoved() throws Exception {
        // Stations of their own: the first test of this class opens 147700000 and its village in the same store,
        // and appending a station's first event twice is refused (the aggregate identifier is taken).
        String county = "147300000";
        String village = "147300000101";
        station(county, StationLevel.COUNTY_CENTRE, null);
        station(village, StationLevel.VILLAGE_STATION, county);
        LocalDate december = LocalDate.of(2026, 12, 22);
        LocalDate provisional = LocalDate.of(2027, 1, 5);
        DelegationId unmoved = DelegationId.create();
        DelegationId moved = DelegationId.create();
        for (DelegationId id : List.of(unmoved, moved)) {
            commissioned(id, village, december, provisional, true);
        }
        append("Delegation", unmoved.value(), 1, new ProvisionalDeadlineRecomputedEvent(unmoved, provisional,
                provisional, false, false), at(december.plusDays(1), 9), null);
        append("Delegation", moved.value(), 1, new ProvisionalDeadlineRecomputedEvent(moved, provisional,
                LocalDate.of(2027, 1, 6), false, true), at(december.plusDays(1), 9), null);

        String admin = tokens.issue("admin", Role.ADMINISTRATOR, null);
        for (DelegationId id : List.of(unmoved, moved)) {
            JsonNode detail = awaitDetail(id, admin, d -> !d.get("deadlineProvisional").asBoolean());
            assertThat(detail.get("deadline").asText()).isEqualTo(id == moved ? "2027-01-06" : "2027-01-05");
        }
        JsonNode told = await().atMost(Duration.ofSeconds(20)).until(
                () -> get("/api/notifications/" + moved.value(), admin), n -> n.toString().contains("deadline-moved"));
        assertThat(told.toString()).contains("2027-01-05").contains("2027-01-06");
        assertThat(get("/api/notifications/" + unmoved.value(), admin).toString()).contains("accepted")
                .doesNotContain("deadline-moved");
    }

    /**
     * A firm date that a pause moved into a year not loaded (a matter resumed late in December): the view marks it
     * provisional, as a date provisional from commissioning is; a move onto loaded years leaves a firm date firm.
     */
    @Test
    void aDateAPauseMovedIntoAYearNotLoadedIsShownProvisional() throws Exception {
        String county = "146900000";
        String village = "146900000101";
        station(county, StationLevel.COUNTY_CENTRE, null);
        station(village, StationLevel.VILLAGE_STATION, county);
        LocalDate december = LocalDate.of(2026, 12, 15);
        DelegationId intoNextYear = DelegationId.create();
        DelegationId withinTheYear = DelegationId.create();
        for (DelegationId id : List.of(withinTheYear, intoNextYear)) {
            commissioned(id, village, december, LocalDate.of(2026, 12, 29), null);
            append("Delegation", id.value(), 1, new DelegationSuspendedEvent(id, SuspensionReason.CLIENT_REQUEST,
                    null, LocalDate.of(2026, 12, 16), LocalDate.of(2027, 1, 15)), at(december.plusDays(1), 9), null);
        }
        append("Delegation", withinTheYear.value(), 2, new DelegationResumedEvent(withinTheYear,
                LocalDate.of(2026, 12, 17), 1, LocalDate.of(2026, 12, 29), LocalDate.of(2026, 12, 30)),
                at(LocalDate.of(2026, 12, 17), 9), null);
        append("Delegation", intoNextYear.value(), 2, new DelegationResumedEvent(intoNextYear,
                LocalDate.of(2026, 12, 23), 5, LocalDate.of(2026, 12, 29), LocalDate.of(2027, 1, 5), true),
                at(LocalDate.of(2026, 12, 23), 9), null);

        String admin = tokens.issue("admin", Role.ADMINISTRATOR, null);
        JsonNode moved = awaitDetail(intoNextYear, admin, d -> "2027-01-05".equals(d.get("deadline").asText()));
        assertThat(moved.get("deadlineProvisional").asBoolean()).isTrue();
        JsonNode firm = await().atMost(Duration.ofSeconds(20)).until(() -> get("/api/delegations/"
                + withinTheYear.value(), admin), d -> "2026-12-30".equals(d.get("deadline").asText()));
        assertThat(firm.get("deadlineProvisional").asBoolean()).isFalse();
    }

    static HttpHeaders bearer(String token) {
        HttpHeaders headers = new HttpHeaders();
        headers.setBearerAuth(token);
        return headers;
    }
}
