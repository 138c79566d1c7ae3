package cn.daiban.command.infrastructure;

import cn.daiban.command.delegation.AcceptanceFormNumbers;
import cn.daiban.kernel.delegation.AcceptanceFormNumber;
import cn.daiban.kernel.station.StationCode;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import javax.sql.DataSource;
import java.sql.SQLException;
import java.time.LocalDate;

/**
 * One row per station and day, incremented by one upsert that commits on its own, outside the commissioning
 * transaction: the row is locked for that one statement only, not through the deadline work and the append, so a
 * station's agents commission side by side. Two agents never get the same number (the upsert increments under the
 * row lock). Assumption: a commissioning refused after its number was taken leaves a gap in the day's numbers; gaps
 * are acceptable because the number is an identifier printed on the form, not an audit count (the audit is the
 * event stream).
 *
 * <p>The upserts run on a small pool of their own: a command holds a connection of the main pool for its
 * transaction, so taking a second one from the same pool could leave every command waiting for one another once
 * the pool is exhausted. A connection of this pool is held for one autocommitted statement and waits for nothing.
 */
@Component
class JdbcAcceptanceFormNumbers implements AcceptanceFormNumbers, DisposableBean {

    private final JdbcClient jdbc;
    private final HikariDataSource own;

    JdbcAcceptanceFormNumbers(DataSource dataSource) {
        this.own = ownPool(dataSource);
        this.jdbc = JdbcClient.create(own != null ? own : dataSource);
    }

    /** The main pool's settings (URL, user, schema) with two connections that autocommit; none if not Hikari. */
    private static HikariDataSource ownPool(DataSource dataSource) {
        try {
            if (!dataSource.isWrapperFor(HikariDataSource.class)) {
                return null;
            }
            HikariConfig config = new HikariConfig();
            dataSource.unwrap(HikariDataSource.class).copyStateTo(config);
            config.setPoolName("acceptance-form-numbers");
            config.setMaximumPoolSize(2);
            config.setMinimumIdle(0);
            config.setAutoCommit(true);
            config.setRegisterMbeans(false);
            config.setMetricRegistry(null);
            config.setMetricsTrackerFactory(null);
            return new HikariDataSource(config);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot set up the pool for acceptance form numbers", e);
        }
    }

    @Override
    public AcceptanceFormNumber next(StationCode station, LocalDate day) {
        // Without a pool of its own (not Hikari) the statement still runs in the command's transaction: correct, but
        // the row stays locked to its commit, as it did before.
        int sequence = jdbc.sql("""
                        insert into acceptance_form_sequence (station_code, day, last_value) values (?, ?, 1)
                        on conflict (station_code, day)
                        do update set last_value = acceptance_form_sequence.last_value + 1
                        returning last_value""")
                .params(station.value(), day)
                .query(Integer.class)
                .single();
        return AcceptanceFormNumber.of(station, day, sequence);
    }

    @Override
    public void destroy() {
        if (own != null) {
            own.close();
        }
    }
}
