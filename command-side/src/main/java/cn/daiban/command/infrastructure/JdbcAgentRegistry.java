package cn.daiban.command.infrastructure;

import cn.daiban.command.agent.AgentRegistry;
import cn.daiban.kernel.agent.AgentDeactivatedEvent;
import cn.daiban.kernel.agent.AgentId;
import cn.daiban.kernel.agent.AgentQualifiedEvent;
import cn.daiban.kernel.agent.AgentReactivatedEvent;
import cn.daiban.kernel.agent.AgentRegisteredEvent;
import cn.daiban.kernel.agent.AgentRole;
import cn.daiban.kernel.agent.AgentRoleChangedEvent;
import cn.daiban.kernel.agent.AgentTransferredEvent;
import cn.daiban.kernel.station.StationCode;
import cn.daiban.security.jdbc.TransactionMemo;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;

/**
 * Each agent's station, role and standing, kept in the agent events' own transaction.
 *
 * <p>Within one transaction an agent is read once: a commissioning read its responsible agent twice (the rule, the
 * name on the acceptance form) and a proxy's team leader twice more, a round trip each. What is remembered lasts as
 * {@link TransactionMemo} says, and an agent's entry is forgotten when one of its events updates the row here;
 * nothing else writes {@code agent_registry}.
 */
@Component
@ProcessingGroup(JdbcAgentRegistry.PROCESSING_GROUP)
class JdbcAgentRegistry implements AgentRegistry {

    static final String PROCESSING_GROUP = "agent-registry";

    private final JdbcClient jdbc;
    /** The agents read in the current transaction. */
    private final TransactionMemo<AgentId, Optional<RegisteredAgent>> remembered = new TransactionMemo<>();

    JdbcAgentRegistry(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Optional<RegisteredAgent> find(AgentId id) {
        Map<AgentId, Optional<RegisteredAgent>> agents = remembered.current();
        return agents == null ? read(id) : agents.computeIfAbsent(id, this::read);
    }

    private Optional<RegisteredAgent> read(AgentId id) {
        return jdbc.sql("""
                        select agent_id, station_code, name, role, active, qualified_on
                        from agent_registry where agent_id = ?""")
                .param(id.value())
                .query((rs, n) -> new RegisteredAgent(AgentId.of(rs.getString(1)), StationCode.of(rs.getString(2)),
                        rs.getString(3), AgentRole.valueOf(rs.getString(4)), rs.getBoolean(5),
                        rs.getObject(6) != null, rs.getObject(6, LocalDate.class)))
                .optional();
    }

    @EventHandler
    void on(AgentRegisteredEvent event) {
        forget(event.agentId());
        jdbc.sql("""
                        insert into agent_registry (agent_id, station_code, name, role, active)
                        values (?, ?, ?, ?, true) on conflict (agent_id) do nothing""")
                .params(event.agentId().value(), event.stationCode().value(), event.name(), event.role().name())
                .update();
    }

    @EventHandler
    void on(AgentQualifiedEvent event) {
        update("qualified_on = ?", event.qualifiedOn(), event.agentId());
    }

    @EventHandler
    void on(AgentRoleChangedEvent event) {
        update("role = ?", event.role().name(), event.agentId());
    }

    @EventHandler
    void on(AgentTransferredEvent event) {
        update("station_code = ?", event.toStationCode().value(), event.agentId());
    }

    @EventHandler
    void on(AgentDeactivatedEvent event) {
        update("active = ?", false, event.agentId());
    }

    @EventHandler
    void on(AgentReactivatedEvent event) {
        update("active = ?", true, event.agentId());
    }

    @ResetHandler
    void reset() {
        Map<AgentId, Optional<RegisteredAgent>> agents = remembered.current();
        if (agents != null) {
            agents.clear();
        }
        jdbc.sql("delete from agent_registry").update();
    }

    private void update(String assignment, Object value, AgentId agentId) {
        forget(agentId);
        jdbc.sql("update agent_registry set " + assignment + " where agent_id = ?")
                .params(value, agentId.value())
                .update();
    }

    private void forget(AgentId agentId) {
        Map<AgentId, Optional<RegisteredAgent>> agents = remembered.current();
        if (agents != null) {
            agents.remove(agentId);
        }
    }
}
