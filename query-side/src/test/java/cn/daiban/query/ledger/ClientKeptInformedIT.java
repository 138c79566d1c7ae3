package cn.daiban.query.ledger;

import cn.daiban.kernel.agent.AgentId;
import cn.daiban.kernel.calendar.ServiceClock;
import cn.daiban.kernel.delegation.DelegationCompletedEvent;
import cn.daiban.kernel.delegation.DelegationId;
import cn.daiban.kernel.delegation.DelegationKind;
import cn.daiban.kernel.delegation.DelegationResumedEvent;
import cn.daiban.kernel.delegation.DeliveryAttempt;
import cn.daiban.kernel.delegation.DelegationSuspendedEvent;
import cn.daiban.kernel.delegation.DeliveryMethod;
import cn.daiban.kernel.delegation.MissingMaterial;
import cn.daiban.kernel.delegation.ProgressChannel;
import cn.daiban.kernel.delegation.ProgressReportedEvent;
import cn.daiban.kernel.delegation.ResultDeliveredEvent;
import cn.daiban.kernel.delegation.ResultHeldForCollectionEvent;
import cn.daiban.kernel.delegation.SupplementReceivedEvent;
import cn.daiban.kernel.delegation.SupplementRequestedEvent;
import cn.daiban.kernel.delegation.SuspensionReason;
import cn.daiban.kernel.station.StationLevel;
import cn.daiban.query.support.PostgresIntegrationTest;
import cn.daiban.query.support.ProjectionsAtHead;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The client is kept informed, on a real PostgreSQL. Results reach the client in time (004 §6.3.3.3 及时送达, 000
 * §6.4 办结后及时反馈): the dashboard counts the matters completed and not delivered, and a matter completed longer ago
 * than daiban.delivery.within-working-days (3) and still not delivered is a yellow flag for supervision and on the
 * dashboard (rule result-delivered-promptly), whether it succeeded or failed; one completed today is counted, not
 * flagged; once delivered it is neither. The client of a proxy in hand hears how it stands regularly (002 代办·承办
 * 定期提供进度报告): silent longer than daiban.progress.report-every-working-days (5), it is flagged (rule
 * progress-reported-regularly) until a report is made.
 */
class ClientKeptInformedIT extends PostgresIntegrationTest {

    /** Station codes of this test only: prefix 1539, plus a random run number so reruns on one database never meet. */
    static final String C = "1539" + String.format("%02d", ThreadLocalRandom.current().nextInt(100)) + "000";
    static final AgentId AGENT = AgentId.of("dddddddd-1539-4c3b-9a57-0d5f1e2a3b4c");
    static final StationEvents events = new StationEvents(C, AGENT);

    @Autowired
    EventStore eventStore;
    @Autowired
    TestRestTemplate http;
    @Autowired
    ObjectMapper json;
    @Autowired
    org.springframework.jdbc.core.JdbcTemplate jdbc;
    @Autowired
    org.springframework.transaction.PlatformTransactionManager transactions;

    void append(String type, String aggregateId, Object payload, Instant at) {
        events.append(eventStore, type, aggregateId, payload, at);
    }

    /** A matter of {@code kind} commissioned at {@code at}. */
    DelegationId commissioned(DelegationKind kind, Instant at) {
        return events.commissioned(eventStore, kind, at);
    }

    /** A matter commissioned at {@code at} and completed then, successfully or not. */
    DelegationId completed(Instant at, boolean successful) {
        DelegationId id = commissioned(DelegationKind.ASSIST, at);
        LocalDate day = ServiceClock.defaults().dayOf(at);
        append("Delegation", id.value(), new DelegationCompletedEvent(id, successful, successful ? "证书 001" : null,
                successful ? null : "材料不符合要求", day, day.plusDays(90), true, 0), at);
        return id;
    }

    JsonNode get(String path) throws Exception {
        return json.readTree(http.getForObject(path, String.class));
    }

    /** The 备注 of the matter's row in the station's work ledger, or "" when it has none. */
    String ledgerRemark(DelegationId id) throws Exception {
        for (JsonNode row : get("/api/ledger?station=" + C + "&size=100").get("rows")) {
            if (row.path("delegationId").asText().equals(id.value())) {
                return row.path("remark").asText("");
            }
        }
        throw new AssertionError("not in the ledger: " + id);
    }

    /** The test's station, opened once for both tests (whichever runs first). */
    synchronized void stationOpened(Instant at) {
        if (events.stationOpened()) {
            return;
        }
        events.opened(eventStore, StationLevel.COUNTY_CENTRE, null, at);
    }

