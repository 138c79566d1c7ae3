package cn.daiban.query.replay;

import cn.daiban.kernel.common.MetadataKeys;
import cn.daiban.kernel.delegation.DelegationCompletedEvent;
import cn.daiban.kernel.delegation.DelegationId;
import cn.daiban.kernel.delegation.DelegationKind;
import cn.daiban.kernel.delegation.ProgressReportedEvent;
import cn.daiban.kernel.station.StationCode;
import cn.daiban.query.support.PostgresIntegrationTest;
import cn.daiban.query.support.TestEvents;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.MetaData;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A measurement, not part of {@code verify} (its name matches neither surefire's nor failsafe's patterns): seeds
 * about {@code rebuild.measure.events} events (default 50,000: per delegation its commissioning, 20
 * progress reports and its completion),
 * times a raw ordered scan of the event table and a shadow rebuild of {@code delegations}, and prints both rates
 * (also to {@code target/rebuild-throughput.txt}). Run it on its own:
 * {@code scripts/unprivileged ./mvnw -B -pl query-side -am verify -Dtest=none -Dit.test=ThroughputOfRebuildsMeasurement
 * -Dsurefire.failIfNoSpecifiedTests=false}.
 */
class ThroughputOfRebuildsMeasurement extends PostgresIntegrationTest {

    private static final Logger log = LoggerFactory.getLogger(ThroughputOfRebuildsMeasurement.class);
    private static final LocalDate ON = LocalDate.of(2026, 11, 2);
    /** Progress reports per delegation, between its commissioning and its completion. */
    private static final int PROGRESS_REPORTS = 30;

    @Autowired
    EventStore eventStore;
    @Autowired
    EventProcessingConfiguration processing;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    ProjectionRebuilds rebuilds;

    @Test
    void measureARebuildAgainstARawOrderedScan() throws Exception {
        int wanted = Integer.getInteger("rebuild.measure.events", 50_000);
        StationCode station = StationCode.of("1477" + (int) (Math.random() * 900000 + 100000));
        MetaData metaData = MetaData.with(MetadataKeys.ACTOR_ID, "agent-1").and(MetadataKeys.STATION_CODE,
                station.value());
        // Sealing a client's personal data looks its key up for every commissioning, so only the commissionings
        // go through the event store; each delegation's later events are copies of one template delegation's,
        // made in SQL with the delegation's id put into the payload (they carry no personal data).
        int delegations = Math.max(1, wanted / (PROGRESS_REPORTS + 2));
        Instant seeding = Instant.now();
        DelegationId template = DelegationId.create();
        eventStore.publish(List.of(
                event(template, 0, TestEvents.commissioned(template, DelegationKind.ASSIST, station, null, ON,
                        ON.plusDays(7)), metaData),
                event(template, 1, new ProgressReportedEvent(template, "材料已送审",
                        cn.daiban.kernel.delegation.ProgressChannel.PHONE, null), metaData),
                event(template, 2, new DelegationCompletedEvent(template, true, "参保号", null, ON.plusDays(2),
                        ON.plusDays(7), true, 2), metaData)));
        List<EventMessage<?>> batch = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        for (int n = 1; n < delegations; n++) {
            DelegationId id = DelegationId.create();
            ids.add(id.value());
            batch.add(event(id, 0, TestEvents.commissioned(id, DelegationKind.ASSIST, station, null, ON,
                    ON.plusDays(7)), metaData));
            if (batch.size() >= 500) {
                eventStore.publish(batch);
                batch = new ArrayList<>();
            }
        }
        if (!batch.isEmpty()) {
            eventStore.publish(batch);
        }
        String copies = """
                insert into command_side.domain_event_entry (event_identifier, aggregate_identifier, sequence_number,
                    type, time_stamp, payload_type, payload_revision, payload, meta_data, actor_id, station_code,
                    correlation_id)
                select gen_random_uuid()::text, d.aggregate_identifier, s.n, t.type, t.time_stamp, t.payload_type,
                    t.payload_revision,
                    convert_to(replace(convert_from(t.payload, 'UTF8'), t.aggregate_identifier, d.aggregate_identifier),
                        'UTF8'),
                    t.meta_data, t.actor_id, t.station_code, t.correlation_id
                from unnest(?::text[]) d(aggregate_identifier)
                cross join generate_series(?, ?) s(n)
                join command_side.domain_event_entry t on t.aggregate_identifier = ? and t.sequence_number = ?
                order by d.aggregate_identifier, s.n""";
        String[] copied = ids.toArray(String[]::new);
        jdbc.update(copies, copied, 1, PROGRESS_REPORTS, template.value(), 1);
        jdbc.update(copies, copied, PROGRESS_REPORTS + 1, PROGRESS_REPORTS + 1, template.value(), 2);
        long head = jdbc.queryForObject("select max(global_index) from command_side.domain_event_entry", Long.class);
        long total = jdbc.queryForObject("select count(*) from command_side.domain_event_entry", Long.class);
        log.info("seeded up to {} events in {}", total, Duration.between(seeding, Instant.now()));
        // Quiet before measuring: every live processor has handled everything.
        await().atMost(Duration.ofMinutes(20)).pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> {
            for (String group : rebuilds.groups()) {
                assertThat(processing.eventProcessor(group, StreamingEventProcessor.class).orElseThrow()
                        .processingStatus().values()).as(group).isNotEmpty().allSatisfy(s ->
                        assertThat(s.getCurrentPosition().orElse(-1)).isGreaterThanOrEqualTo(head));
            }
        });

