package cn.daiban.command.agent;

import cn.daiban.command.common.DomainRuleException;
import cn.daiban.command.station.StationRegistry;
import cn.daiban.kernel.agent.AgentAssessmentFailedEvent;
import cn.daiban.kernel.agent.AgentAssessmentPassedEvent;
import cn.daiban.kernel.agent.AgentDeactivatedEvent;
import cn.daiban.kernel.agent.AgentId;
import cn.daiban.kernel.agent.AgentQualifiedEvent;
import cn.daiban.kernel.agent.AgentReactivatedEvent;
import cn.daiban.kernel.agent.AgentRegisteredEvent;
import cn.daiban.kernel.agent.AgentRole;
import cn.daiban.kernel.agent.AgentRoleChangedEvent;
import cn.daiban.kernel.agent.AgentTrainingRecordedEvent;
import cn.daiban.kernel.agent.AgentTransferredEvent;
import cn.daiban.kernel.agent.ChangeAgentRoleCommand;
import cn.daiban.kernel.agent.DeactivateAgentCommand;
import cn.daiban.kernel.agent.ReactivateAgentCommand;
import cn.daiban.kernel.agent.RecordAgentAssessmentCommand;
import cn.daiban.kernel.agent.RecordAgentTrainingCommand;
import cn.daiban.kernel.agent.RegisterAgentCommand;
import cn.daiban.kernel.agent.TransferAgentCommand;
import cn.daiban.kernel.calendar.ServiceClock;
import cn.daiban.kernel.station.StationCode;
import cn.daiban.kernel.station.StationStatus;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

import java.time.LocalDate;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;
import static org.axonframework.modelling.command.AggregateLifecycle.getVersion;

/**
 * An agent (代办员 / 帮办员). May be responsible for matters only once qualified: the on-the-job assessment passed
 * with at least one year of recorded intake experience (`003 附件4 一2`), and while active.
 */
@Aggregate(commandTargetResolver = "expectedVersionTargetResolver")
class Agent {

    @AggregateIdentifier
    private AgentId agentId;
    private StationCode stationCode;
    private AgentRole role;
    private LocalDate intakeExperienceSince;
    private boolean qualified;
    private boolean active;

    Agent() {
        // for Axon
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.ALWAYS)
    long handle(RegisterAgentCommand command, StationRegistry stations, ServiceClock clock) {
        StationRegistry.RegisteredStation station = stations.find(command.stationCode()).orElseThrow(() ->
                DomainRuleException.unknownReference("stationCode", "no station " + command.stationCode()));
        if (station.status() == StationStatus.REFUSED || station.status() == StationStatus.CLOSED) {
            throw DomainRuleException.ruleViolated("station-not-closed", "stationCode",
                    "station " + station.code() + " is " + station.status());
        }
        if (command.intakeExperienceSince().isAfter(clock.today())) {
            throw DomainRuleException.ruleViolated("not-in-future", "intakeExperienceSince",
                    "intake experience cannot start in the future");
        }
        apply(new AgentRegisteredEvent(command.agentId(), command.stationCode(), command.name(), command.phone(),
                command.background(), command.role(), command.intakeExperienceSince()));
        return getVersion();
    }

    @CommandHandler
    long handle(RecordAgentTrainingCommand command, ServiceClock clock) {
        requireActive("record a training for");
        notInFuture(command.date(), "date", clock);
        apply(new AgentTrainingRecordedEvent(agentId, command.date(), command.topic(), command.hours()));
        return getVersion();
    }

    @CommandHandler
    long handle(RecordAgentAssessmentCommand command, ServiceClock clock) {
        requireActive("record an assessment for");
        notInFuture(command.date(), "date", clock);
        if (!command.passed()) {
            apply(new AgentAssessmentFailedEvent(agentId, command.date(), command.examiner(), command.note()));
            return getVersion();
        }
        if (intakeExperienceSince.plusYears(1).isAfter(command.date())) {
            throw DomainRuleException.ruleViolated("one-year-intake-experience", "date",
                    "an agent needs at least one year of recorded intake experience before the assessment "
                            + "(003 附件4 一2): experience since " + intakeExperienceSince);
        }
        apply(new AgentAssessmentPassedEvent(agentId, command.date(), command.examiner(), command.note()));
        if (!qualified) {
            apply(new AgentQualifiedEvent(agentId, command.date()));
        }
        return getVersion();
    }

    @CommandHandler
    long handle(ChangeAgentRoleCommand command) {
        requireActive("change the role of");
        if (command.role() == role) {
            throw DomainRuleException.ruleViolated("different-role", "role", "the agent already has role " + role);
        }
        apply(new AgentRoleChangedEvent(agentId, command.role(), command.reason()));
        return getVersion();
    }

    @CommandHandler
    long handle(TransferAgentCommand command, StationRegistry stations) {
        requireActive("transfer");
        StationRegistry.RegisteredStation target = stations.find(command.toStationCode()).orElseThrow(() ->
                DomainRuleException.unknownReference("toStationCode", "no station " + command.toStationCode()));
        if (target.status() != StationStatus.OPEN) {
            throw DomainRuleException.ruleViolated("station-open", "toStationCode",
                    "station " + target.code() + " is " + target.status() + ", not OPEN");
        }
        if (target.code().equals(stationCode)) {
            throw DomainRuleException.ruleViolated("different-station", "toStationCode",
                    "the agent already works at " + stationCode);
        }
        apply(new AgentTransferredEvent(agentId, stationCode, target.code(), command.reason()));
        return getVersion();
    }

    @CommandHandler
    long handle(DeactivateAgentCommand command) {
        requireActive("deactivate");
        apply(new AgentDeactivatedEvent(agentId, command.reason()));
        return getVersion();
    }

    @CommandHandler
    long handle(ReactivateAgentCommand command) {
        if (active) {
            throw DomainRuleException.illegalTransition("agent-inactive", "the agent is active");
        }
        apply(new AgentReactivatedEvent(agentId, command.reason()));
        return getVersion();
    }

    private void requireActive(String action) {
        if (!active) {
            throw DomainRuleException.illegalTransition("agent-active",
                    "cannot " + action + " agent " + agentId + ": deactivated");
        }
    }

    private static void notInFuture(LocalDate date, String field, ServiceClock clock) {
        if (date.isAfter(clock.today())) {
            throw DomainRuleException.ruleViolated("not-in-future", field, date + " is in the future");
        }
    }

    @EventSourcingHandler
    void on(AgentRegisteredEvent event) {
        agentId = event.agentId();
        stationCode = event.stationCode();
        role = event.role();
        intakeExperienceSince = event.intakeExperienceSince();
        active = true;
    }

    @EventSourcingHandler
    void on(AgentQualifiedEvent event) {
        qualified = true;
    }

    @EventSourcingHandler
    void on(AgentRoleChangedEvent event) {
        role = event.role();
    }

    @EventSourcingHandler
    void on(AgentTransferredEvent event) {
        stationCode = event.toStationCode();
    }

    @EventSourcingHandler
    void on(AgentDeactivatedEvent event) {
        active = false;
    }

    @EventSourcingHandler
    void on(AgentReactivatedEvent event) {
        active = true;
    }
}
