package cn.daiban.security;

import org.junit.jupiter.api.Test;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

import static org.assertj.core.api.Assertions.assertThat;

class DatabaseOutageTest {

    @Test
    void thePoolGivingUpIsAnOutage() {
        SQLTransientConnectionException timeout = new SQLTransientConnectionException(
                "HikariPool-1 - Connection is not available, request timed out after 3000ms.");
        assertThat(DatabaseOutage.isOutage(new IllegalStateException("Could not open JDBC Connection", timeout)))
                .isTrue();
    }

    @Test
    void aBrokenOrRefusedConnectionAndAShutdownAreOutages() {
        assertThat(DatabaseOutage.isOutage(new RuntimeException(new SQLException("I/O error", "08006")))).isTrue();
        assertThat(DatabaseOutage.isOutage(new SQLException("Connection refused", "08001",
                new ConnectException("Connection refused")))).isTrue();
        assertThat(DatabaseOutage.isOutage(new SQLException("terminating connection due to administrator command",
                "57P01"))).isTrue();
        assertThat(DatabaseOutage.isOutage(new SQLException("the database system is starting up", "57P03")))
                .isTrue();
        SQLException batch = new SQLException("batch aborted", "XX000");
        batch.setNextException(new SQLException("I/O error", "08006"));
        assertThat(DatabaseOutage.isOutage(batch)).isTrue();
    }

    @Test
    void aRollbackFailingOnTheBrokenConnectionStillShowsTheOutage() {
        org.springframework.transaction.TransactionSystemException rollback =
                new org.springframework.transaction.TransactionSystemException("JDBC rollback failed",
                        new SQLException("Connection is closed"));
        rollback.initApplicationException(new IllegalStateException("append failed",
                new SQLException("terminating connection due to administrator command", "57P01")));
        assertThat(DatabaseOutage.isOutage(rollback)).isTrue();
        // Hikari's closed connection: the pool closed it after a fatal connection error.
        assertThat(DatabaseOutage.isOutage(new org.springframework.transaction.TransactionSystemException(
                "JDBC rollback failed", new SQLException("Connection is closed")))).isTrue();
        assertThat(DatabaseOutage.isOutage(new org.springframework.transaction.TransactionSystemException(
                "JDBC rollback failed", new SQLException("deadlock detected", "40P01")))).isFalse();
    }

    @Test
    void otherFailuresAreNot() {
        assertThat(DatabaseOutage.isOutage(new SQLException("duplicate key", "23505"))).isFalse();
        assertThat(DatabaseOutage.isOutage(new SQLException("syntax error", "42601"))).isFalse();
        assertThat(DatabaseOutage.isOutage(new IllegalStateException("boom"))).isFalse();
        assertThat(DatabaseOutage.isOutage(null)).isFalse();
    }
}
