package cn.daiban.query.infrastructure;

import cn.daiban.kernel.eventstore.EventStoreLayout;
import cn.daiban.kernel.eventstore.EventStreamReads;
import cn.daiban.kernel.station.StationCode;
import cn.daiban.query.support.PostgresIntegrationTest;
import cn.daiban.query.support.TestEvents;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.statements.JdbcEventStorageEngineStatements;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The statements a streaming processor reads the event table with ({@link EventStreamReads}): the same rows as Axon's,
 * in the same order, and planned once per connection where Axon's are planned at every read.
 */
class EventStreamReadsIT extends PostgresIntegrationTest {

    static final StationCode STATION = StationCode.of("163800000302");
    static final EventSchema SCHEMA = EventStoreLayout.eventSchema();
    /** Reads of one statement on one connection: the driver prepares it on the server at the fifth. */
    static final int READS = 20;
    static final String PROBE = "stream_reads_probe";
    static final int BATCH = 100;

    @Autowired
    EventStore eventStore;
    @Autowired
    DataSource dataSource;

    @FunctionalInterface
    interface Read {
        PreparedStatement prepare(Connection connection, long from, List<Long> gaps) throws SQLException;
    }

    static final Read AXON_WITHOUT_GAPS = (c, from, gaps) ->
            JdbcEventStorageEngineStatements.readEventDataWithoutGaps(c, SCHEMA, from, 3);
    static final Read OURS_WITHOUT_GAPS = (c, from, gaps) -> EventStreamReads.withoutGaps(c, SCHEMA, from, 3);
    static final Read AXON_WITH_GAPS = (c, from, gaps) ->
            JdbcEventStorageEngineStatements.readEventDataWithGaps(c, SCHEMA, from, 3, gaps);
    static final Read OURS_WITH_GAPS = (c, from, gaps) -> EventStreamReads.withGaps(c, SCHEMA, from, 3, gaps);

    @Test
    void theyReadTheSameEventsAsAxonsInTheSameOrder() throws SQLException {
        List<Long> appended = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            appended.add(append());
        }
        long from = appended.get(4) - 1; // the range holds the 5th to the 7th
        List<Long> gaps = List.of(appended.get(1), appended.get(3), appended.get(7)); // one behind, one beyond
        try (Connection connection = dataSource.getConnection()) {
            assertThat(read(connection, OURS_WITHOUT_GAPS, from, List.of()))
                    .isEqualTo(read(connection, AXON_WITHOUT_GAPS, from, List.of()))
                    .containsExactly(appended.get(4), appended.get(5), appended.get(6));
            assertThat(read(connection, OURS_WITH_GAPS, from, gaps))
                    .isEqualTo(read(connection, AXON_WITH_GAPS, from, gaps))
                    .containsExactly(appended.get(1), appended.get(3), appended.get(4), appended.get(5),
                            appended.get(6), appended.get(7));
            assertThat(read(connection, OURS_WITH_GAPS, from, List.of(appended.get(1))))
                    .as("one gap: the same statement text as three")
                    .containsExactly(appended.get(1), appended.get(4), appended.get(5), appended.get(6));
        }
    }

    /**
     * On a table of 50,000 events of 600 bytes (a copy of the event table's shape, this connection's own: the real one
     * holds the few events of the tests), where the planner's default share for a range it cannot see (0.5 %) is 250
     * rows and a read's range holds a batch of 100 (the processors' batch): Axon's statement is planned at every read,
     * ours once.
     */
    @Test
    void theyArePlannedOnceWhereAxonsArePlannedAtEveryRead() throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            try (java.sql.Statement ddl = connection.createStatement()) {
                ddl.execute("create temporary table " + PROBE + " (like " + SCHEMA.domainEventTable()
                        + " including defaults including constraints including indexes)");
                ddl.execute("insert into " + PROBE + " (global_index, event_identifier, aggregate_identifier,"
                        + " sequence_number, time_stamp, payload_type, payload) select g, 'event-' || g,"
                        + " 'aggregate-' || g, 0, '2026-12-01T00:00:00Z', 'probe',"
                        + " convert_to(repeat('x', 600), 'UTF8') from generate_series(1, 50000) g");
                ddl.execute("analyze " + PROBE);
            }
            EventSchema probe = EventSchema.builder().eventTable(PROBE)
                    .globalIndexColumn(SCHEMA.globalIndexColumn()).timestampColumn(SCHEMA.timestampColumn())
                    .eventIdentifierColumn(SCHEMA.eventIdentifierColumn())
                    .aggregateIdentifierColumn(SCHEMA.aggregateIdentifierColumn())
                    .sequenceNumberColumn(SCHEMA.sequenceNumberColumn()).typeColumn(SCHEMA.typeColumn())
                    .payloadTypeColumn(SCHEMA.payloadTypeColumn()).payloadRevisionColumn(SCHEMA.payloadRevisionColumn())
                    .payloadColumn(SCHEMA.payloadColumn()).metaDataColumn(SCHEMA.metaDataColumn()).build();
            Plans axons = plans(connection, (c, from, gaps) ->
                            JdbcEventStorageEngineStatements.readEventDataWithoutGaps(c, probe, from, BATCH),
                    "<= $2) ORDER BY");
            assertThat(axons.generic()).as("Axon's range is planned for its values at every read: %s", axons)
                    .isZero();
            assertThat(axons.custom()).as("%s", axons).isGreaterThanOrEqualTo(READS - 10);
            Plans ours = plans(connection, (c, from, gaps) -> EventStreamReads.withoutGaps(c, probe, from, BATCH),
                    "<= (SELECT $2::bigint)) ORDER BY");
            assertThat(ours.generic()).as("ours keeps one plan once the server has it: %s", ours)
                    .isGreaterThanOrEqualTo(READS - 10);
            Plans oursWithGaps = plans(connection, (c, from, gaps) ->
                    EventStreamReads.withGaps(c, probe, from, BATCH, List.of(from - 1, from - 2)), "ANY((SELECT $3");
            assertThat(oursWithGaps.generic()).as("%s", oursWithGaps).isGreaterThanOrEqualTo(READS - 10);
        }
    }

    record Plans(long generic, long custom) {
    }

    /**
     * Reads {@code READS} times on one connection, then asks PostgreSQL how the statement was planned there (once the
     * driver has prepared it on the server; the reads before are not counted).
     */
    private static Plans plans(Connection connection, Read read, String marker) throws SQLException {
        for (int i = 0; i < READS; i++) {
            read(connection, read, 10_000 + i, List.of());
        }
        try (PreparedStatement planned = connection.prepareStatement(
                "select coalesce(sum(generic_plans), 0), coalesce(sum(custom_plans), 0) from pg_prepared_statements"
                        + " where strpos(statement, ?) > 0 and strpos(statement, ?) > 0")) {
            planned.setString(1, marker);
            planned.setString(2, PROBE);
            try (ResultSet row = planned.executeQuery()) {
                row.next();
                return new Plans(row.getLong(1), row.getLong(2));
            }
        }
    }

    private static List<Long> read(Connection connection, Read read, long from, List<Long> gaps)
            throws SQLException {
        List<Long> indexes = new ArrayList<>();
        try (PreparedStatement statement = read.prepare(connection, from, gaps);
             ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                indexes.add(rows.getLong(SCHEMA.globalIndexColumn()));
            }
        }
        return indexes;
    }

    /** A commissioning appended through the application's store; its global index ({@link TestEvents}). */
    private long append() {
        return TestEvents.appendCommissioning(eventStore, STATION);
    }
}
