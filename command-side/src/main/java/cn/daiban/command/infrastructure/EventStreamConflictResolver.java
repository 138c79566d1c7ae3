package cn.daiban.command.infrastructure;

import org.axonframework.common.jdbc.PersistenceExceptionResolver;

import java.sql.SQLException;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

/**
 * Tells Axon's JDBC storage engine when an append lost a race for a stream position, so it raises a
 * {@link org.axonframework.modelling.command.ConcurrencyException} (or an
 * {@link org.axonframework.modelling.command.AggregateStreamCreationException} for sequence 0) — answered 409 —
 * instead of an {@code EventStoreException} answered 500.
 *
 * <p>Why it is needed: Axon's {@code JdbcSQLErrorCodesResolver} looks at vendor error codes, and PostgreSQL reports
 * a unique violation only by its SQLState {@code 23505} (the vendor code is 0). Two commands on one aggregate in
 * two transactions (two threads, or two command-side processes) can both load it at sequence n and both append
 * n + 1: the second insert waits on the unique index {@code domain_event_entry_aggregate_sequence}
 * ({@code V1__event_store.sql}) and fails once the first commits.
 *
 * <p>Only a violation of that constraint counts (found by name in the message of any exception in the cause
 * chain, including a batch's next exceptions): a duplicate event identifier or any other unique violation is a
 * defect, not a lost race, and stays a 500. Assumption: PostgreSQL names the violated constraint in its message
 * (it does, in quotes, in every message language).
 */
public final class EventStreamConflictResolver implements PersistenceExceptionResolver {

    /** SQLState of {@code unique_violation}. */
    static final String UNIQUE_VIOLATION = "23505";
    /** The unique (aggregate_identifier, sequence_number) constraint of the event table. */
    static final String STREAM_POSITION_CONSTRAINT = "domain_event_entry_aggregate_sequence";

    private final String constraint;

    public EventStreamConflictResolver() {
        this(STREAM_POSITION_CONSTRAINT);
    }

    EventStreamConflictResolver(String constraint) {
        this.constraint = constraint;
    }

    @Override
    public boolean isDuplicateKeyViolation(Exception exception) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Throwable cause = exception; cause != null && seen.add(cause); cause = cause.getCause()) {
            if (cause instanceof SQLException sql && streamPositionTaken(sql, seen)) {
                return true;
            }
        }
        return false;
    }

    private boolean streamPositionTaken(SQLException sql, Set<Throwable> seen) {
        for (SQLException next = sql; next != null; next = next.getNextException()) {
            if (UNIQUE_VIOLATION.equals(next.getSQLState()) && String.valueOf(next.getMessage()).contains(constraint)) {
                return true;
            }
            if (next.getNextException() != null && !seen.add(next.getNextException())) {
                break;
            }
        }
        return false;
    }
}
