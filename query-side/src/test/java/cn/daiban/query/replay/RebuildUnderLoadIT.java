package cn.daiban.query.replay;

import cn.daiban.kernel.delegation.DelegationCompletedEvent;
import cn.daiban.kernel.delegation.DelegationId;
import cn.daiban.kernel.delegation.DelegationKind;
import cn.daiban.kernel.station.StationCode;
import cn.daiban.query.asof.PointInTime;
import cn.daiban.query.support.PostgresIntegrationTest;
import cn.daiban.query.support.Rebuilds;
import cn.daiban.query.support.TestEvents;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Shadow rebuilds of {@code delegations} run back to back while events keep being appended (by two writers, so
 * transactions commit out of global-index order): once the writers stop and the live processor has caught up with
 * the head, every delegation appended — before, during or between the rebuilds — is in the live view with its last
 * step. A switch-over must neither drop a row the live processor wrote nor leave the processor past an event that
 * neither it nor the rebuild handled.
 */
class RebuildUnderLoadIT extends PostgresIntegrationTest {

    private static final LocalDate ON = LocalDate.of(2026, 11, 2);

    @Autowired
    EventStore eventStore;
    @Autowired
    EventProcessingConfiguration processing;
    @Autowired
    TestRestTemplate http;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    ObjectMapper json;
    @Autowired
    ProjectionRebuilds rebuilds;
    @Autowired
    PlatformTransactionManager transactions;
    @Autowired
    PointInTime pointInTime;

    final StationCode station = StationCode.of("1478" + (int) (Math.random() * 900000 + 100000));

    void append(DelegationId id, long sequence, Object payload) {
        TestEvents.appendToDelegation(eventStore, station, id, sequence, payload);
    }

    JsonNode get(String path) throws Exception {
        return json.readTree(http.getForEntity(path, String.class).getBody());
    }

    JsonNode rebuild() throws Exception {
        return Rebuilds.rebuild(http, json, "delegations", Duration.ofSeconds(60));
    }

