package cn.daiban.query.infrastructure;

import jakarta.persistence.EntityManager;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.annotation.HandlerEnhancerDefinition;
import org.axonframework.messaging.annotation.MessageHandlingMember;
import org.axonframework.messaging.annotation.WrappedMessageHandlingMember;
import org.hibernate.engine.spi.SharedSessionContractImplementor;
import org.hibernate.resource.transaction.spi.TransactionCoordinator;
import org.hibernate.resource.transaction.spi.TransactionStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import javax.sql.DataSource;

import java.lang.reflect.Field;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/**
 * Runs every event handler of the live processors between a JDBC savepoint and its release, retrying a failure a
 * bounded number of times.
 *
 * <p>Why: a projection batch, its token and Axon's dead-letter row share one PostgreSQL transaction (the token in
 * the same transaction is what makes a crash neither lose nor re-apply an event). In PostgreSQL one failed statement
 * aborts the whole transaction ("current transaction is aborted"), so without this the dead-letter insert, the
 * token update and every other event of the batch would fail with it, and the batch would be retried for ever —
 * which is exactly the outage this guards against. Writing the dead letter in a transaction of its own was the
 * other choice; it was not taken because the dead letter would then be committed even when the batch (and its
 * token) rolls back, and the event would be both parked and handled again. With a savepoint per event, the failing
 * event's writes (and only those) are undone, the connection is usable again, and the dead-letter row commits
 * atomically with the batch's other rows and its token.
 *
 * <p>This runs inside Axon's dead-lettering invoker (a handler enhancer wraps the handler method itself), so it
 * applies to the processor's batches and to retries of dead letters alike. JPA-kept projections are flushed inside
 * the savepoint, so a failing entity write is attributed to the event that caused it, and the persistence context
 * is cleared after a rollback so no entity the failed handler touched is written later. Rebuilds and point-in-time
 * views build their own handler adapters from the classpath and are not wrapped: they run in one transaction that
 * fails as a whole.
 *
 * <p>A savepoint is released when the next event's is set, in the same round trip ({@code release savepoint …;
 * savepoint …}), and the last one of a transaction by its commit: one round trip per event instead of two (set,
 * release): under commissioning load the two were a sixth of every statement PostgreSQL ran for both applications
 * (6.2 of 37 per appended event; 6.5 of the query side's 24),
 * and on a savepoint-heavy pgbench script (four events a transaction, simple protocol) one round trip instead of two
 * took an eighth off PostgreSQL's CPU per transaction.
 *
 * <p>Restrictions of that: a handler does not run another wrapped handler within itself (one name: the inner
 * savepoint would be the one an outer failure rolls back to), no projection rolls back to a savepoint of its own
 * taken before the event's (a nested transaction rolled back), and the connection URL does not ask the driver for
 * {@code autosave} with {@code cleanupSavepoints} (its own release would find the savepoint gone). None of these is
 * done anywhere in the application.
 *
 * <p>Assumption: projections write only through the transaction's connection (JdbcTemplate / JPA on the
 * application's DataSource); side effects outside it (live updates) are sent after the commit.
 */
public class SavepointPerEvent implements HandlerEnhancerDefinition {

    private static final Logger log = LoggerFactory.getLogger(SavepointPerEvent.class);
    /** How many attempts the last failed event on this thread had; read once by the dead-letter policy. */
    private static final ThreadLocal<Integer> LAST_ATTEMPTS = new ThreadLocal<>();
    /** One name: at most one of these savepoints is held at a time, so the newest is always the one meant. */
    private static final String NAME = "daiban_event";
    private static final String SET = "savepoint " + NAME;
    private static final String RELEASE = "release savepoint " + NAME;
    /** Two statements, one round trip: the driver sends them together and waits once. */
    private static final String RELEASE_AND_SET = RELEASE + "; " + SET;
    private static final String UNDO = "rollback to savepoint " + NAME + "; " + RELEASE;
    /**
     * The connection (the transaction's, the driver's own) on which the last event's savepoint is still held;
     * present from the first success in a transaction, removed when it ends. A savepoint is released only on the
     * connection it was set on, so a state lost or left behind (another transaction in between) costs at most a nested
     * savepoint, never the release of one that is not there.
     */
    private static final ThreadLocal<Held> HELD = new ThreadLocal<>();

    private static final class Held {
        Connection connection;
    }

    /**
     * Forgets the transaction's state when it ends, and sets it aside while the transaction is suspended (a
     * {@code REQUIRES_NEW} transaction in between has a state of its own, forgotten at its own end).
     */
    private static final class Forget implements TransactionSynchronization {
        private final Held held;

        Forget(Held held) {
            this.held = held;
        }

        @Override
        public void suspend() {
            HELD.remove();
        }

        @Override
        public void resume() {
            HELD.set(held);
        }

        @Override
        public void afterCompletion(int status) {
            HELD.remove();
        }
    }

    private final DataSource dataSource;
    private final EntityManager entityManager;
    private final DeadLetterProperties properties;

    public SavepointPerEvent(DataSource dataSource, EntityManager entityManager, DeadLetterProperties properties) {
        this.dataSource = dataSource;
        this.entityManager = entityManager;
        this.properties = properties;
    }

    /** The number of attempts made on the event that failed last on this thread (1 if unknown), and forgets it. */
    static int takeAttempts() {
        Integer attempts = LAST_ATTEMPTS.get();
        LAST_ATTEMPTS.remove();
        return attempts == null ? 1 : attempts;
    }