    @Test
    void aResultNotDeliveredWithinThreeWorkingDaysOfCompletionIsFlaggedUntilItIsDelivered() throws Exception {
        Instant now = Instant.now();
        Instant weeksAgo = now.minus(20, ChronoUnit.DAYS);
        stationOpened(now.minus(30, ChronoUnit.DAYS));
        DelegationId waiting = completed(weeksAgo, true);
        DelegationId failed = completed(weeksAgo, false);
        DelegationId fresh = completed(now, true);
        DelegationId delivered = completed(weeksAgo, true);
        DelegationId held = completed(weeksAgo, true);
        LocalDate today = ServiceClock.defaults().dayOf(now);
        append("Delegation", delivered.value(), new ResultDeliveredEvent(delivered, DeliveryMethod.IN_PERSON, null,
                "签收单", true, false, today, today), now);
        // 留存待领: tried and could not hand it over; kept at the station, counted, not late.
        append("Delegation", held.value(), new ResultHeldForCollectionEvent(held, List.of(new DeliveryAttempt(
                weeksAgo.plus(1, ChronoUnit.DAYS), ProgressChannel.PHONE, "空号")), "中心档案室", today), now);

        String flags = "/api/supervision/flags?station=" + C;
        String dashboard = "/api/stations/" + C + "/dashboard";
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(StationEvents.flagged(get(flags).get("flags"), AwaitingDelivery.RULE))
                    .containsExactlyInAnyOrder(waiting.value(), failed.value());
            JsonNode board = get(dashboard);
            assertThat(board.path("awaitingDelivery").asLong()).as("completed, not delivered").isEqualTo(4);
            assertThat(StationEvents.flagged(board.get("lateDeliveries"), null)).containsExactlyInAnyOrder(waiting.value(),
                    failed.value());
            assertThat(StationEvents.flagged(board.get("atRisk"), null)).doesNotContain(waiting.value(), failed.value());
        });
        for (JsonNode flag : get(flags).get("flags")) {
            if (flag.path("delegationId").asText().equals(failed.value())) {
                assertThat(flag.get("colour").asText()).isEqualTo("YELLOW");
                assertThat(flag.get("reason").asText()).startsWith("办结后结果未送达").contains("未办成");
            }
        }

        JsonNode detail = get("/api/delegations/" + held.value());
        assertThat(detail.path("details").path("resultHeld").path("keptAt").asText()).isEqualTo("中心档案室");
        assertThat(detail.path("details").path("resultHeld").path("attempts").get(0).path("channel").asText())
                .isEqualTo("PHONE");
        assertThat(ledgerRemark(held)).contains("结果未能送达，" + today + "起留存待领");

        append("Delegation", waiting.value(), new ResultDeliveredEvent(waiting, DeliveryMethod.POST, "SF1234567890",
                null, true, true, today, today), now);
        // The client of the kept result comes after all: delivered, no longer said to be kept.
        append("Delegation", held.value(), new ResultDeliveredEvent(held, DeliveryMethod.IN_PERSON, null, "本人签收",
                true, false, today, today), now);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(StationEvents.flagged(get(flags).get("flags"), AwaitingDelivery.RULE)).containsExactly(failed.value());
            assertThat(get(dashboard).path("awaitingDelivery").asLong()).isEqualTo(2);
            assertThat(ledgerRemark(held)).doesNotContain("留存待领");
        });
    }

    /**
     * A proxy in hand whose client has heard nothing for more than five working days since intake is flagged, until a
     * progress report; one reported on, one whose client was back in touch at its continuation or with the materials
     * asked for, one still waiting for materials, a fresh one and an assist (帮办) are not. An upgraded database
     * counts the day last heard as the projection does (V169's backfill).
     */
    @Test
    void aProxyWhoseClientHearsNothingForFiveWorkingDaysIsFlaggedUntilProgressIsReported() throws Exception {
        Instant now = Instant.now();
        Instant weeksAgo = now.minus(20, ChronoUnit.DAYS);
        LocalDate today = ServiceClock.defaults().dayOf(now);
        stationOpened(now.minus(30, ChronoUnit.DAYS));
        DelegationId silent = commissioned(DelegationKind.PROXY, weeksAgo);
        DelegationId reported = commissioned(DelegationKind.PROXY, weeksAgo);
        append("Delegation", reported.value(), new ProgressReportedEvent(reported, "材料已报送审批部门",
                ProgressChannel.PHONE, null), now);
        DelegationId resumed = commissioned(DelegationKind.PROXY, weeksAgo);
        LocalDate suspendedOn = ServiceClock.defaults().dayOf(weeksAgo.plus(1, ChronoUnit.DAYS));
        append("Delegation", resumed.value(), new DelegationSuspendedEvent(resumed, SuspensionReason.CLIENT_REQUEST,
                "外出", suspendedOn, suspendedOn.plusDays(60)), weeksAgo.plus(1, ChronoUnit.DAYS));
        append("Delegation", resumed.value(), new DelegationResumedEvent(resumed, today, 10, today, today.plusDays(30)),
                now);
        // Materials asked for weeks ago: one proxy got them today (the client was in touch), one still waits for them
        // (not in hand).
        LocalDate asked = ServiceClock.defaults().dayOf(weeksAgo);
        DelegationId supplied = commissioned(DelegationKind.PROXY, weeksAgo);
        append("Delegation", supplied.value(), new SupplementRequestedEvent(supplied, 1,
                List.of(new MissingMaterial("户口簿", "户籍")), asked, asked.plusDays(5), null, false), weeksAgo);
        append("Delegation", supplied.value(), new SupplementReceivedEvent(supplied, 1, today, 5, asked.plusDays(60),
                asked.plusDays(67)), now);
        DelegationId waiting = commissioned(DelegationKind.PROXY, weeksAgo);
        append("Delegation", waiting.value(), new SupplementRequestedEvent(waiting, 1,
                List.of(new MissingMaterial("户口簿", "户籍")), asked, asked.plusDays(5), null, false), weeksAgo);
        DelegationId fresh = commissioned(DelegationKind.PROXY, now);
        DelegationId assist = commissioned(DelegationKind.ASSIST, weeksAgo);

        String flags = "/api/supervision/flags?station=" + C;
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(StationEvents.flagged(get(flags).get("flags"), ProgressReports.RULE)).containsExactly(silent.value());
            assertThat(get("/api/delegations/" + resumed.value()).path("status").asText()).isEqualTo("HANDLING");
            assertThat(get("/api/delegations/" + supplied.value()).path("status").asText()).isEqualTo("HANDLING");
            assertThat(get("/api/delegations/" + waiting.value()).path("status").asText())
                    .isEqualTo("AWAITING_SUPPLEMENT");
            assertThat(get("/api/delegations/" + fresh.value()).path("status").asText()).isEqualTo("HANDLING");
            assertThat(get("/api/delegations/" + assist.value()).path("status").asText()).isEqualTo("HANDLING");
        });
        // Not flagged holds for a matter not projected yet too: the reported one's steps are awaited apart.
        ProjectionsAtHead.await(jdbc, "delegations");
        for (JsonNode flag : get(flags).get("flags")) {
            if (ProgressReports.RULE.equals(flag.path("rule").asText())) {
                assertThat(flag.get("colour").asText()).isEqualTo("YELLOW");
                assertThat(flag.get("reason").asText()).startsWith("代办事项未定期报告进度")
                        .contains(ServiceClock.defaults().dayOf(weeksAgo).toString());
            }
        }
        assertThat(StationEvents.flagged(get("/api/stations/" + C + "/dashboard").get("atRisk"), null)).doesNotContain(silent.value());

        // V169's backfill, run on this station's rows set back to null in a transaction rolled back, gives each matter
        // the day the projection keeps.
        String heard = "select delegation_id || ' ' || coalesce(cast(last_reported_on as text), '-') "
                + "from delegation_view where station_code = ? order by 1";
        List<String> projected = jdbc.queryForList(heard, String.class, C);
        assertThat(projected).contains(reported.value() + " " + today, resumed.value() + " " + today,
                supplied.value() + " " + today);
        String backfill = StationEvents.backfillOf("V169__progress_reports.sql");
        new org.springframework.transaction.support.TransactionTemplate(transactions).executeWithoutResult(tx -> {
            jdbc.update("update delegation_view set last_reported_on = null where station_code = ?", C);
            jdbc.update(backfill + " and d.station_code = '" + C + "'");
            assertThat(jdbc.queryForList(heard, String.class, C)).isEqualTo(projected);
            tx.setRollbackOnly();
        });

        append("Delegation", silent.value(), new ProgressReportedEvent(silent, "已受理，等待审批", ProgressChannel.SMS,
                null), now);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(StationEvents.flagged(get(flags).get("flags"), ProgressReports.RULE)).isEmpty());
    }
}