        long scanStart = System.nanoTime();
        // The raw ordered scan a benchmark compares with: every column a rebuild needs, in the stream's order.
        long scanned = jdbc.query("""
                        select global_index, event_identifier, aggregate_identifier, sequence_number, type, time_stamp,
                            payload_type, payload_revision, payload, meta_data
                        from command_side.domain_event_entry order by global_index""",
                rs -> {
                    long rows = 0;
                    while (rs.next()) {
                        rs.getLong(1);
                        rs.getString(2);
                        rs.getString(3);
                        rs.getLong(4);
                        rs.getString(5);
                        rs.getString(6);
                        rs.getString(7);
                        rs.getString(8);
                        rs.getBytes(9);
                        rs.getBytes(10);
                        rows++;
                    }
                    return rows;
                });
        double scanSeconds = (System.nanoTime() - scanStart) / 1e9;

        for (boolean batched : new boolean[]{false, true}) {
            org.springframework.test.util.ReflectionTestUtils.setField(rebuilds, "batchWrites", batched);
            ProjectionRebuilds.Progress progress = rebuilds.start("delegations");
            await().atMost(Duration.ofMinutes(30)).pollInterval(Duration.ofSeconds(1)).until(() ->
                    !"RUNNING".equals(progress.report().get("state")));
            Map<String, Object> report = progress.report();
            assertThat(report.get("state")).as(report.toString()).isEqualTo("SWITCHED");
            double rebuildRate = ((Number) report.get("eventsPerSecond")).doubleValue();
            double scanRate = scanned / scanSeconds;
            String result = String.format("events in store: %d; raw ordered scan: %d rows in %.2f s = %.0f events/s; "
                            + "rebuild of delegations (writes batched: %s): %s events in %s..%s = %.0f events/s = "
                            + "%.1f %% of the scan",
                    total, scanned, scanSeconds, scanRate, batched, report.get("eventsProcessed"),
                    report.get("startedAt"), report.get("finishedAt"), rebuildRate, 100 * rebuildRate / scanRate);
            log.info(result);
            System.out.println("REBUILD THROUGHPUT: " + result);
            Files.writeString(Path.of("target", "rebuild-throughput.txt"), result + System.lineSeparator(),
                    java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
        }
    }

    private static EventMessage<?> event(DelegationId id, long sequence, Object payload, MetaData metaData) {
        return new GenericDomainEventMessage<>("Delegation", id.value(), sequence, payload, metaData,
                UUID.randomUUID().toString(), Instant.now());
    }
}
