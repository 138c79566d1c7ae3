package cn.daiban.query.ledger;

import cn.daiban.kernel.agent.AgentId;
import cn.daiban.kernel.calendar.ServiceClock;
import cn.daiban.kernel.common.PhoneNumber;
import cn.daiban.kernel.common.RegionCode;
import cn.daiban.kernel.delegation.DelegationId;
import cn.daiban.kernel.delegation.DelegationKind;
import cn.daiban.kernel.delegation.DelegationTransferRefusedEvent;
import cn.daiban.kernel.delegation.DelegationTransferRequestedEvent;
import cn.daiban.kernel.delegation.DelegationTransferWithdrawnEvent;
import cn.daiban.kernel.delegation.DelegationTransferredEvent;
import cn.daiban.kernel.station.StationCode;
import cn.daiban.kernel.station.StationLevel;
import cn.daiban.kernel.station.StationManager;
import cn.daiban.kernel.station.StationOpeningApprovedEvent;
import cn.daiban.kernel.station.StationOpeningRequestedEvent;
import cn.daiban.kernel.station.StationWindow;
import cn.daiban.query.support.PostgresIntegrationTest;
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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Transfers between zones wait for the receiver (003 三(五)), on a real PostgreSQL: a transfer waiting longer than a
 * working day is flagged for supervision (rule transfer-accepted-within-a-working-day) and marked late in the
 * matter's view, a fresh one is pending but not flagged; once accepted the matter is at the new window with the
 * receiver's helper in its details, and the flag is gone. A matter whose transfers are refused twice is flagged too
 * (rule transfer-refused-at-most-once, 003 四(三)), and the quarterly assessment counts refusals by the zone that
 * refused. The dashboard keeps these flags out of "at risk".
 */
class PendingTransferIT extends PostgresIntegrationTest {

    /** Station codes of this test only: prefix 1538, plus a random run number so reruns on one database never meet. */
    static final String C = "1538" + String.format("%02d", ThreadLocalRandom.current().nextInt(100)) + "000";
    static final AgentId AGENT = AgentId.of("dddddddd-1538-4c3b-9a57-0d5f1e2a3b4c");
    static final AgentId HELPER = AgentId.of("eeeeeeee-1538-4c3b-9a57-0d5f1e2a3b4c");
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
    @Autowired
    cn.daiban.query.delegation.DelegationProjection projection;

    void append(String type, String aggregateId, Object payload, Instant at) {
        events.append(eventStore, type, aggregateId, payload, at);
    }

    DelegationId commissioned(Instant at) {
        return events.commissioned(eventStore, DelegationKind.ASSIST, at);
    }

    /** A matter commissioned at {@code at} whose transfer from W1 to Z2 was asked for at the same moment. */
    DelegationId transferRequested(Instant at) {
        DelegationId id = commissioned(at);
        append("Delegation", id.value(), new DelegationTransferRequestedEvent(id, "W1", "Z2", "分区调整"), at);
        return id;
    }

    /** The last of the matter's details whose key starts with {@code prefix} (e.g. "transfer:"), or null. */
    static JsonNode detail(JsonNode matter, String prefix) {
        JsonNode found = null;
        for (var entry : (Iterable<Map.Entry<String, JsonNode>>) matter.get("details")::fields) {
            if (entry.getKey().startsWith(prefix)) {
                found = entry.getValue();
            }
        }
        return found;
    }

    JsonNode get(String path) throws Exception {
        return json.readTree(http.getForObject(path, String.class));
    }

    List<String> transferFlags(String path) throws Exception {
        return flagged(path, "transfer-accepted-within-a-working-day");
    }

    /** The matters flagged under {@code rule}, in the order listed. */
    List<String> flagged(String path, String rule) throws Exception {
        List<String> ids = new ArrayList<>();
        get(path).get("flags").forEach(flag -> {
            if (rule.equals(flag.path("rule").asText())) {
                ids.add(flag.get("delegationId").asText());
            }
        });
        return ids;
    }

    /** The test's station, opened once for both tests (whichever runs first). */
    static synchronized boolean firstToOpen() {
        return !events.stationOpened();
    }

