package cn.daiban.security;

import cn.daiban.security.boundary.ProblemResponses;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ProblemDetail;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import org.springframework.transaction.TransactionSystemException;

import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * Whether a failure means the database cannot be reached right now (stopped, restarting, network gone), which
 * both applications answer 503 with {@code Retry-After} instead of 500: the request did nothing and may be sent
 * again once the database is back.
 *
 * <p>Recognised anywhere in the cause chain: the pool giving up waiting for a connection
 * ({@link SQLTransientConnectionException}, after {@code spring.datasource.hikari.connection-timeout}), a refused
 * connection, and PostgreSQL's SQLStates of class {@code 08} (connection exception) and {@code 57P01..57P03}
 * (shut down by the administrator, crashed, cannot connect now); also behind a rollback that failed on the
 * broken connection ({@link TransactionSystemException}'s application exception).
 */
public final class DatabaseOutage {

    /** What {@code Retry-After} advises, in seconds: about how long PostgreSQL takes to restart. */
    public static final int RETRY_AFTER_SECONDS = 5;
    public static final String RULE = "unavailable";
    public static final String DETAIL = "the database cannot be reached right now; nothing was done, try again shortly";

    private static final Logger log = LoggerFactory.getLogger(DatabaseOutage.class);

    /**
     * Both sides' answer to an outage: 503 problem+json with {@code Retry-After} (the request did nothing), logged
     * once with the failure and, behind a failed rollback, what the rollback was for.
     */
    public static ProblemDetail answer(Throwable e, HttpServletResponse response) {
        log.warn("database unavailable, answering 503: {}{}", e,
                e instanceof TransactionSystemException rollback && rollback.getApplicationException() != null
                        ? " (after " + rollback.getApplicationException() + ")" : "");
        response.setHeader(HttpHeaders.RETRY_AFTER, String.valueOf(RETRY_AFTER_SECONDS));
        return ProblemResponses.problem(503, RULE, null, DETAIL);
    }

    /**
     * What HikariCP's stand-in for a connection it has closed answers (no SQLState). Hikari closes a connection on a
     * fatal connection error (SQLState class 08, 57P01..57P03), so a rollback failing with it means the transaction
     * lost its connection and was not committed.
     */
    static final String HIKARI_CLOSED = "Connection is closed";

    private DatabaseOutage() {
    }

    public static boolean isOutage(Throwable failure) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        Deque<Throwable> todo = new ArrayDeque<>();
        if (failure != null) {
            todo.add(failure);
        }
        while (!todo.isEmpty()) {
            Throwable cause = todo.poll();
            if (!seen.add(cause)) {
                continue;
            }
            if (cause instanceof SQLTransientConnectionException || cause instanceof SQLNonTransientConnectionException
                    || cause instanceof ConnectException
                    || cause instanceof SQLException sql && (connectionLost(sql.getSQLState())
                    || HIKARI_CLOSED.equals(sql.getMessage()) && sql.getSQLState() == null)) {
                return true;
            }
            if (cause.getCause() != null) {
                todo.add(cause.getCause());
            }
            if (cause instanceof SQLException sql && sql.getNextException() != null) {
                todo.add(sql.getNextException());
            }
            // A rollback that fails on the broken connection hides the failure that caused it.
            if (cause instanceof TransactionSystemException rollback && rollback.getApplicationException() != null) {
                todo.add(rollback.getApplicationException());
            }
            todo.addAll(List.of(cause.getSuppressed()));
        }
        return false;
    }

    /**
     * What a database outage says in words, for a failure that came back through Axon Server: there only the
     * messages of the exception and its causes travel (the handling node's), not their classes or SQLStates. A query
     * or command whose transaction could not even begin (the connection could not be had) fails before any handler
     * interceptor could describe it, so it is recognised by these messages of Spring, HikariCP and the driver.
     */
    static final List<String> OUTAGE_WORDS = List.of(
            "Could not open JPA EntityManager for transaction",
            "Could not open JDBC Connection for transaction",
            "Connection is not available, request timed out",
            "This connection has been closed",
            "Check that the hostname and port are correct");

    /** Whether a failure relayed by Axon Server (a remote handling exception) was a database outage. */
    public static boolean isRemoteOutage(Throwable failure) {
        StringBuilder text = new StringBuilder();
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Throwable cause = failure; cause != null && seen.add(cause); cause = cause.getCause()) {
            text.append(cause.getMessage()).append('\n');
            if (cause instanceof org.axonframework.messaging.RemoteHandlingException remote) {
                remote.getExceptionDescriptions().forEach(line -> text.append(line).append('\n'));
            } else if (cause instanceof org.axonframework.messaging.RemoteNonTransientHandlingException remote) {
                remote.getExceptionDescriptions().forEach(line -> text.append(line).append('\n'));
            }
        }
        boolean remote = text.length() > 0 && seen.stream().anyMatch(cause ->
                cause instanceof org.axonframework.messaging.RemoteHandlingException
                        || cause instanceof org.axonframework.messaging.RemoteNonTransientHandlingException);
        return remote && OUTAGE_WORDS.stream().anyMatch(words -> text.indexOf(words) >= 0);
    }

    private static boolean connectionLost(String sqlState) {
        return sqlState != null && (sqlState.startsWith("08") || sqlState.equals("57P01")
                || sqlState.equals("57P02") || sqlState.equals("57P03"));
    }
}
