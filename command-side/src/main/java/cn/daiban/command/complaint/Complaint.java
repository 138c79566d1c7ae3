package cn.daiban.command.complaint;

import cn.daiban.command.agent.AgentRegistry;
import cn.daiban.command.calendar.CalendarProvider;
import cn.daiban.command.common.DomainRuleException;
import cn.daiban.command.station.StationRegistry;
import cn.daiban.kernel.calendar.CalendarYearNotLoadedException;
import cn.daiban.kernel.calendar.ServiceClock;
import cn.daiban.kernel.calendar.WorkingDayCalendar;
import cn.daiban.kernel.common.MetadataKeys;
import cn.daiban.kernel.complaint.*;
import cn.daiban.kernel.station.StationCode;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.GenericDeadlineMessage;
import org.axonframework.deadline.annotation.DeadlineHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

import java.time.Instant;
import java.time.LocalDate;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;
import static org.axonframework.modelling.command.AggregateLifecycle.getVersion;

/**
 * A complaint (投诉, following GB/T 36113): received → accepted or not → investigated → handled → feedback to the
 * complainant → closed. From its receipt a time limit runs on the working-day calendar (`004 §6.2.3` 投诉及时处理率:
 * a complaint left unaccepted is late as much as one accepted and left unanswered); a warning before it and an
 * overdue event at it fire like any other deadline; acceptance does not move the day. A complaint received before the
 * limit ran from receipt has it counted from its acceptance, as then; declining one stops its clock.
 */
@Aggregate(commandTargetResolver = "expectedVersionTargetResolver")
class Complaint {

    enum Stage { RECEIVED, ACCEPTED, DECLINED, INVESTIGATED, HANDLED, ANSWERED, CLOSED }

    static final String WARNING = "complaint-warning";
    static final String OVERDUE = "complaint-overdue";

    @AggregateIdentifier
    private ComplaintId complaintId;
    private StationCode stationCode;
    private Stage stage;
    private LocalDate dueDate;

    Complaint() {
        // for Axon
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.ALWAYS)
    long handle(FileComplaintCommand command, StationRegistry stations, AgentRegistry agents,
                CalendarProvider calendars, ComplaintPolicy complaints, ServiceClock clock, DeadlineManager deadlines) {
        stations.find(command.stationCode()).orElseThrow(() ->
                DomainRuleException.unknownReference("stationCode", "no station " + command.stationCode()));
        if (command.agentId() != null) {
            AgentRegistry.RegisteredAgent agent = agents.find(command.agentId()).orElseThrow(() ->
                    DomainRuleException.unknownReference("agentId", "no agent " + command.agentId()));
            if (!agent.stationCode().equals(command.stationCode())) {
                throw DomainRuleException.ruleViolated("agent-of-station", "agentId",
                        agent.name() + " works at " + agent.stationCode() + ", not at " + command.stationCode());
            }
        }
        LocalDate today = clock.today();
        Limit limit = limit(today, calendars.current(), complaints);
        apply(new ComplaintReceivedEvent(command.complaintId(), command.stationCode(), command.agentId(),
                command.delegationId(), command.channel(), command.complainantName(), command.contact(),
                command.content(), today, limit == null ? null : limit.due()));
        if (limit != null) {
            scheduleChecks(limit, today, clock, deadlines);
        }
        return getVersion();
    }

    /** The day a complaint taken on {@code from} is due, and the day it is warned; null: that year is not loaded. */
    private record Limit(LocalDate due, LocalDate warnOn) {
    }

    private static Limit limit(LocalDate from, WorkingDayCalendar calendar, ComplaintPolicy complaints) {
        try {
            LocalDate due = calendar.addWorkingDays(from, complaints.timeLimitWorkingDays());
            return new Limit(due, calendar.minusWorkingDays(due, complaints.warningWorkingDays()));
        } catch (CalendarYearNotLoadedException e) {
            return null;
        }
    }

    private void scheduleChecks(Limit limit, LocalDate today, ServiceClock clock, DeadlineManager deadlines) {
        if (limit.warnOn().isAfter(today)) {
            schedule(deadlines, clock.startOf(limit.warnOn()), WARNING, limit.due());
        }
        schedule(deadlines, clock.endOf(limit.due()), OVERDUE, limit.due());
    }

