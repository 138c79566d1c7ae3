package cn.daiban.command.delegation;

import cn.daiban.command.agent.AgentRegistry;
import cn.daiban.command.calendar.CalendarProvider;
import cn.daiban.command.catalogue.ServiceItemCatalog;
import cn.daiban.command.clientcategory.ClientCategories;
import cn.daiban.command.common.DomainRuleException;
import cn.daiban.command.station.StationRegistry;
import cn.daiban.kernel.calendar.WorkingDayCalendar;
import cn.daiban.kernel.catalogue.ServiceItemCode;
import cn.daiban.kernel.catalogue.ServiceItemDefinition;
import cn.daiban.kernel.common.MetadataKeys;
import cn.daiban.kernel.delegation.*;
import cn.daiban.kernel.station.StationCode;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.modelling.command.CommandHandlerInterceptor;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.GenericDeadlineMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateMember;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import static cn.daiban.command.delegation.DelegationRules.*;
import static cn.daiban.command.delegation.WorkingDays.calendar;
import static cn.daiban.command.delegation.WorkingDays.onCalendar;
import static org.axonframework.modelling.command.AggregateLifecycle.apply;
import static org.axonframework.modelling.command.AggregateLifecycle.getVersion;

/**
 * One matter of one client (委托 / 办件), from commissioning to archive. Its events are the audit trail.
 *
 * <p>The root holds who the matter is for and where it stands (its status), and commissions or declines it; the
 * parts of its life-cycle are members with their own commands and state: {@link Assignment} (agent, window, kind),
 * {@link TimeLimit} (the clock: deadline, suspension), {@link Supplements} (missing materials),
 * {@link ToleratedMaterials} (容缺), {@link ParallelTasks} (并联), {@link Escalation} (up and back),
 * {@link StatutoryFees}, {@link Completion} (completed or withdrawn), {@link Aftercare} (delivery, evaluation,
 * archive), {@link Rectification} (after a poor grade, re-checked by supervision), {@link FollowUps} (contacts with
 * the client after completion), {@link WorkLog} (工作日志), {@link ClientCategorisation}, {@link HomeVisits} and
 * {@link StepMoments} (steps recorded after the fact). A member that asks another (completion, archive,
 * follow-ups) is given it when built. Every rule is named in {@link DelegationRules}. A deadline's scope is the
 * aggregate; Axon hands it to every member, and the member whose check it is handles it. Assumption: a member's
 * event-sourcing handlers read only its own state, never the root's or another member's, so the order in which
 * Axon applies an event to the root and its members does not matter. See docs/adr/0001-delegation-root-and-members.md.
 */
@Aggregate(commandTargetResolver = "expectedVersionTargetResolver")
class Delegation {

    // Deadline names and DeadlineCheck are stored with scheduled deadlines: never rename or move them.
    static final String WARNING = "delegation-warning";
    static final String OVERDUE = "delegation-overdue";
    static final String SUPPLEMENT_DUE = "supplement-due";
    static final String SUPPLEMENT_FINAL = "supplement-final";
    static final String CONTINUATION = "continuation-deadline";
    static final String EVALUATION_REMINDER = "evaluation-reminder";
    static final String RECTIFICATION_DUE = "rectification-due";
    static final String HOP_DUE = "escalation-hop-due";
    static final String TOLERATED_DUE = "tolerated-material-due";

    @AggregateIdentifier
    private DelegationId delegationId;
    private DelegationStatus status;
    private DelegationStatus statusBeforeSuspension;
    private StationCode originStation;
    private ServiceItemCode itemCode;

    @AggregateMember
    private final Assignment assignment = new Assignment(this);
    @AggregateMember
    private final ToleratedMaterials toleratedMaterials = new ToleratedMaterials(this);
    @AggregateMember
    private final TimeLimit timeLimit = new TimeLimit(this, toleratedMaterials);
    @AggregateMember
    private final Supplements supplements = new Supplements(this);
    @AggregateMember
    private final ParallelTasks parallelTasks = new ParallelTasks(this);
    @AggregateMember
    private final Escalation escalation = new Escalation(this);
    @AggregateMember
    private final StatutoryFees fees = new StatutoryFees(this);
    @AggregateMember
    private final Completion completion = new Completion(this, escalation, parallelTasks, toleratedMaterials, fees,
            timeLimit);
    @AggregateMember
    private final Rectification rectification = new Rectification(this);
    @AggregateMember
    private final Aftercare aftercare = new Aftercare(this, rectification);
    @AggregateMember
    private final FollowUps followUps = new FollowUps(this, aftercare);
    @AggregateMember
    private final WorkLog workLog = new WorkLog(this);
    @AggregateMember
    private final ClientCategorisation clientCategorisation = new ClientCategorisation(this);
    @AggregateMember
    private final HomeVisits homeVisits = new HomeVisits(this);
    @AggregateMember
    private final StepMoments stepMoments = new StepMoments();

