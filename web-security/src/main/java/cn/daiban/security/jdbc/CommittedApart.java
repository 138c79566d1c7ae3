package cn.daiban.security.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.springframework.dao.DataAccessResourceFailureException;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

/**
 * Statements that must commit apart from the caller's transaction, on a small pool of connections beside the
 * application's main pool: each statement autocommitted, or a few in one transaction of their own
 * ({@link #updateAll}).
 *
 * <p>Why a pool of its own: a command holds a connection of the main pool for its whole transaction, so taking a
 * second one from the same pool could leave every command waiting for one another once the pool is exhausted. A
 * connection of this pool is held for one statement, or one short transaction, and waits for nothing. Plain JDBC
 * on purpose: through Spring's {@code DataSourceUtils} the connection would be bound to the caller's transaction.
 *
 * <p>Without a Hikari main pool (a plain {@link DataSource} in a test) there is nothing to copy settings from; the
 * statements then run on a fresh connection of that data source, still apart.
 */
public final class CommittedApart implements AutoCloseable {

    private final DataSource dataSource;
    private final HikariDataSource own;

    private CommittedApart(DataSource dataSource, HikariDataSource own) {
        this.dataSource = dataSource;
        this.own = own;
    }

    /** A pool named {@code name} with the main pool's settings (URL, user, schema) and {@code size} connections. */
    public static CommittedApart beside(DataSource main, String name, int size) {
        try {
            if (!main.isWrapperFor(HikariDataSource.class)) {
                return new CommittedApart(main, null);
            }
            HikariConfig config = new HikariConfig();
            main.unwrap(HikariDataSource.class).copyStateTo(config);
            config.setPoolName(name);
            config.setMaximumPoolSize(size);
            config.setMinimumIdle(0);
            config.setAutoCommit(true);
            config.setRegisterMbeans(false);
            config.setMetricRegistry(null);
            config.setMetricsTrackerFactory(null);
            return new CommittedApart(main, new HikariDataSource(config));
        } catch (SQLException e) {
            throw new IllegalStateException("cannot set up the pool " + name, e);
        }
    }

    /** Runs one statement, committed when this returns; the rows it changed. */
    public int update(String sql, Object... parameters) {
        return run(sql, parameters, statement -> statement.executeUpdate());
    }

    /** One statement of {@link #updateAll}. */
    public record Update(String sql, Object... parameters) {
    }

    /**
     * Runs the statements in one transaction of their own, committed when this returns (one commit, one flush of the
     * write-ahead log, instead of one for each); the rows each changed. Nothing is kept if one fails. The connection
     * goes back to its pool in a transaction (Hikari restores autocommit on the way, and rolls back what a failed
     * rollback left open); without a pool it is closed.
     */
    public int[] updateAll(List<Update> updates) {
        try (Connection connection = own != null ? own.getConnection() : dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                int[] changed = new int[updates.size()];
                for (int u = 0; u < updates.size(); u++) {
                    try (PreparedStatement statement = connection.prepareStatement(updates.get(u).sql())) {
                        Object[] parameters = updates.get(u).parameters();
                        for (int i = 0; i < parameters.length; i++) {
                            statement.setObject(i + 1, parameters[i]);
                        }
                        changed[u] = statement.executeUpdate();
                    }
                }
                connection.commit();
                return changed;
            } catch (Throwable e) {
                try {
                    connection.rollback();
                } catch (SQLException rollback) {
                    e.addSuppressed(rollback);
                }
                throw e;
            }
        } catch (SQLException e) {
            throw new DataAccessResourceFailureException("statements committed apart failed: " + updates.stream()
                    .map(Update::sql).toList(), e);
        }
    }

    /** Runs one statement returning one integer (e.g. {@code … returning n}), committed when this returns. */
    public int queryForInt(String sql, Object... parameters) {
        return run(sql, parameters, statement -> {
            try (ResultSet result = statement.executeQuery()) {
                if (!result.next()) {
                    throw new IllegalStateException("no row from: " + sql);
                }
                return result.getInt(1);
            }
        });
    }

    private interface Body {
        int apply(PreparedStatement statement) throws SQLException;
    }

    private int run(String sql, Object[] parameters, Body body) {
        try (Connection connection = own != null ? own.getConnection() : dataSource.getConnection()) {
            connection.setAutoCommit(true);
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                for (int i = 0; i < parameters.length; i++) {
                    statement.setObject(i + 1, parameters[i]);
                }
                return body.apply(statement);
            }
        } catch (SQLException e) {
            throw new DataAccessResourceFailureException("statement committed apart failed: " + sql, e);
        }
    }

    @Override
    public void close() {
        if (own != null) {
            own.close();
        }
    }
}
