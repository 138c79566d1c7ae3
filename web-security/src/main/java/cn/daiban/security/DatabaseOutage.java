package cn.daiban.security;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

/**
 * Whether a failure means the database cannot be reached right now (stopped, restarting, network gone), which
 * both applications answer 503 with {@code Retry-After} instead of 500: the request did nothing and may be sent
 * again once the database is back.
 *
 * <p>Recognised anywhere in the cause chain: the pool giving up waiting for a connection
 * ({@link SQLTransientConnectionException}, after {@code spring.datasource.hikari.connection-timeout}), a refused
 * connection, and PostgreSQL's SQLStates of class {@code 08} (connection exception) and {@code 57P01..57P03}
 * (shut down by the administrator, crashed, cannot connect now).
 */
public final class DatabaseOutage {

    /** What {@code Retry-After} advises, in seconds: about how long PostgreSQL takes to restart. */
    public static final int RETRY_AFTER_SECONDS = 5;
    public static final String RULE = "unavailable";
    public static final String DETAIL = "the database cannot be reached right now; nothing was done, try again shortly";

    private DatabaseOutage() {
    }

    public static boolean isOutage(Throwable failure) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Throwable cause = failure; cause != null && seen.add(cause); cause = cause.getCause()) {
            if (cause instanceof SQLTransientConnectionException || cause instanceof SQLNonTransientConnectionException
                    || cause instanceof ConnectException) {
                return true;
            }
            if (cause instanceof SQLException sql) {
                for (SQLException next = sql; next != null; next = next.getNextException()) {
                    if (connectionLost(next.getSQLState())) {
                        return true;
                    }
                    if (next.getNextException() == next) {
                        break;
                    }
                }
            }
        }
        return false;
    }

    private static boolean connectionLost(String sqlState) {
        return sqlState != null && (sqlState.startsWith("08") || sqlState.equals("57P01")
                || sqlState.equals("57P02") || sqlState.equals("57P03"));
    }
}