    @CommandHandler
    long handle(AcceptComplaintCommand command, CalendarProvider calendars, ComplaintPolicy complaints,
                ServiceClock clock, DeadlineManager deadlines) {
        requireStage(Stage.RECEIVED, "accept");
        LocalDate today = clock.today();
        if (dueDate != null) {
            // Due since its receipt: acceptance does not move the day, nor schedule its checks again.
            apply(new ComplaintAcceptedEvent(complaintId, today, dueDate));
            return getVersion();
        }
        Limit limit = limit(today, calendars.current(), complaints);
        if (limit == null) {
            throw DomainRuleException.ruleViolated("calendar-year-not-loaded", null,
                    "the working-day calendar does not reach this complaint's time limit yet");
        }
        apply(new ComplaintAcceptedEvent(complaintId, today, limit.due()));
        scheduleChecks(limit, today, clock, deadlines);
        return getVersion();
    }

    @CommandHandler
    long handle(DeclineComplaintCommand command, ServiceClock clock) {
        requireStage(Stage.RECEIVED, "decline");
        apply(new ComplaintDeclinedEvent(complaintId, command.reason(), clock.today()));
        return getVersion();
    }

    @CommandHandler
    long handle(RecordComplaintInvestigationCommand command, ServiceClock clock) {
        requireStage(Stage.ACCEPTED, "record the investigation of");
        apply(new ComplaintInvestigatedEvent(complaintId, command.findings(), clock.today()));
        return getVersion();
    }

    @CommandHandler
    long handle(HandleComplaintCommand command, ServiceClock clock) {
        requireStage(Stage.INVESTIGATED, "handle");
        apply(new ComplaintHandledEvent(complaintId, command.finding(), command.measures(), clock.today()));
        return getVersion();
    }

    @CommandHandler
    long handle(GiveComplaintFeedbackCommand command, ServiceClock clock) {
        requireStage(Stage.HANDLED, "give feedback on");
        LocalDate today = clock.today();
        // The warning and overdue checks are not cancelled: they are ignored once answered (see isRunning).
        apply(new ComplaintFeedbackGivenEvent(complaintId, command.feedback(), today, !today.isAfter(dueDate)));
        return getVersion();
    }

    @CommandHandler
    long handle(CloseComplaintCommand command, ServiceClock clock) {
        if (stage != Stage.ANSWERED && stage != Stage.DECLINED) {
            throw DomainRuleException.illegalTransition("complaint-stage",
                    "a complaint is closed after the complainant has had the feedback (or the refusal); it is " + stage);
        }
        apply(new ComplaintClosedEvent(complaintId, command.archiveReference(), clock.today()));
        return getVersion();
    }

    @DeadlineHandler(deadlineName = WARNING)
    void onWarning(LocalDate due) {
        if (isRunning() && due.equals(dueDate)) {
            apply(new ComplaintDeadlineApproachingEvent(complaintId, dueDate), system());
        }
    }

    @DeadlineHandler(deadlineName = OVERDUE)
    void onOverdue(LocalDate due) {
        if (isRunning() && due.equals(dueDate)) {
            apply(new ComplaintOverdueEvent(complaintId, dueDate), system());
        }
    }

    private boolean isRunning() {
        return stage == Stage.RECEIVED || stage == Stage.ACCEPTED || stage == Stage.INVESTIGATED
                || stage == Stage.HANDLED;
    }

    private void requireStage(Stage expected, String action) {
        if (stage != expected) {
            throw DomainRuleException.illegalTransition("complaint-stage",
                    "cannot " + action + " complaint " + complaintId + ": it is " + stage + ", not " + expected);
        }
    }

    private void schedule(DeadlineManager deadlines, Instant at, String name, LocalDate due) {
        deadlines.schedule(at, name, GenericDeadlineMessage.asDeadlineMessage(name, due, at).withMetaData(system()));
    }

    private MetaData system() {
        return MetaData.with(MetadataKeys.ACTOR_ID, MetadataKeys.SYSTEM_ACTOR)
                .and(MetadataKeys.STATION_CODE, stationCode.value());
    }

    @EventSourcingHandler
    void on(ComplaintReceivedEvent event) {
        complaintId = event.complaintId();
        stationCode = event.stationCode();
        stage = Stage.RECEIVED;
        dueDate = event.dueDate();
    }

    @EventSourcingHandler
    void on(ComplaintAcceptedEvent event) {
        stage = Stage.ACCEPTED;
        dueDate = event.dueDate();
    }

    @EventSourcingHandler
    void on(ComplaintDeclinedEvent event) {
        stage = Stage.DECLINED;
    }

    @EventSourcingHandler
    void on(ComplaintInvestigatedEvent event) {
        stage = Stage.INVESTIGATED;
    }

    @EventSourcingHandler
    void on(ComplaintHandledEvent event) {
        stage = Stage.HANDLED;
    }

    @EventSourcingHandler
    void on(ComplaintFeedbackGivenEvent event) {
        stage = Stage.ANSWERED;
    }

    @EventSourcingHandler
    void on(ComplaintClosedEvent event) {
        stage = Stage.CLOSED;
    }
}
