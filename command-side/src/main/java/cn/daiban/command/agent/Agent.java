package cn.daiban.command.agent;

import cn.daiban.command.common.DomainRuleException;
import cn.daiban.command.station.StationRegistry;
import cn.daiban.kernel.agent.AgentAssessmentFailedEvent;
import cn.daiban.kernel.agent.AgentAssessmentPassedEvent;
import cn.daiban.kernel.agent.AgentDeactivatedEvent;
import cn.daiban.kernel.agent.AgentId;
import cn.daiban.kernel.agent.AgentPost;
import cn.daiban.kernel.agent.AgentPostChangedEvent;
import cn.daiban.kernel.agent.AgentQualifiedEvent;
import cn.daiban.kernel.agent.AgentReactivatedEvent;
import cn.daiban.kernel.agent.AgentRegisteredEvent;
import cn.daiban.kernel.agent.AgentRole;
import cn.daiban.kernel.agent.AgentRoleChangedEvent;
import cn.daiban.kernel.agent.AgentTrainingRecordedEvent;
import cn.daiban.kernel.agent.AgentTransferredEvent;
import cn.daiban.kernel.agent.ChangeAgentPostCommand;
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
 * with at least one year of recorded intake experience (`003 附件4 一2`) and after a recorded training (`003 附件4
 * 二4` 先培训后上岗), and while active.
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
    private AgentPost post;
    private String windowCode;
    private boolean fullTime;
    /** The earliest training recorded; null: none. */
    private LocalDate firstTraining;

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
        postAtStation(command.post(), command.windowCode(), station);
        apply(new AgentRegisteredEvent(command.agentId(), command.stationCode(), command.name(), command.phone(),
                command.background(), command.role(), command.intakeExperienceSince(), command.post(),
                command.windowCode(), command.fullTime()));
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
        trainedBy(command.date());
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

    /**
     * Post the agent at a window of their station, or at the station, and record full-time or not (`003 三(三)`).
     * Rule {@value #POST_CHANGES_SOMETHING}: the same post and full-time again is refused.
     */
    @CommandHandler
    long handle(ChangeAgentPostCommand command, StationRegistry stations) {
        requireActive("change the post of");
        if (command.post() == post && java.util.Objects.equals(command.windowCode(), windowCode)
                && command.fullTime() == fullTime) {
            throw DomainRuleException.ruleViolated(POST_CHANGES_SOMETHING, "post",
                    "the agent already has post " + post + (windowCode == null ? "" : " " + windowCode)
                            + (fullTime ? ", full-time" : ", not full-time"));
        }
        StationRegistry.RegisteredStation station = stations.find(stationCode).orElseThrow(() ->
                DomainRuleException.unknownReference("stationCode", "no station " + stationCode));
        postAtStation(command.post(), command.windowCode(), station);
        apply(new AgentPostChangedEvent(agentId, command.post(), command.windowCode(), command.fullTime(),
                command.reason()));
        return getVersion();
    }

    /** Rule: a window post names a window or zone the station has (as last approved). */
    public static final String POST_WINDOW_AT_STATION = "post-window-at-station";
    /** Rule: a post change changes the post, its window or full-time. */
    public static final String POST_CHANGES_SOMETHING = "post-changes-something";

    /**
     * A window post must name one of the station's windows; a station whose windows the look-up does not know is
     * not checked (as for delegations' windows). Assumption: that the post's kind matches the window's declared
     * kind is not checked here (the look-up keeps codes, not kinds); the staffing view counts an agent at a window
     * only when both agree, so a mismatch shows as a window short of staff.
     */
    private static void postAtStation(AgentPost post, String windowCode, StationRegistry.RegisteredStation station) {
        if (post != null && post.atWindow() && !station.hasWindow(windowCode)) {
            throw DomainRuleException.ruleViolated(POST_WINDOW_AT_STATION, "windowCode",
                    "station " + station.code() + " has no window or zone " + windowCode + "; it has "
                            + station.windowCodes().stream().sorted().toList());
        }
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

    /**
     * 先培训后上岗 (`003 附件4 二4`: 帮办代办员培训合格后上岗): a passed assessment, which qualifies the agent, needs a
     * training recorded on or before its date. A failed one does not (it qualifies nobody). Assumption: agents
     * qualified before this rule keep their qualification; a later passed assessment of theirs needs a training too.
     */
    private void trainedBy(LocalDate assessedOn) {
        if (firstTraining == null || firstTraining.isAfter(assessedOn)) {
            throw DomainRuleException.ruleViolated("trained-before-assessment", "date",
                    "an agent takes up the post after training (003 附件4 二4 先培训后上岗): "
                            + (firstTraining == null ? "no training is recorded"
                            : "the first training recorded is on " + firstTraining) + ", the assessment on "
                            + assessedOn + "; record the training first (POST /api/agents/{id}/trainings)");
        }
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
        // Registered before posts existed, or without one: posted at the station, not recorded as full-time.
        post = event.post() == null ? AgentPost.STATION : event.post();
        windowCode = event.windowCode();
        fullTime = Boolean.TRUE.equals(event.fullTime());
    }

    @EventSourcingHandler
    void on(AgentPostChangedEvent event) {
        post = event.post();
        windowCode = event.windowCode();
        fullTime = event.fullTime();
    }

    @EventSourcingHandler
    void on(AgentTrainingRecordedEvent event) {
        if (firstTraining == null || event.date().isBefore(firstTraining)) {
            firstTraining = event.date();
        }
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
        // Assumption: the windows of the old station mean nothing at the new one; the agent is posted at the
        // station there (full-time stays as it was) until posted anew.
        post = AgentPost.STATION;
        windowCode = null;
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