    void stationOpened(Instant at) {
        if (!firstToOpen()) {
            return;
        }
        append("Station", C, new StationOpeningRequestedEvent(StationCode.of(C), "县政务服务中心 " + C,
                StationLevel.COUNTY_CENTRE, null, null, RegionCode.of("142200"), "地址",
                new StationManager("张伟", PhoneNumber.of("13812345678")), PhoneNumber.of("0356-7022345"),
                List.of(new StationWindow("W1", "综合窗口", StationWindow.Kind.WINDOW, null),
                        new StationWindow("Z2", "人社分区", StationWindow.Kind.SUB_ZONE, "人社"),
                        new StationWindow("Z3", "企业服务分区", StationWindow.Kind.SUB_ZONE, "市场监管")), Set.of()), at);
        append("Station", C, new StationOpeningApprovedEvent(StationCode.of(C), null, null), at);
    }

    @Test
    void aTransferNotAcceptedWithinAWorkingDayIsFlaggedUntilTheReceiverAcceptsIt() throws Exception {
        Instant now = Instant.now();
        Instant weeksAgo = now.minus(20, ChronoUnit.DAYS);
        stationOpened(now.minus(30, ChronoUnit.DAYS));
        DelegationId waiting = transferRequested(weeksAgo);
        DelegationId fresh = transferRequested(now);

        String flags = "/api/supervision/flags?station=" + C;
        // A transfer request not projected yet has no "pendingTransfer": path() reads it as missing, a failed assertion
        // the wait retries (get() would throw a NullPointerException, which it would not).
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(transferFlags(flags)).containsExactly(waiting.value());
            JsonNode late = get("/api/delegations/" + waiting.value());
            assertThat(late.path("window").asText()).isEqualTo("W1");
            assertThat(late.path("pendingTransfer").path("toWindow").asText()).isEqualTo("Z2");
            assertThat(late.path("pendingTransfer").path("late").isBoolean()).isTrue();
            assertThat(late.path("pendingTransfer").path("late").asBoolean()).isTrue();
            JsonNode pending = get("/api/delegations/" + fresh.value());
            assertThat(pending.path("pendingTransfer").path("toWindow").asText()).isEqualTo("Z2");
            assertThat(pending.path("pendingTransfer").path("late").isBoolean()).isTrue();
            assertThat(pending.path("pendingTransfer").path("late").asBoolean()).isFalse();
        });
        // The flag is supervision's; the dashboard's "at risk" list (临近办理时限) does not take it.
        JsonNode dashboard = get("/api/stations/" + C + "/dashboard");
        dashboard.get("atRisk").forEach(flag ->
                assertThat(flag.get("delegationId").asText()).isNotEqualTo(waiting.value()));

        // The receiver accepts, naming its helper: the matter is at Z2, the first receiver still responsible.
        append("Delegation", waiting.value(), new DelegationTransferredEvent(waiting, "W1", "Z2", "分区调整", HELPER,
                "李帮办", "已接收"), now);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(transferFlags(flags)).isEmpty();
            JsonNode accepted = get("/api/delegations/" + waiting.value());
            assertThat(accepted.get("window").asText()).isEqualTo("Z2");
            assertThat(accepted.hasNonNull("pendingTransfer")).isFalse();
            assertThat(accepted.get("agentId").asText()).isEqualTo(AGENT.value());
            JsonNode transfer = detail(accepted, "transfer:");
            assertThat(transfer).isNotNull();
            assertThat(transfer.get("helperAgentId").asText()).isEqualTo(HELPER.value());
            assertThat(transfer.get("helperName").asText()).isEqualTo("李帮办");
        });
    }

    /**
     * A late transfer refused by its receiver (not within its duties), and one withdrawn by its sender: neither is
     * pending nor flagged any more, both matters stay at W1 with their responsible agent, and what ended each
     * transfer is in the matter's details and its steps.
     */
    @Test
    void aRefusedOrWithdrawnTransferIsNoLongerPendingAndTheMatterStaysAtItsWindow() throws Exception {
        Instant now = Instant.now();
        Instant weeksAgo = now.minus(20, ChronoUnit.DAYS);
        stationOpened(now.minus(30, ChronoUnit.DAYS));
        DelegationId refused = transferRequested(weeksAgo);
        DelegationId withdrawn = transferRequested(weeksAgo);
        String flags = "/api/supervision/flags?station=" + C;
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(transferFlags(flags)).contains(refused.value(), withdrawn.value()));

        append("Delegation", refused.value(), new DelegationTransferRefusedEvent(refused, "W1", "Z2", "不属人社分区职责"),
                now);
        append("Delegation", withdrawn.value(), new DelegationTransferWithdrawnEvent(withdrawn, "W1", "Z2", "转错分区"),
                now);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(transferFlags(flags)).doesNotContain(refused.value(), withdrawn.value());
            for (var ended : Map.of(refused, "transfer-refused:", withdrawn, "transfer-withdrawn:").entrySet()) {
                JsonNode matter = get("/api/delegations/" + ended.getKey().value());
                assertThat(matter.path("window").asText()).isEqualTo("W1");
                assertThat(matter.hasNonNull("pendingTransfer")).isFalse();
                assertThat(matter.path("agentId").asText()).isEqualTo(AGENT.value());
                JsonNode detail = detail(matter, ended.getValue());
                assertThat(detail).as("%s in %s", ended.getValue(), matter.get("details")).isNotNull();
                assertThat(detail.path("to").asText()).isEqualTo("Z2");
                assertThat(detail.path("reason").asText())
                        .isEqualTo(ended.getKey().equals(refused) ? "不属人社分区职责" : "转错分区");
                JsonNode steps = matter.get("steps");
                assertThat(steps.get(steps.size() - 1).path("summary").asText()).isEqualTo(ended.getKey()
                        .equals(refused) ? "退回转办：不属人社分区职责" : "撤回转办：转错分区");
                // When it was asked for (twenty days before), to judge how long it waited; and who ended it.
                assertThat(Instant.parse(detail.path("requestedAt").asText())).isEqualTo(weeksAgo.truncatedTo(
                        ChronoUnit.MILLIS));
                assertThat(detail.path("by").asText()).isEqualTo(AGENT.value());
            }
        });
    }

    /**
     * 严禁推诿扯皮 (003 四(三)): a matter whose transfers were refused twice (by Z2, then by Z3) is flagged for
     * supervision under rule transfer-refused-at-most-once, kept out of the dashboard's "at risk"; one refused once,
     * or withdrawn twice by its sender, is not. The quarterly assessment counts each refusal under the zone that
     * refused, and the station's row counts them all; agents' rows carry no such figure.
     */
    @Test
    void aMatterWhoseTransfersAreRefusedTwiceIsFlaggedAndEachRefusalCountsForTheZoneThatRefused() throws Exception {
        Instant now = Instant.now();
        stationOpened(now.minus(30, ChronoUnit.DAYS));
        DelegationId bounced = transferRequested(now);
        append("Delegation", bounced.value(), new DelegationTransferRefusedEvent(bounced, "W1", "Z2", "不属人社分区职责"),
                now);
        append("Delegation", bounced.value(), new DelegationTransferRequestedEvent(bounced, "W1", "Z3", "转企业分区"),
                now);
        DelegationId once = commissioned(now);
        append("Delegation", once.value(), new DelegationTransferRequestedEvent(once, "W1", "Z3", "转企业分区"), now);
        append("Delegation", once.value(), new DelegationTransferRefusedEvent(once, "W1", "Z3", "非企业事项"), now);
        DelegationId withdrawnTwice = transferRequested(now);
        append("Delegation", withdrawnTwice.value(),
                new DelegationTransferWithdrawnEvent(withdrawnTwice, "W1", "Z2", "转错分区"), now);
        append("Delegation", withdrawnTwice.value(),
                new DelegationTransferRequestedEvent(withdrawnTwice, "W1", "Z2", "分区调整"), now);
        append("Delegation", withdrawnTwice.value(),
                new DelegationTransferWithdrawnEvent(withdrawnTwice, "W1", "Z2", "仍在本窗口办理"), now);

        String flags = "/api/supervision/flags?station=" + C;
        // Refused once so far: not flagged (its second transfer is pending, the refusal projected).
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(get("/api/delegations/" + bounced.value()).path("pendingTransfer").path("toWindow").asText())
                    .isEqualTo("Z3");
            assertThat(detail(get("/api/delegations/" + withdrawnTwice.value()), "transfer-withdrawn:")
                    .path("reason").asText()).isEqualTo("仍在本窗口办理");
            assertThat(detail(get("/api/delegations/" + once.value()), "transfer-refused:")).isNotNull();
        });
        assertThat(flagged(flags, PendingTransfers.REFUSED_RULE)).isEmpty();

        append("Delegation", bounced.value(), new DelegationTransferRefusedEvent(bounced, "W1", "Z3", "非企业事项"), now);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(flagged(flags, PendingTransfers.REFUSED_RULE)).containsExactly(bounced.value()));
        // Applied twice (two processors briefly claiming one segment), the refusal counts once and keeps when its
        // transfer was asked for, as the projection's other writes change nothing the second time.
        String refusedRow = "select transfers_refused || ' ' || (details -> ? ->> 'requestedAt') from delegation_view "
                + "where delegation_id = ?";
        var lastRefusal = eventStore.readEvents(bounced.value()).asStream().reduce((a, b) -> b).orElseThrow();
        String refusalKey = "transfer-refused:" + lastRefusal.getSequenceNumber();
        String countedOnce = jdbc.queryForObject(refusedRow, String.class, refusalKey, bounced.value());
        assertThat(countedOnce).startsWith("2 ").doesNotEndWith("null");
        var handler = cn.daiban.query.delegation.DelegationProjection.class.getDeclaredMethod("on",
                DelegationTransferRefusedEvent.class, org.axonframework.eventhandling.DomainEventMessage.class);
        handler.setAccessible(true);
        new org.springframework.transaction.support.TransactionTemplate(transactions).executeWithoutResult(tx -> {
            try {
                handler.invoke(projection, lastRefusal.getPayload(), lastRefusal);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        });
        assertThat(jdbc.queryForObject(refusedRow, String.class, refusalKey, bounced.value())).isEqualTo(countedOnce);

        JsonNode flag = null;
        for (JsonNode f : get(flags).get("flags")) {
            if (PendingTransfers.REFUSED_RULE.equals(f.path("rule").asText())) {
                flag = f;
            }
        }
        assertThat(flag.get("colour").asText()).isEqualTo("YELLOW");
        assertThat(flag.get("reason").asText()).startsWith("转办被退回2次");
        get("/api/stations/" + C + "/dashboard").get("atRisk").forEach(f ->
                assertThat(f.get("delegationId").asText()).isNotEqualTo(bounced.value()));

        LocalDate today = ServiceClock.defaults().dayOf(now);
        String assessment = "/api/assessments/quarterly?station=" + C + "&year=" + today.getYear() + "&quarter="
                + ((today.getMonthValue() + 2) / 3) + "&level=";
        Map<String, Long> byZone = new HashMap<>();
        Map<String, JsonNode> zoneRows = new HashMap<>();
        get(assessment + "ZONE").get("rows").forEach(row -> {
            byZone.put(row.get("key").asText(), row.get("transfersRefused").asLong());
            zoneRows.put(row.get("key").asText(), row);
        });
        // Z3 holds no matter: its row is its refusals', with the zone's other figures at zero like any zone's.
        assertThat(zoneRows.get(C + ":Z3").path("volume").asLong()).isZero();
        assertThat(zoneRows.get(C + ":Z3").hasNonNull("complaints")).as("%s", zoneRows.get(C + ":Z3")).isTrue();
        // Z3 refused twice (the bounced matter's second transfer and the other matter's); W1, the sender, none. Z2's
        // count also holds the refusal of this class's other test, when it ran first.
        assertThat(byZone).containsEntry(C + ":Z3", 2L).containsEntry(C + ":W1", 0L);
        assertThat(byZone.get(C + ":Z2")).isGreaterThanOrEqualTo(1L);
        JsonNode station = get(assessment + "STATION").get("rows").get(0);
        assertThat(station.get("key").asText()).isEqualTo(C);
        assertThat(station.get("transfersRefused").asLong())
                .isEqualTo(byZone.values().stream().mapToLong(Long::longValue).sum());
        // An upgraded database counts as the projection does: V168's backfill, run on this station's rows set back
        // to zero in a transaction rolled back, gives each matter the count the projection keeps.
        String refusedCounts = "select delegation_id || ' ' || transfers_refused from delegation_view "
                + "where station_code = ? and transfers_refused > 0 order by 1";
        List<String> projected = jdbc.queryForList(refusedCounts, String.class, C);
        assertThat(projected).contains(bounced.value() + " 2", once.value() + " 1");
        String backfill = StationEvents.backfillOf("V168__refused_transfers.sql");
        new org.springframework.transaction.support.TransactionTemplate(transactions).executeWithoutResult(tx -> {
            jdbc.update("update delegation_view set transfers_refused = 0 where station_code = ?", C);
            jdbc.update(backfill);
            assertThat(jdbc.queryForList(refusedCounts, String.class, C)).isEqualTo(projected);
            tx.setRollbackOnly();
        });

        JsonNode agents = get(assessment + "AGENT").get("rows");
        assertThat(agents).isNotEmpty();
        agents.forEach(row -> assertThat(row.hasNonNull("transfersRefused")).as("%s", row).isFalse());
    }
}
