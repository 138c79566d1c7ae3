package cn.daiban.command.infrastructure;

import cn.daiban.command.delegation.AcceptanceFormNumbers;
import cn.daiban.kernel.delegation.AcceptanceFormNumber;
import cn.daiban.kernel.station.StationCode;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import org.springframework.dao.DataAccessResourceFailureException;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
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

    private static final String UPSERT = """
            insert into acceptance_form_sequence (station_code, day, last_value) values (?, ?, 1)
            on conflict (station_code, day)
            do update set last_value = acceptance_form_sequence.last_value + 1
            returning last_value""";

    private final JdbcClient jdbc;
    private final HikariDataSource own;

    JdbcAcceptanceFormNumbers(DataSource dataSource) {
        this.own = ownPool(dataSource);
        this.jdbc = JdbcClient.create(dataSource);
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
        return AcceptanceFormNumber.of(station, day, own != null ? takeOnOwnPool(station, day) : take(station, day));
    }

    /**
     * Plain JDBC on purpose: through Spring's DataSourceUtils (JdbcClient) the connection would be bound to the
     * command's transaction and held, idle, to its end, so two commissionings would take up the whole pool.
     */
    private int takeOnOwnPool(StationCode station, LocalDate day) {
        try (Connection connection = own.getConnection();
             PreparedStatement statement = connection.prepareStatement(UPSERT)) {
            statement.setString(1, station.value());
            statement.setObject(2, day);
            try (ResultSet result = statement.executeQuery()) {
                result.next();
                return result.getInt(1);
            }
        } catch (SQLException e) {
            throw new DataAccessResourceFailureException("cannot take an acceptance form number", e);
        }
    }

    /** Without a pool of its own (not Hikari): in the command's transaction, the row locked to its commit. */
    private int take(StationCode station, LocalDate day) {
        return jdbc.sql(UPSERT).params(station.value(), day).query(Integer.class).single();
    }

    @Override
    public void destroy() {
        if (own != null) {
            own.close();
        }
    }
}