    @Test
    void everyDelegationAppendedAroundBackToBackRebuildsEndsUpInTheLiveView() throws Exception {
        Queue<DelegationId> appended = new ConcurrentLinkedQueue<>();
        AtomicBoolean writing = new AtomicBoolean(true);
        ExecutorService writers = Executors.newFixedThreadPool(2);
        try {
            List<Future<?>> running = java.util.stream.IntStream.range(0, 2).<Future<?>>mapToObj(n -> writers.submit(() -> {
                while (writing.get()) {
                    DelegationId id = DelegationId.create();
                    append(id, 0, TestEvents.commissioned(id, DelegationKind.ASSIST, station, null, ON, ON.plusDays(7)));
                    append(id, 1, new DelegationCompletedEvent(id, true, "参保号", null, ON.plusDays(2),
                            ON.plusDays(7), true, 2));
                    appended.add(id);
                    // Pacing, not waiting for a state: the appends must go on through every rebuild without
                    // outrunning the rebuild's catch-up on a loaded two-core machine.
                    Thread.sleep(150);
                }
                return null;
            })).toList();
            int beforeRebuilds = appended.size();
            for (int round = 0; round < 3; round++) {
                JsonNode outcome = rebuild();
                assertThat(outcome.get("state").asText()).as("rebuild %d: %s", round, outcome).isEqualTo("SWITCHED");
            }
            assertThat(appended.size()).as("matters appended while the rebuilds ran").isGreaterThan(beforeRebuilds);
            // Rebuilds quicker than the pacing would leave too few matters to tell: the writers go on to 21 at least
            // (or until one of them fails, which writer.get() below then reports).
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> appended.size() > 20 || running.stream().anyMatch(Future::isDone));
            writing.set(false);
            for (Future<?> writer : running) {
                writer.get();
            }
        } finally {
            writing.set(false);
            writers.shutdownNow();
        }
        long head = jdbc.queryForObject("select max(global_index) from command_side.domain_event_entry", Long.class);
        StreamingEventProcessor processor = processing.eventProcessor("delegations", StreamingEventProcessor.class)
                .orElseThrow();
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            var statuses = processor.processingStatus().values();
            assertThat(statuses).hasSize(2);
            assertThat(statuses).allSatisfy(s -> assertThat(s.getCurrentPosition().orElse(-1)).isGreaterThanOrEqualTo(head));
        });
        Map<String, String> live = jdbc.queryForList("select delegation_id, status from query_side.delegation_view"
                        + " where station_code = ?", station.value()).stream()
                .collect(Collectors.toMap(row -> (String) row.get("delegation_id"), row -> (String) row.get("status")));
        Map<String, String> expected = appended.stream().collect(Collectors.toMap(DelegationId::value, id -> "COMPLETED"));
        assertThat(appended).hasSizeGreaterThan(20);
        assertThat(live).isEqualTo(expected);
    }

    /**
     * The cause of rows lost around back-to-back rebuilds: a pooled connection keeps server-side prepared
     * statements (the driver prepares a statement on the server after a few executions). One prepared while the
     * connection already had a temporary schema (from an earlier rebuild) but no shadow table was planned against
     * the live table, and creating a shadow table with the same name does not make PostgreSQL plan it again: the
     * rebuild's writes through that statement went to the live rows (an insert "on conflict do nothing" then did
     * nothing, and the switch-over deleted the live row), its reads saw the live rows. Here on one connection, in
     * one transaction that is rolled back: once shadowed, the same statement must read the (empty) shadow table.
     */
    @Test
    void aStatementPreparedBeforeTheShadowTablesReadsTheShadowOnceTheyExist() {
        DelegationId id = DelegationId.create();
        append(id, 0, TestEvents.commissioned(id, DelegationKind.ASSIST, station, null, ON, ON.plusDays(7)));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(jdbc.queryForObject(
                "select count(*) from query_side.delegation_view where delegation_id = ?", Long.class, id.value()))
                .isEqualTo(1));
        String countLive = "select count(*) from delegation_view where delegation_id <> ?";
        new TransactionTemplate(transactions).executeWithoutResult(status -> {
            // The connection gets its temporary schema, as after an earlier rebuild on it.
            jdbc.execute("create temporary table earlier_rebuild (x int) on commit drop");
            for (int use = 0; use < 8; use++) {
                assertThat(jdbc.queryForObject(countLive, Long.class, "none")).isPositive();
            }
            rebuilds.shadow("delegations");
            // A statement this connection has not prepared before reads the shadow, and so must the prepared one.
            assertThat(jdbc.queryForObject("select count(*) from delegation_view", Long.class)).isZero();
            assertThat(jdbc.queryForObject(countLive, Long.class, "none")).isZero();
            status.setRollbackOnly();
        });
    }

    /** The same for a point-in-time view: its queries, prepared before on the connection, read the past rows. */
    @Test
    void aPointInTimeViewReadsThePastRowsThroughStatementsPreparedBefore() {
        Instant before = Instant.now().minusSeconds(1);
        DelegationId id = DelegationId.create();
        append(id, 0, TestEvents.commissioned(id, DelegationKind.ASSIST, station, null, ON, ON.plusDays(7)));
        String countOne = "select count(*) from delegation_view where delegation_id = ?";
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(jdbc.queryForObject(countOne, Long.class, id.value())).isEqualTo(1));
        new TransactionTemplate(transactions).executeWithoutResult(status -> {
            status.setRollbackOnly();
            jdbc.execute("create temporary table earlier_view (x int) on commit drop");
            for (int use = 0; use < 8; use++) {
                assertThat(jdbc.queryForObject(countOne, Long.class, id.value())).isEqualTo(1);
            }
            // The view's transaction joins this one, so it runs on the connection that prepared the statement.
            assertThat(pointInTime.asOf(before, () -> jdbc.queryForObject(countOne, Long.class, id.value())))
                    .isZero();
        });
    }
}
