package cn.daiban.command.infrastructure;

import cn.daiban.command.agent.AgentRegistry;
import cn.daiban.command.support.PostgresIntegrationTest;
import cn.daiban.kernel.agent.AgentDeactivatedEvent;
import cn.daiban.kernel.agent.AgentId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An agent is read once per transaction (a commissioning read the same agent twice, a proxy's team leader twice more):
 * the row is changed behind the registry's back here, which only a fresh read would see.
 */
class AgentRegistryReadsIT extends PostgresIntegrationTest {

    @Autowired
    JdbcAgentRegistry registry;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    PlatformTransactionManager transactions;

    AgentId agent;

    @BeforeEach
    void anAgent() {
        agent = AgentId.of(UUID.randomUUID().toString());
        jdbc.update("insert into agent_registry (agent_id, station_code, name, role, active) values (?, ?, ?, ?, true)",
                agent.value(), "140521101201", "李娜", "AGENT");
    }

    @Test
    void withinATransactionAnAgentIsReadOnceAndItsOwnEventsAreSeenAtOnce() {
        TransactionTemplate command = new TransactionTemplate(transactions);
        command.executeWithoutResult(status -> {
            assertThat(name()).isEqualTo("李娜");
            rename("王芳");
            assertThat(name()).as("remembered within the transaction: read once").isEqualTo("李娜");

            registry.on(new AgentDeactivatedEvent(agent, "调离"));
            AgentRegistry.RegisteredAgent read = registry.find(agent).orElseThrow();
            assertThat(read.active()).as("the registry's own update is seen at once").isFalse();
            assertThat(read.name()).as("read again after it").isEqualTo("王芳");
        });

        rename("赵敏");
        command.executeWithoutResult(status -> assertThat(name()).as("a new transaction reads afresh")
                .isEqualTo("赵敏"));
    }

    @Test
    void aTransactionInBetweenAndNoTransactionReadAfresh() {
        TransactionTemplate command = new TransactionTemplate(transactions);
        TransactionTemplate between = transaction(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        command.executeWithoutResult(status -> {
            assertThat(name()).isEqualTo("李娜");
            between.executeWithoutResult(inner -> {
                rename("王芳");
                assertThat(name()).as("the suspended transaction's agents are not this one's").isEqualTo("王芳");
            });
            assertThat(name()).as("resumed: what the transaction in between committed is read afresh")
                    .isEqualTo("王芳");
        });

        assertThat(name()).isEqualTo("王芳");
        rename("赵敏");
        assertThat(name()).as("outside a transaction every look-up reads").isEqualTo("赵敏");
    }

    @Test
    void aReadUndoneWithARollbackToASavepointIsReadAgain() {
        TransactionTemplate command = new TransactionTemplate(transactions);
        TransactionTemplate nested = transaction(TransactionDefinition.PROPAGATION_NESTED);
        command.executeWithoutResult(status -> {
            nested.executeWithoutResult(savepoint -> {
                rename("王芳");
                assertThat(name()).isEqualTo("王芳");
                savepoint.setRollbackOnly();
            });
            assertThat(name()).as("the rename was rolled back with the savepoint, and so was its read")
                    .isEqualTo("李娜");
        });
    }

    private String name() {
        return registry.find(agent).orElseThrow().name();
    }

    private void rename(String name) {
        jdbc.update("update agent_registry set name = ? where agent_id = ?", name, agent.value());
    }

    private TransactionTemplate transaction(int propagation) {
        TransactionTemplate template = new TransactionTemplate(transactions);
        template.setPropagationBehavior(propagation);
        return template;
    }
}
