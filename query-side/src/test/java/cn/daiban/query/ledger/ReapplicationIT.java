package cn.daiban.query.ledger;

import cn.daiban.kernel.agent.AgentId;
import cn.daiban.kernel.calendar.ServiceClock;
import cn.daiban.kernel.delegation.DelegationCompletedEvent;
import cn.daiban.kernel.delegation.DelegationId;
import cn.daiban.kernel.delegation.DelegationKind;
import cn.daiban.kernel.station.StationLevel;
import cn.daiban.query.support.PostgresIntegrationTest;
import cn.daiban.query.support.ProjectionsAtHead;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import cn.daiban.security.Role;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * 001 §6.4.2 (对未代办成功的事项…协助重新办理) on a real PostgreSQL: a matter re-applied after a failure names the earlier
 * one, and the earlier one's detail lists its re-applications, oldest first; an upgraded database links the matters
 * taken on before as the projection does (V172's backfill, from the remark).
 */
class ReapplicationIT extends PostgresIntegrationTest {

    /** Station codes of this test only: prefix 1544, plus a random run number so reruns on one database never meet. */
    static final String C = "1544" + String.format("%02d", ThreadLocalRandom.current().nextInt(100)) + "000";
    static final AgentId AGENT = AgentId.of("dddddddd-1544-4c3b-9a57-0d5f1e2a3b4c");
    static final StationEvents events = new StationEvents(C, AGENT);
    static final String ELSEWHERE = "1545" + C.substring(4);

    @Autowired
    EventStore eventStore;
    @Autowired
    TestRestTemplate http;
    @Autowired
    ObjectMapper json;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    PlatformTransactionManager transactions;
    @Autowired
    cn.daiban.security.EmbeddedTokens tokens;

    JsonNode get(String path) throws Exception {
        return json.readTree(http.getForObject(path, String.class));
    }

    @Test
    void aFailedProxyListsTheMattersThatAppliedAgainAndEachNamesIt() throws Exception {
        Instant now = Instant.now();
        Instant lastMonth = now.minus(30, ChronoUnit.DAYS);
        events.opened(eventStore, StationLevel.COUNTY_CENTRE, null, lastMonth);
        DelegationId failed = events.commissioned(eventStore, DelegationKind.PROXY, lastMonth);
        LocalDate failedOn = ServiceClock.defaults().dayOf(lastMonth.plus(5, ChronoUnit.DAYS));
        events.append(eventStore, "Delegation", failed.value(), new DelegationCompletedEvent(failed, false, null,
                "缴费年限不足", failedOn, failedOn.plusDays(60), true, 4), lastMonth.plus(5, ChronoUnit.DAYS));
        DelegationId again = events.commissioned(eventStore, DelegationKind.PROXY, now.minus(3, ChronoUnit.DAYS), failed);
        // Failed again: still COMPLETED, as a success would be; the list says it failed.
        LocalDate againFailedOn = ServiceClock.defaults().dayOf(now.minus(2, ChronoUnit.DAYS));
        events.append(eventStore, "Delegation", again.value(), new DelegationCompletedEvent(again, false, null,
                "缴费年限仍不足", againFailedOn, againFailedOn.plusDays(60), true, 1), now.minus(2, ChronoUnit.DAYS));
        DelegationId third = events.commissioned(eventStore, DelegationKind.PROXY, now.minus(1, ChronoUnit.DAYS), failed);
        DelegationId unrelated = events.commissioned(eventStore, DelegationKind.ASSIST, now);
        // The client applied again at another county's centre too, outside the first station's jurisdiction.
        StationEvents elsewhereEvents = new StationEvents(ELSEWHERE, AGENT);
        elsewhereEvents.opened(eventStore, StationLevel.COUNTY_CENTRE, null, lastMonth);
        DelegationId elsewhere = elsewhereEvents.commissioned(eventStore, DelegationKind.PROXY, now, failed);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(get("/api/delegations/" + failed.value()).get("reapplications")).hasSize(3);
            assertThat(get("/api/delegations/" + again.value()).get("status").asText()).isEqualTo("COMPLETED");
        });
        // The unrelated matter is read below too, perhaps handled on the other segment.
        ProjectionsAtHead.await(jdbc, "delegations");
        JsonNode earlier = get("/api/delegations/" + failed.value());
        assertThat(earlier.get("reapplications").findValuesAsText("delegationId"))
                .containsExactly(again.value(), third.value(), elsewhere.value());
        assertThat(earlier.get("reapplications").get(0).get("successful").asBoolean()).isFalse();
        assertThat(earlier.get("reapplications").get(1).get("status").asText()).isEqualTo("HANDLING");
        assertThat(earlier.get("reapplications").get(1).hasNonNull("successful")).isFalse();
        assertThat(earlier.get("reapplications").get(2).get("stationCode").asText()).isEqualTo(ELSEWHERE);
        // The first station's own staff see the re-applications in their jurisdiction only.
        HttpHeaders staff = new HttpHeaders();
        staff.setBearerAuth(tokens.issue("agent-" + C, Role.AGENT, C));
        JsonNode seenByStaff = json.readTree(http.exchange("/api/delegations/" + failed.value(), HttpMethod.GET,
                new HttpEntity<>(staff), String.class).getBody());
        assertThat(seenByStaff.get("reapplications").findValuesAsText("delegationId"))
                .containsExactly(again.value(), third.value());
        assertThat(earlier.hasNonNull("previousDelegationId")).isFalse();
        JsonNode later = get("/api/delegations/" + again.value());
        assertThat(later.get("previousDelegationId").asText()).isEqualTo(failed.value());
        assertThat(later.get("reapplications")).isEmpty();
        assertThat(get("/api/delegations/" + unrelated.value()).hasNonNull("previousDelegationId")).isFalse();

        // 001 §6.4.2 on the dashboard: of the station's matters completed without success in the period (both
        // failures), one has been applied for again; the other (the re-application that failed) not yet.
        String period = "?rollUp=false&from=" + failedOn.minusDays(1) + "&to=" + againFailedOn.plusDays(1);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode board = get("/api/stations/" + C + "/dashboard" + period);
            assertThat(board.get("failedCompletions").asLong()).isEqualTo(2);
            assertThat(board.get("failedReapplied").asLong()).isEqualTo(1);
        });
        JsonNode before = get("/api/stations/" + C + "/dashboard?rollUp=false&from=" + failedOn.minusDays(3)
                + "&to=" + failedOn.minusDays(1));
        assertThat(before.get("failedCompletions").asLong()).isZero();
        // Read through the failures' partial index and the re-applications' (explained without sequential scans).
        String plan = new TransactionTemplate(transactions).execute(status -> {
            status.setRollbackOnly();
            jdbc.execute("set local enable_seqscan = off");
            return String.join("\n", jdbc.queryForList("explain " + DashboardQueries.failuresSql(ScopeSql.of(C, false)),
                    String.class, C, java.sql.Date.valueOf(failedOn), java.sql.Date.valueOf(againFailedOn)));
        });
        assertThat(plan).contains("delegation_view_failed").contains("delegation_view_previous");

        // V172's backfill, run on this station's rows set back to null in a transaction rolled back, links the same.
        String linked = "select delegation_id || ' ' || coalesce(previous_delegation_id, '-') from delegation_view "
                + "where station_code = ? order by 1";
        List<String> projected = jdbc.queryForList(linked, String.class, C);
        assertThat(projected).contains(again.value() + " " + failed.value(), unrelated.value() + " -");
        String backfill = StationEvents.backfillOf("V172__reapplications.sql");
        new TransactionTemplate(transactions).executeWithoutResult(tx -> {
            jdbc.update("update delegation_view set previous_delegation_id = null where station_code = ?", C);
            jdbc.update(backfill + " and d.station_code = '" + C + "'");
            assertThat(jdbc.queryForList(linked, String.class, C)).isEqualTo(projected);
            tx.setRollbackOnly();
        });
    }
}