    /** What a deadline was scheduled for: a handler ignores it when the state has moved on since. */
    public record DeadlineCheck(LocalDate forDate, int number) {
    }

    Delegation() {
        // for Axon
    }

    /**
     * A step recorded after the fact (补录) is checked before any handler of the root or a member runs: see
     * {@link StepMoments}.
     */
    @CommandHandlerInterceptor
    Object recordedAfterTheFact(CommandMessage<?> command, InterceptorChain chain, CalendarProvider calendars,
                                BackdatingPolicy backdating, DelegationPolicy policy) throws Exception {
        stepMoments.check(command, calendars, backdating, policy);
        return chain.proceed();
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.ALWAYS)
    long handle(CommissionDelegationCommand command, StationRegistry stations, AgentRegistry agents,
                ServiceItemCatalog catalog, CalendarProvider calendars, AcceptanceFormNumbers formNumbers,
                DelegationPolicy policy, DeadlineManager deadlines, ClientCategories categories, EarlierMatters earlier) {
        StationRegistry.RegisteredStation station = CommissioningRules.openStation(command.stationCode(), stations);
        CommissioningRules.responsibleAgent(command.agentId(), command.stationCode(), agents, "agentId");
        ServiceItemCatalog.PublishedServiceItem item = CommissioningRules.offeredItem(command.itemCode(), station,
                catalog);
        ServiceItemDefinition definition = item.definition();
        CommissioningRules.clientConsent(command.consentGiven());
        CommissioningRules.clientCategoriesListed(command.clientCategories(), categories);
        CommissioningRules.homeVisitAgreed(command.mode(), command.homeVisit());
        CommissioningRules.reappliesAnUnsuccessfulMatter(command.previousDelegationId(), earlier);
        boolean proxy = command.kind() == DelegationKind.PROXY;
        if (proxy) {
            CommissioningRules.proxyAllowed(definition, command.client(), command.needsAnalysis(),
                    command.teamLeaderId(), command.applicantSigned(), command.stationCode(), agents);
        }
        CommissioningRules.notAPrivacyItem(definition);
        int promised = CommissioningRules.promisedWithinPublishedLimit(command.promisedWorkingDays(), definition);
        LocalDate today = today(policy);
        List<MaterialCheck> checklist = CommissioningRules.preChecked(command.materials(), definition, proxy, today);
        CommissioningRules.toleratedGaps(command.toleratedGaps(), definition, today);
        CommissioningRules.parallelHandling(command.parallelDepartments());
        WorkingDayCalendar calendar = calendar(calendars);
        LocalDate dueDate = onCalendar(() -> calendar.addWorkingDays(today, promised));
        // The moment of acceptance (受理时间): when it happened, for an intake recorded after the fact (补录).
        Instant now = StepMoments.currentOccurredAt().orElseGet(GenericEventMessage.clock::instant);
        Instant appliedAt = CommissioningRules.appliedBeforeAccepted(command.appliedAt(), now);
        // 003 三(五) / 002 表A.2: the names as registered now, so the ledger and the form keep who received and signed.
        String agentName = agents.find(command.agentId()).map(AgentRegistry.RegisteredAgent::name).orElse(null);
        String leaderName = proxy ? agents.find(command.teamLeaderId()).map(AgentRegistry.RegisteredAgent::name)
                .orElse(null) : null;
        AcceptanceFormNumber formNumber = proxy ? formNumbers.next(command.stationCode(), today) : null;
        boolean outside = !definition.authorityLevels().contains(station.level());
        apply(new DelegationCommissionedEvent(command.delegationId(), command.kind(), command.mode(),
                command.stationCode(), command.window(), command.agentId(), command.itemCode(), item.revision(),
                definition.name(), definition.department(), definition.authorityLevels(), definition.fees(),
                command.client(), formNumber, command.needsAnalysis(), command.toleratedGaps(),
                command.parallelDepartments(), proxy ? command.teamLeaderId() : null, command.applicantSigned(),
                command.notes(), station.supervisionPhone(), command.specialHandling(), outside, today, promised,
                dueDate, command.consultationId(), command.previousDelegationId(), command.clientCategories(),
                command.mode() == ServiceMode.HOME_VISIT ? command.homeVisit() : null, agentName, leaderName, appliedAt,
                proxy ? ApplicantCommitments.CURRENT : null, checklist,
                calendar.isProvisional(dueDate) ? Boolean.TRUE : null));
        timeLimit.scheduleDeadlineChecks(deadlines, calendar, policy);
        if (outside) {
            escalation.scheduleForwardingCheck(today, calendar, policy, deadlines);
        }
        toleratedMaterials.scheduleDueChecks(command.toleratedGaps(), policy, deadlines);
        return getVersion();
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.ALWAYS)
    long handle(DeclineDelegationCommand command, StationRegistry stations, AgentRegistry agents,
                ServiceItemCatalog catalog, DelegationPolicy policy) {
        apply(CommissioningRules.declinedIntake(command, stations, agents, catalog, today(policy)));
        return getVersion();
    }

