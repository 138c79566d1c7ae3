package cn.daiban.query.support;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * One database session for a test to run a projection's statements on, and how PostgreSQL planned them there
 * ({@code pg_prepared_statements}): a statement the driver has prepared on the server (from its fifth use) and
 * PostgreSQL keeps one plan for shows generic plans; one planned afresh at every use shows custom plans only, and one
 * sent as plain text is not there at all.
 */
public final class KeptPlans implements AutoCloseable {

    public record Plans(long generic, long custom) {
    }

    private final SingleConnectionDataSource session;

    /**
     * A new session to the database {@code dataSource} (the application's pool) connects to: not one of the pool's,
     * whose earlier statements would count too.
     */
    public KeptPlans(DataSource dataSource) throws SQLException {
        com.zaxxer.hikari.HikariDataSource pool = dataSource.unwrap(com.zaxxer.hikari.HikariDataSource.class);
        Connection connection = java.sql.DriverManager.getConnection(pool.getJdbcUrl(), pool.getUsername(),
                pool.getPassword());
        if (pool.getSchema() != null) {
            connection.setSchema(pool.getSchema()); // as the pool sets its own connections'
        }
        if (pool.getConnectionInitSql() != null) {
            try (java.sql.Statement init = connection.createStatement()) {
                init.execute(pool.getConnectionInitSql());
            }
        }
        connection.setAutoCommit(true);
        this.session = new SingleConnectionDataSource(connection, true);
    }

    /** A template whose every statement runs in this one session. */
    public JdbcTemplate jdbc() {
        return new JdbcTemplate(session);
    }

    /** The plans of this session's prepared statements whose text starts with {@code start}. */
    public Plans of(String start) {
        return jdbc().queryForObject("""
                        select coalesce(sum(generic_plans), 0), coalesce(sum(custom_plans), 0) from pg_prepared_statements
                        where starts_with(ltrim(statement), ?)""",
                (rs, n) -> new Plans(rs.getLong(1), rs.getLong(2)), start);
    }

    @Override
    public void close() {
        session.destroy();
    }
}
