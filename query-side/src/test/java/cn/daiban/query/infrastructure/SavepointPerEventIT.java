package cn.daiban.query.infrastructure;

import cn.daiban.query.support.PostgresIntegrationTest;
import org.axonframework.common.transaction.Transaction;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.annotation.AnnotatedMessageHandlingMember;
import org.axonframework.messaging.annotation.ClasspathParameterResolverFactory;
import org.axonframework.messaging.annotation.MessageHandlingMember;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link SavepointPerEvent} in the processors' own transactions (Axon's transaction manager of this application, over
 * its JPA transaction manager and pool): a failing event's writes are undone and only those, and an event's savepoint
 * is released when the next one is set, not in a round trip of its own.
 */
class SavepointPerEventIT extends PostgresIntegrationTest {

    @Autowired
    SavepointPerEvent savepoints;
    @Autowired
    TransactionManager transactionManager;
    @Autowired
    DataSource dataSource;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    PlatformTransactionManager platformTransactionManager;

    MessageHandlingMember<Probe> handler;
    Probe probe;

    /** A projection of one table: writes the event's text, then fails if the text says so. */
    class Probe {
        @EventHandler
        void on(String text) {
            jdbc.update("insert into savepoint_probe (text) values (?)", text);
            if (text.startsWith("fail")) {
                throw new IllegalStateException("refused: " + text);
            }
        }
    }

    @BeforeEach
    void probeTable() throws NoSuchMethodException {
        jdbc.execute("create table if not exists savepoint_probe (text text not null)");
        jdbc.execute("truncate savepoint_probe");
        probe = new Probe();
        handler = savepoints.wrapHandler(new AnnotatedMessageHandlingMember<>(
                Probe.class.getDeclaredMethod("on", String.class), EventMessage.class, String.class,
                ClasspathParameterResolverFactory.forClass(Probe.class)));
    }

    @Test
    void aFailingEventLeavesTheEventsBeforeAndAfterItInTheTransaction() throws Exception {
        Transaction transaction = transactionManager.startTransaction();
        handle("first");
        assertThatThrownBy(() -> handle("fail twice over")).hasMessageContaining("refused: fail twice over");
        handle("third");
        assertThatThrownBy(() -> handle("fail at the end")).hasMessageContaining("refused: fail at the end");
        transaction.commit();

        assertThat(jdbc.queryForList("select text from savepoint_probe order by text", String.class))
                .as("each failure (three attempts each) undone, every success kept")
                .containsExactly("first", "third");
    }

    @Test
    void anEventsSavepointIsReleasedWithTheNextOnesSetAndTheLastOneByTheCommit() throws Exception {
        Transaction transaction = transactionManager.startTransaction();
        try {
            handle("first");
            handle("second");
            handle("third");
            assertThat(heldSavepoints()).as("the last event's savepoint, no more (each set released the one before)")
                    .isEqualTo(1);
        } finally {
            transaction.rollback();
        }

        transaction = transactionManager.startTransaction();
        handle("after a rollback");
        assertThatThrownBy(() -> handle("fail once")).hasMessageContaining("refused");
        handle("after a failure");
        transaction.commit();
        assertThat(jdbc.queryForList("select text from savepoint_probe order by text", String.class))
                .as("nothing of the rolled-back transaction; a new one starts without a savepoint to release")
                .containsExactly("after a failure", "after a rollback");
    }

    @Test
    void aTransactionInBetweenKeepsItsOwnSavepointAndTheSuspendedOneReleasesItsOwnOnResuming() throws Exception {
        Transaction outer = transactionManager.startTransaction();
        try {
            handle("outer, first");
            TransactionTemplate between = new TransactionTemplate(platformTransactionManager);
            between.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
            between.executeWithoutResult(status -> {
                try {
                    handle("in between");
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            handle("outer, second");
            assertThat(heldSavepoints()).as("the outer one's first savepoint released with its second's set")
                    .isEqualTo(1);
        } finally {
            outer.rollback();
        }
        assertThat(jdbc.queryForList("select text from savepoint_probe", String.class))
                .as("the transaction in between committed on its own").containsExactly("in between");
    }

    private void handle(String text) throws Exception {
        handler.handle(GenericEventMessage.asEventMessage(text), probe);
    }

    /**
     * How many savepoints of the handlers' name the transaction holds: releases them one by one until PostgreSQL
     * says there is none (which aborts the transaction: call last, then roll back).
     */
    private int heldSavepoints() {
        Connection connection = DataSourceUtils.getConnection(dataSource);
        int held = 0;
        try (Statement statement = connection.createStatement()) {
            for (String ignored : List.of("1", "2", "3", "4")) {
                statement.execute("release savepoint daiban_event");
                held++;
            }
        } catch (SQLException none) {
            assertThat(none.getMessage()).contains("savepoint \"daiban_event\" does not exist");
        } finally {
            DataSourceUtils.releaseConnection(connection, dataSource);
        }
        return held;
    }
}
