package cn.daiban.kernel.eventstore;

import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

/**
 * How a streaming processor reads the embedded event table: the two statements Axon's {@link JdbcEventStorageEngine}
 * sends for every batch it reads (a token without gaps, and one with gaps), for both sides' engines
 * ({@code JdbcEventStorageEngine.Builder#readEventDataWithoutGaps} and {@code #readEventDataWithGaps}). They read
 * the same rows as Axon's, in the same order, and differ in two ways that let PostgreSQL plan them once:
 *
 * <ul>
 *     <li><b>The bounds are hidden from the planner</b> ({@code (select ?)}). Axon's range ({@code global_index > ?
 *     and global_index <= ?}) is estimated from the values for a plan made for them (a few rows), and from a default
 *     share of the table for a plan made once for any values (0.5 %: 500 rows of 100,000, 25,000 of 5 M); that plan
 *     looks dearer, so PostgreSQL never keeps it and plans the statement again on every read. Measured on the
 *     benchmark's store, commissioning at 16 clients: 14,600 reads in 40 s, every one planned, 2.4 s of planning
 *     against 0.7 s of executing them — a third of the database's statement time. With the bounds out of sight both
 *     plans are estimated alike (the same index scan on {@code global_index}, in its order), so after its first five
 *     reads on a connection the statement keeps its one plan.</li>
 *     <li><b>The gaps are one array parameter</b> ({@code global_index = any(?)}) rather than a list of as many
 *     parameters as there are gaps, so a token with one gap and a token with three send the same statement text,
 *     which the driver prepares once per connection rather than once per gap count.</li>
 * </ul>
 *
 * <p>Assumption, checked when this was written: the event table's {@code global_index} is its primary key (Axon's
 * schema, {@code V1__event_store.sql}), so the plan kept is that index's scan whatever the store's size; with the
 * default share of a 5 M-event table the estimate still favours it over reading the table.
 */
public final class EventStreamReads {

    private EventStreamReads() {
    }

    /** The next batch after {@code globalIndex} for a token without gaps: Axon's statement, planned once. */
    public static PreparedStatement withoutGaps(Connection connection, EventSchema schema, long globalIndex,
                                                int batchSize) throws SQLException {
        PreparedStatement statement = connection.prepareStatement("SELECT " + schema.trackedEventFields()
                + " FROM " + schema.domainEventTable()
                + " WHERE (" + schema.globalIndexColumn() + " > (SELECT ?::bigint) AND "
                + schema.globalIndexColumn() + " <= (SELECT ?::bigint))"
                + " ORDER BY " + schema.globalIndexColumn() + " ASC");
        statement.setLong(1, globalIndex);
        statement.setLong(2, globalIndex + batchSize);
        return statement;
    }

    /**
     * The next batch after {@code globalIndex} and the events now in the token's {@code gaps}: Axon's statement,
     * planned once, the gaps as one array.
     */
    public static PreparedStatement withGaps(Connection connection, EventSchema schema, long globalIndex,
                                             int batchSize, List<Long> gaps) throws SQLException {
        PreparedStatement statement = connection.prepareStatement("SELECT " + schema.trackedEventFields()
                + " FROM " + schema.domainEventTable()
                + " WHERE (" + schema.globalIndexColumn() + " > (SELECT ?::bigint) AND "
                + schema.globalIndexColumn() + " <= (SELECT ?::bigint))"
                + " OR " + schema.globalIndexColumn() + " = ANY((SELECT ?::bigint[])::bigint[])"
                + " ORDER BY " + schema.globalIndexColumn() + " ASC");
        statement.setLong(1, globalIndex);
        statement.setLong(2, globalIndex + batchSize);
        statement.setArray(3, connection.createArrayOf("bigint", gaps.toArray()));
        return statement;
    }
}