    @Override
    public <T> MessageHandlingMember<T> wrapHandler(MessageHandlingMember<T> original) {
        if (!original.canHandleMessageType(EventMessage.class)) {
            return original;
        }
        return new WrappedMessageHandlingMember<>(original) {
            @Override
            public Object handle(Message<?> message, T target) throws Exception {
                if (!TransactionSynchronizationManager.isActualTransactionActive()) {
                    return super.handle(message, target);
                }
                Duration pause = properties.backoff();
                for (int attempt = 1; ; attempt++) {
                    Connection connection = DataSourceUtils.getConnection(dataSource);
                    try {
                        open(connection);
                        boolean markedBefore = jpaMarkedForRollback();
                        try {
                            Object result = super.handle(message, target);
                            flushJpa();
                            succeeded(connection);
                            LAST_ATTEMPTS.remove();
                            return result;
                        } catch (Exception e) {
                            undo(connection, e, markedBefore);
                            if (attempt >= properties.attempts()) {
                                LAST_ATTEMPTS.set(attempt);
                                throw e;
                            }
                            log.debug("attempt {} of {} on {} ({}) failed, trying again in {}", attempt,
                                    properties.attempts(), message.getPayloadType().getSimpleName(),
                                    message.getIdentifier(), pause, e);
                            try {
                                Thread.sleep(pause.toMillis());
                            } catch (InterruptedException interrupted) {
                                Thread.currentThread().interrupt();
                                LAST_ATTEMPTS.set(attempt);
                                throw e;
                            }
                            pause = pause.multipliedBy(2);
                        }
                    } finally {
                        DataSourceUtils.releaseConnection(connection, dataSource);
                    }
                }
            }
        };
    }

    /**
     * Sets the event's savepoint: with the release of the one before it in the same round trip when that one is still
     * held (the previous event succeeded), else alone.
     */
    private void open(Connection connection) throws SQLException {
        Held held = HELD.get();
        boolean previousHeld = held != null && held.connection == physical(connection);
        if (held != null) {
            held.connection = null;
        }
        try (Statement statement = connection.createStatement()) {
            statement.execute(previousHeld ? RELEASE_AND_SET : SET);
        }
    }

    /**
     * Keeps the event's savepoint until the next event's is set (or the transaction ends: a commit keeps the work of
     * every savepoint not rolled back, a rollback undoes it all). Without a transaction synchronisation to forget it
     * at the end, it is released now, as before.
     */
    private void succeeded(Connection connection) throws SQLException {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            Held held = HELD.get();
            if (held == null) {
                held = new Held();
                HELD.set(held);
                TransactionSynchronizationManager.registerSynchronization(new Forget(held));
            }
            held.connection = physical(connection);
        } else {
            try (Statement statement = connection.createStatement()) {
                statement.execute(RELEASE);
            }
        }
    }

    /**
     * The driver's connection under the pool's and the persistence provider's handles, which may be made afresh at
     * each look-up: the one the transaction holds from its start to its end.
     */
    private static Connection physical(Connection connection) throws SQLException {
        return connection.unwrap(Connection.class);
    }

    private void flushJpa() {
        if (entityManager.isJoinedToTransaction()) {
            entityManager.flush();
        }
    }

    private void undo(Connection connection, Exception cause, boolean markedBefore) {
        try (Statement statement = connection.createStatement()) {
            statement.execute(UNDO);
        } catch (SQLException e) {
            // The connection is unusable: let the batch fail as a whole (Axon retries it) rather than park.
            cause.addSuppressed(e);
            throw new IllegalStateException("could not roll back to the event's savepoint", e);
        }
        if (entityManager.isJoinedToTransaction()) {
            entityManager.clear();
            if (!markedBefore && jpaMarkedForRollback()) {
                unmarkJpaRollback();
            }
        }
    }

    /** Whether the persistence provider has marked the transaction for rollback (false without a JPA one). */
    private boolean jpaMarkedForRollback() {
        return entityManager.isJoinedToTransaction() && jpaTransaction().getStatus() == TransactionStatus.MARKED_ROLLBACK;
    }

    private TransactionCoordinator.TransactionDriver jpaTransaction() {
        return entityManager.unwrap(SharedSessionContractImplementor.class).getTransactionCoordinator()
                .getTransactionDriverControl();
    }

    /**
     * Takes back the rollback mark Hibernate sets on the whole transaction when a flush fails (JPA says any
     * persistence exception marks it), once the event's savepoint has undone that flush's writes and the persistence
     * context is cleared: nothing of the failed event is left to commit, and the batch's other events, the dead letter
     * and the token must still commit. Without this a JPA-kept projection (agents, stations, catalogue, calendar)
     * failed its batch at commit, parked nothing, and tried the same batch again for ever. Only a mark this event's
     * failure set is taken back. Hibernate offers no call for it: its transaction driver's flag is cleared by
     * reflection; should a Hibernate release rename it, the batch fails as a whole, as before, saying so
     * ({@code DeadLettersIT} parks an agent's training this way).
     */
    private void unmarkJpaRollback() {
        TransactionCoordinator.TransactionDriver driver = jpaTransaction();
        for (Class<?> type = driver.getClass(); type != null; type = type.getSuperclass()) {
            try {
                Field flag = type.getDeclaredField("rollbackOnly");
                flag.setAccessible(true);
                flag.setBoolean(driver, false);
                return;
            } catch (NoSuchFieldException e) {
                // up the hierarchy
            } catch (IllegalAccessException | RuntimeException e) {
                throw new IllegalStateException("could not take back the rollback mark of a failed JPA flush", e);
            }
        }
        throw new IllegalStateException("could not take back the rollback mark of a failed JPA flush: "
                + driver.getClass().getName() + " has no rollbackOnly flag");
    }
}