    // For the members: who and where the matter is, its status, and the checks on it.

    DelegationId id() {
        return delegationId;
    }

    DelegationStatus status() {
        return status;
    }

    DelegationStatus statusBeforeSuspension() {
        return statusBeforeSuspension;
    }

    StationCode originStation() {
        return originStation;
    }

    ServiceItemCode itemCode() {
        return itemCode;
    }

    TimeLimit timeLimit() {
        return timeLimit;
    }

    Supplements supplements() {
        return supplements;
    }

    StatutoryFees fees() {
        return fees;
    }

    void requireOpen(String action) {
        if (status.isFinal() || status == DelegationStatus.COMPLETED || status == DelegationStatus.DELIVERED) {
            throw DomainRuleException.illegalTransition(DELEGATION_OPEN,
                    "cannot " + action + " delegation " + delegationId + ": it is " + status);
        }
    }

    void requireStatus(String action, DelegationStatus expected) {
        if (status != expected) {
            throw DomainRuleException.illegalTransition(DELEGATION_STATUS,
                    "cannot " + action + " delegation " + delegationId + ": it is " + status + ", not " + expected);
        }
    }

    /** Deadlines fire as the system acting, on the station of the matter. */
    void schedule(DeadlineManager deadlines, Instant at, String name, DeadlineCheck check) {
        deadlines.schedule(at, name, GenericDeadlineMessage.asDeadlineMessage(name, check, at)
                .withMetaData(systemActor()));
    }

    MetaData systemActor() {
        return MetaData.with(MetadataKeys.ACTOR_ID, MetadataKeys.SYSTEM_ACTOR)
                .and(MetadataKeys.STATION_CODE, originStation.value());
    }

    // The centre's days.

    /**
     * The day of the step being handled: the day it happened when it is recorded after the fact (补录, see
     * {@link StepMoments}), else the centre's today.
     */
    static LocalDate today(DelegationPolicy policy) {
        return dayOf(StepMoments.currentOccurredAt().orElseGet(GenericEventMessage.clock::instant), policy);
    }

    /** Deadline handlers date what they do by the moment the deadline was set for. */
    static LocalDate dayOf(Instant instant, DelegationPolicy policy) {
        return policy.clock().dayOf(instant);
    }

    /** The end of a day: the first instant of the next day in the centre's time zone. */
    static Instant endOf(LocalDate day, DelegationPolicy policy) {
        return policy.clock().endOf(day);
    }

    /** The start of a day in the centre's time zone. */
    static Instant startOf(LocalDate day, DelegationPolicy policy) {
        return policy.clock().startOf(day);
    }

    // State changes of the root: identity, place, and the status every member's commands check.

    @EventSourcingHandler
    void on(DelegationCommissionedEvent event) {
        delegationId = event.delegationId();
        status = DelegationStatus.HANDLING;
        originStation = event.stationCode();
        itemCode = event.itemCode();
    }

    @EventSourcingHandler
    void on(DelegationDeclinedEvent event) {
        delegationId = event.delegationId();
        originStation = event.stationCode();
        status = DelegationStatus.DECLINED;
    }

    @EventSourcingHandler
    void on(SupplementRequestedEvent event) {
        status = DelegationStatus.AWAITING_SUPPLEMENT;
    }

    @EventSourcingHandler
    void on(SupplementReceivedEvent event) {
        status = DelegationStatus.HANDLING;
    }

    @EventSourcingHandler
    void on(DelegationEscalatedEvent event) {
        status = DelegationStatus.ESCALATED;
    }

    @EventSourcingHandler
    void on(ResultReturnedEvent event) {
        status = DelegationStatus.HANDLING;
    }

    @EventSourcingHandler
    void on(DelegationSuspendedEvent event) {
        statusBeforeSuspension = status;
        status = DelegationStatus.SUSPENDED;
    }

    @EventSourcingHandler
    void on(DelegationResumedEvent event) {
        status = statusBeforeSuspension;
        statusBeforeSuspension = null;
    }

    @EventSourcingHandler
    void on(DelegationTerminatedEvent event) {
        status = DelegationStatus.TERMINATED;
    }

    @EventSourcingHandler
    void on(DelegationCompletedEvent event) {
        status = DelegationStatus.COMPLETED;
    }

    @EventSourcingHandler
    void on(ResultDeliveredEvent event) {
        status = DelegationStatus.DELIVERED;
    }

    @EventSourcingHandler
    void on(DelegationArchivedEvent event) {
        status = DelegationStatus.ARCHIVED;
    }
}
