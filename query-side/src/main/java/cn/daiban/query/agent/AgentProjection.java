package cn.daiban.query.agent;

import cn.daiban.kernel.agent.*;
import cn.daiban.kernel.delegation.AgentReassignedEvent;
import cn.daiban.kernel.delegation.DelegationCommissionedEvent;
import cn.daiban.kernel.delegation.DelegationCompletedEvent;
import cn.daiban.kernel.delegation.DelegationTerminatedEvent;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Agents per station with their qualification, trainings and active workload (the open delegations each is
 * responsible for, followed through reassignments).
 */
@Component
@ProcessingGroup("agents")
class AgentProjection {

    private final AgentRepository agents;
    private final AgentRecordRepository records;
    private final JdbcTemplate jdbc;

    AgentProjection(AgentRepository agents, AgentRecordRepository records, JdbcTemplate jdbc) {
        this.agents = agents;
        this.records = records;
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(AgentRegisteredEvent event) {
        AgentEntity agent = agents.findById(event.agentId().value())
                .orElseGet(() -> new AgentEntity(event.agentId().value()));
        agent.registered(event.stationCode().value(), event.name(), event.phone().value(), event.background(),
                event.role(), event.intakeExperienceSince());
        agent.post(event.post(), event.windowCode(), event.fullTime());
        agents.save(agent);
    }

    @EventHandler
    void on(AgentTrainingRecordedEvent event, EventMessage<?> message) {
        records.save(new AgentRecordEntity(message.getIdentifier(), event.agentId().value(),
                AgentRecordEntity.Kind.TRAINING, event.date(), event.topic(), null, event.hours()));
    }

    @EventHandler
    void on(AgentAssessmentPassedEvent event, EventMessage<?> message) {
        records.save(new AgentRecordEntity(message.getIdentifier(), event.agentId().value(),
                AgentRecordEntity.Kind.ASSESSMENT_PASSED, event.date(), event.note(), event.examiner(), 0));
    }

    @EventHandler
    void on(AgentAssessmentFailedEvent event, EventMessage<?> message) {
        records.save(new AgentRecordEntity(message.getIdentifier(), event.agentId().value(),
                AgentRecordEntity.Kind.ASSESSMENT_FAILED, event.date(), event.note(), event.examiner(), 0));
    }

    @EventHandler
    void on(AgentQualifiedEvent event) {
        agents.findById(event.agentId().value()).ifPresent(agent -> agent.qualified(event.qualifiedOn()));
    }

    @EventHandler
    void on(AgentPostChangedEvent event) {
        agents.findById(event.agentId().value())
                .ifPresent(agent -> agent.post(event.post(), event.windowCode(), event.fullTime()));
    }

    @EventHandler
    void on(AgentRoleChangedEvent event) {
        agents.findById(event.agentId().value()).ifPresent(agent -> agent.role(event.role()));
    }

    @EventHandler
    void on(AgentTransferredEvent event) {
        agents.findById(event.agentId().value()).ifPresent(agent -> agent.station(event.toStationCode().value()));
    }

    @EventHandler
    void on(AgentDeactivatedEvent event) {
        agents.findById(event.agentId().value()).ifPresent(agent -> agent.active(false));
    }

    @EventHandler
    void on(AgentReactivatedEvent event) {
        agents.findById(event.agentId().value()).ifPresent(agent -> agent.active(true));
    }

    @EventHandler
    void on(DelegationCommissionedEvent event) {
        jdbc.update("""
                insert into agent_workload (delegation_id, agent_id, open) values (?, ?, true)
                on conflict (delegation_id) do nothing""", event.delegationId().value(), event.agentId().value());
    }

    @EventHandler
    void on(AgentReassignedEvent event) {
        jdbc.update("update agent_workload set agent_id = ? where delegation_id = ?", event.newAgentId().value(),
                event.delegationId().value());
    }

    @EventHandler
    void on(DelegationCompletedEvent event) {
        jdbc.update("update agent_workload set open = false where delegation_id = ?", event.delegationId().value());
    }

    @EventHandler
    void on(DelegationTerminatedEvent event) {
        jdbc.update("update agent_workload set open = false where delegation_id = ?", event.delegationId().value());
    }

    @ResetHandler
    void reset() {
        jdbc.update("delete from agent_workload");
        records.deleteAllInBatch();
        agents.deleteAllInBatch();
    }

    @QueryHandler
    @Transactional(readOnly = true)
    StationAgentsResponse handle(FetchStationAgentsQuery query) {
        String station = query.stationCode().value();
        Map<String, Long> trainings = counts(agents.trainingsInYear(station, query.year()));
        Map<String, Long> workload = counts(agents.workload(station));
        return new StationAgentsResponse(station, query.year(), agents.atStation(station, query.includeInactive())
                .stream()
                .map(agent -> agent.toResponse(trainings.getOrDefault(agent.agentId(), 0L),
                        workload.getOrDefault(agent.agentId(), 0L), null, null))
                .toList());
    }

    @QueryHandler
    @Transactional(readOnly = true)
    Optional<AgentResponse> handle(FetchAgentQuery query) {
        return agents.findById(query.agentId().value()).map(agent -> {
            List<AgentRecordEntity> history = records.findByAgentIdOrderByDate(agent.agentId());
            List<AgentResponse.Training> trainings = history.stream()
                    .filter(r -> r.kind() == AgentRecordEntity.Kind.TRAINING)
                    .map(r -> new AgentResponse.Training(r.date(), r.text(), r.hours())).toList();
            List<AgentResponse.Assessment> assessments = history.stream()
                    .filter(r -> r.kind() != AgentRecordEntity.Kind.TRAINING)
                    .map(r -> new AgentResponse.Assessment(r.date(), r.kind() == AgentRecordEntity.Kind.ASSESSMENT_PASSED,
                            r.examiner(), r.text())).toList();
            long inYear = trainings.stream().filter(t -> t.date().getYear() == query.year()).count();
            Long open = jdbc.queryForObject("select count(*) from agent_workload where agent_id = ? and open",
                    Long.class, agent.agentId());
            return agent.toResponse(inYear, open == null ? 0 : open, trainings, assessments);
        });
    }

    private static Map<String, Long> counts(List<Object[]> rows) {
        Map<String, Long> counts = new HashMap<>();
        rows.forEach(row -> counts.put((String) row[0], ((Number) row[1]).longValue()));
        return counts;
    }
}
