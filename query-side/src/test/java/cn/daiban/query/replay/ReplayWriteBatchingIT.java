package cn.daiban.query.replay;

import cn.daiban.query.support.PostgresIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The writes a replay holds back reach PostgreSQL in their order, a read in between sees them, and a write that
 * fails is told of the unit (the event) whose handler made it, even when it was sent together with others.
 */
class ReplayWriteBatchingIT extends PostgresIntegrationTest {

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    PlatformTransactionManager transactions;

    @Test
    void theApplicationsTemplateIsTheBatchingOne() {
        assertThat(jdbc).isInstanceOf(ReplayWriteBatching.class);
    }

    @Test
    void heldBackWritesKeepTheirOrderAndAReadSeesThem() {
        ReplayWriteBatching batching = (ReplayWriteBatching) jdbc;
        new TransactionTemplate(transactions).executeWithoutResult(status -> {
            status.setRollbackOnly();
            jdbc.execute("create temporary table held (id int primary key, value text) on commit drop");
            List<String> seen = batching.heldBack(() -> {
                batching.update("insert into held (id, value) values (?, ?)", 1, "a");
                batching.update("update held set value = value || ? where id = ?", "b", 1);
                batching.endOf("first");
                batching.update("insert into held (id, value) values (?, ?) on conflict (id) do nothing", 1, "x");
                batching.update("update held set value = value || ? where id = ?", "c", 1);
                // Nothing has been sent yet: fewer than a round trip's worth. A read sends it first.
                List<String> read = jdbc.queryForList("select value from held order by id", String.class);
                batching.update("insert into held (id, value) values (?, ?)", 2, "d");
                batching.endOf("second");
                return read;
            });
            assertThat(seen).containsExactly("abc");
            // The end of the held-back work sent the rest.
            assertThat(jdbc.queryForList("select id || value from held order by id", String.class))
                    .containsExactly("1abc", "2d");
        });
    }

    @Test
    void aFailingWriteNamesTheUnitThatMadeIt() {
        ReplayWriteBatching batching = (ReplayWriteBatching) jdbc;
        new TransactionTemplate(transactions).executeWithoutResult(status -> {
            status.setRollbackOnly();
            jdbc.execute("create temporary table held (id int primary key, value text not null) on commit drop");
            assertThatThrownBy(() -> batching.heldBack(() -> {
                batching.update("insert into held (id, value) values (?, ?)", 1, "a");
                batching.endOf("event-1");
                batching.update("insert into held (id, value) values (?, ?)", 2, null);
                batching.endOf("event-2");
                batching.update("insert into held (id, value) values (?, ?)", 3, "c");
                batching.endOf("event-3");
                batching.send();
                return null;
            })).isInstanceOfSatisfying(ReplayWriteBatching.UnitFailedException.class, failure -> {
                assertThat(failure.unit()).isEqualTo("event-2");
                assertThat(failure).hasMessageContaining("null value");
            });
        });
    }
}
