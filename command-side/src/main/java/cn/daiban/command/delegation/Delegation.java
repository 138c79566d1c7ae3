package cn.daiban.command.delegation;

import cn.daiban.command.agent.AgentRegistry;
import cn.daiban.command.calendar.CalendarProvider;
import cn.daiban.command.catalogue.ServiceItemCatalog;
import cn.daiban.command.common.DomainRuleException;
import cn.daiban.command.station.StationRegistry;
import cn.daiban.kernel.agent.AgentId;
import cn.daiban.kernel.agent.AgentRole;
import cn.daiban.kernel.calendar.CalendarYearNotLoadedException;
import cn.daiban.kernel.calendar.WorkingDayCalendar;
import cn.daiban.kernel.catalogue.RequiredMaterial;
import cn.daiban.kernel.catalogue.ServiceItemCode;
import cn.daiban.kernel.catalogue.ServiceItemDefinition;
import cn.daiban.kernel.catalogue.StatutoryFee;
import cn.daiban.kernel.common.MetadataKeys;
import cn.daiban.kernel.delegation.*;
import cn.daiban.kernel.station.StationCode;
import cn.daiban.kernel.station.StationLevel;
import cn.daiban.kernel.station.StationStatus;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.GenericDeadlineMessage;
import org.axonframework.deadline.annotation.DeadlineHandler;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;
import static org.axonframework.modelling.command.AggregateLifecycle.getVersion;

/**
 * One matter of one client (委托 / 办件), from commissioning to archive. Its events are the audit trail:
 * every rule of {@code DOMAIN.md} "The delegation" and "Rules that are easy to miss" is checked here before
 * anything is applied, and the time rules run on the working-day calendar with persistent deadlines.
 */
@Aggregate(commandTargetResolver = "expectedVersionTargetResolver")
class Delegation {

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
    private DelegationKind kind;
    private DelegationStatus status;
    private StationCode originStation;
    private String window;
    private AgentId agentId;
    private ServiceItemCode itemCode;
    private Set<StationLevel> authorityLevels = Set.of();
    private List<StatutoryFee> fees = List.of();
    private boolean outsideAuthority;
    private LocalDate commissionedOn;
    private LocalDate deadline;
    private int pausedWorkingDays;
    private int supplementRequests;
    private Integer openSupplement;
    private LocalDate supplementRequestedOn;
    private LocalDate supplementDueDate;
    private DelegationStatus statusBeforeSuspension;
    private LocalDate suspendedOn;
    private final List<Hop> hops = new ArrayList<>();
    private final Map<String, Boolean> parallelTasks = new LinkedHashMap<>();
    private final Map<String, LocalDate> toleratedOutstanding = new LinkedHashMap<>();
    private final Set<String> notifiedFees = new LinkedHashSet<>();
    private final Set<String> paidFees = new LinkedHashSet<>();
    private boolean successful;
    private LocalDate deliveredOn;
    private int evaluationCount;
    private boolean validEvaluation;
    private boolean evaluationReminded;
    private boolean rectificationOpen;
    private boolean rectificationFollowedUp;
    private LocalDate rectificationDue;

    /** One step of a cross-level matter: sent up, decided, and the result back down. */
    private record Hop(int number, StationCode target, LocalDate dueDate, Boolean approved, boolean returned) {
    }

    /** What a deadline was scheduled for: a handler ignores it when the state has moved on since. */
    public record DeadlineCheck(LocalDate forDate, int number) {
    }

    Delegation() {
        // for Axon
    }

    // ------------------------------------------------------------------------------------------- commissioning

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.ALWAYS)
    long handle(CommissionDelegationCommand command, StationRegistry stations, AgentRegistry agents,
                ServiceItemCatalog catalog, CalendarProvider calendars, AcceptanceFormNumbers formNumbers,
                DelegationPolicy policy, DeadlineManager deadlines) {
        StationRegistry.RegisteredStation station = openStation(command.stationCode(), stations);
        requireResponsibleAgent(command.agentId(), command.stationCode(), agents, "agentId");
        ServiceItemCatalog.PublishedServiceItem item = offeredItem(command.itemCode(), station, catalog);
        ServiceItemDefinition definition = item.definition();
        if (!command.consentGiven()) {
            throw DomainRuleException.ruleViolated("client-consent", "consentGiven",
                    "a delegation needs the client's free consent (自愿, 000 §4.1)");
        }
        AcceptanceFormNumber formNumber = null;
        if (command.kind() == DelegationKind.PROXY) {
            requireProxyAllowed(definition, command.client(), command.needsAnalysis(), command.teamLeaderId(),
                    command.applicantSigned(), command.stationCode(), agents);
        }
        int promised = command.promisedWorkingDays() == null
                ? definition.timeLimitWorkingDays() : command.promisedWorkingDays();
        if (promised > definition.timeLimitWorkingDays()) {
            throw DomainRuleException.ruleViolated("published-limit", "promisedWorkingDays",
                    "the promised limit may be shorter than the published " + definition.timeLimitWorkingDays()
                            + " working days, never longer");
        }
        LocalDate today = today(policy);
        requireToleratedGaps(command.toleratedGaps(), definition, today);
        if (command.parallelDepartments().size() == 1) {
            throw DomainRuleException.ruleViolated("parallel-handling", "parallelDepartments",
                    "parallel handling (并联办理) involves at least two departments");
        }
        WorkingDayCalendar calendar = calendar(calendars);
        LocalDate dueDate = onCalendar(() -> calendar.addWorkingDays(today, promised));
        if (command.kind() == DelegationKind.PROXY) {
            formNumber = formNumbers.next(command.stationCode(), today);
        }
        boolean outside = !definition.authorityLevels().contains(station.level());
        apply(new DelegationCommissionedEvent(command.delegationId(), command.kind(), command.mode(),
                command.stationCode(), command.window(), command.agentId(), command.itemCode(), item.revision(),
                definition.name(), definition.department(), definition.authorityLevels(), definition.fees(),
                command.client(), formNumber, command.needsAnalysis(), command.toleratedGaps(),
                command.parallelDepartments(), command.kind() == DelegationKind.PROXY ? command.teamLeaderId() : null,
                command.applicantSigned(), command.notes(), station.supervisionPhone(), command.specialHandling(),
                outside, today, promised, dueDate, command.consultationId(), command.previousDelegationId()));
        scheduleDeadlineChecks(deadlines, calendar, policy);
        if (outside) {
            LocalDate forwardBy = onCalendar(() -> calendar.addWorkingDays(today, policy.forwardWithinWorkingDays()));
            schedule(deadlines, policy, endOf(forwardBy, policy), HOP_DUE, new DeadlineCheck(forwardBy, 0));
        }
        for (ToleratedGap gap : command.toleratedGaps()) {
            schedule(deadlines, policy, endOf(gap.committedDate(), policy), TOLERATED_DUE,
                    new DeadlineCheck(gap.committedDate(), command.toleratedGaps().indexOf(gap)));
        }
        return getVersion();
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.ALWAYS)
    long handle(DeclineDelegationCommand command, StationRegistry stations, AgentRegistry agents,
                ServiceItemCatalog catalog, DelegationPolicy policy) {
        stations.find(command.stationCode()).orElseThrow(() ->
                DomainRuleException.unknownReference("stationCode", "no station " + command.stationCode()));
        agents.find(command.agentId()).orElseThrow(() ->
                DomainRuleException.unknownReference("agentId", "no agent " + command.agentId()));
        String itemName = command.itemCode() == null ? null
                : catalog.find(command.itemCode()).map(item -> item.definition().name()).orElse(null);
        apply(new DelegationDeclinedEvent(command.delegationId(), command.kind(), command.stationCode(),
                command.agentId(), command.itemCode(), itemName, command.client(), command.reason(), today(policy)));
        return getVersion();
    }

    // ------------------------------------------------------------------------------------------------ handling

    @CommandHandler
    long handle(ReassignAgentCommand command, AgentRegistry agents) {
        requireOpen("reassign");
        if (!command.clientInformed()) {
            throw DomainRuleException.ruleViolated("client-informed-of-reassignment", "clientInformed",
                    "the client must be told before the responsible agent changes (002 一对一服务)");
        }
        if (command.newAgentId().equals(agentId)) {
            throw DomainRuleException.ruleViolated("different-agent", "newAgentId", "that agent is already responsible");
        }
        requireResponsibleAgent(command.newAgentId(), originStation, agents, "newAgentId");
        apply(new AgentReassignedEvent(delegationId, agentId, command.newAgentId(), command.reason()));
        return getVersion();
    }

    @CommandHandler
    long handle(ReportProgressCommand command) {
        requireOpen("report progress on");
        apply(new ProgressReportedEvent(delegationId, command.note(), command.channel(), command.channelNote()));
        return getVersion();
    }

    @CommandHandler
    long handle(RequestSupplementCommand command, DelegationPolicy policy, DeadlineManager deadlines) {
        requireStatus("request materials for", DelegationStatus.HANDLING);
        LocalDate today = today(policy);
        if (command.dueDate().isBefore(today)) {
            throw DomainRuleException.ruleViolated("due-date-not-past", "dueDate", "the due date is in the past");
        }
        boolean breach = supplementRequests > 0;
        if (breach && command.justification() == null) {
            throw DomainRuleException.ruleViolated("one-time-notice", "justification",
                    "all missing materials are listed at once (一次性告知); a further request needs a justification"
                            + " and is recorded as a breach");
        }
        int number = supplementRequests + 1;
        apply(new SupplementRequestedEvent(delegationId, number, command.materials(), today, command.dueDate(),
                command.justification(), breach));
        schedule(deadlines, policy, endOf(command.dueDate(), policy), SUPPLEMENT_DUE,
                new DeadlineCheck(command.dueDate(), number));
        return getVersion();
    }

    @CommandHandler
    long handle(ReceiveSupplementCommand command, CalendarProvider calendars, DelegationPolicy policy,
                DeadlineManager deadlines) {
        requireStatus("receive materials for", DelegationStatus.AWAITING_SUPPLEMENT);
        WorkingDayCalendar calendar = calendar(calendars);
        LocalDate today = today(policy);
        int paused = onCalendar(() -> calendar.workingDaysBetween(supplementRequestedOn, today));
        LocalDate moved = onCalendar(() -> calendar.addWorkingDays(deadline, paused));
        deadlines.cancelAllWithinScope(SUPPLEMENT_DUE);
        deadlines.cancelAllWithinScope(SUPPLEMENT_FINAL);
        apply(new SupplementReceivedEvent(delegationId, openSupplement, today, paused, deadline, moved));
        scheduleDeadlineChecks(deadlines, calendar, policy);
        return getVersion();
    }

    @DeadlineHandler(deadlineName = SUPPLEMENT_DUE)
    void onSupplementDue(DeadlineCheck check, CalendarProvider calendars, DelegationPolicy policy,
                         DeadlineManager deadlines) {
        if (status != DelegationStatus.AWAITING_SUPPLEMENT || !Integer.valueOf(check.number()).equals(openSupplement)) {
            return;
        }
        WorkingDayCalendar calendar = calendar(calendars);
        LocalDate finalDate = onCalendar(() -> calendar.addWorkingDays(check.forDate(),
                policy.supplementGraceWorkingDays()));
        apply(new SupplementReminderSentEvent(delegationId, check.number(), check.forDate(), finalDate),
                systemActor());
        schedule(deadlines, policy, endOf(finalDate, policy), SUPPLEMENT_FINAL,
                new DeadlineCheck(finalDate, check.number()));
    }

    @DeadlineHandler(deadlineName = SUPPLEMENT_FINAL)
    void onSupplementFinal(DeadlineCheck check, @Timestamp Instant firedAt, DelegationPolicy policy,
                           DeadlineManager deadlines) {
        if (status != DelegationStatus.AWAITING_SUPPLEMENT || !Integer.valueOf(check.number()).equals(openSupplement)) {
            return;
        }
        suspend(SuspensionReason.MATERIALS_OVERDUE, "逾期未补正材料，已提醒一次", dayOf(firedAt, policy), policy,
                deadlines, true);
    }

    @CommandHandler
    long handle(ReceiveToleratedMaterialCommand command, DelegationPolicy policy) {
        requireOpen("receive materials for");
        if (!toleratedOutstanding.containsKey(command.materialName())) {
            throw DomainRuleException.ruleViolated("tolerated-material-outstanding", "materialName",
                    command.materialName() + " is not an outstanding tolerated material of this delegation");
        }
        apply(new ToleratedMaterialReceivedEvent(delegationId, command.materialName(), today(policy)));
        return getVersion();
    }

    @DeadlineHandler(deadlineName = TOLERATED_DUE)
    void onToleratedDue(DeadlineCheck check) {
        if (status.isFinal()) {
            return;
        }
        toleratedOutstanding.entrySet().stream()
                .filter(entry -> entry.getValue().equals(check.forDate()))
                .map(Map.Entry::getKey)
                .toList()
                .forEach(material -> apply(new ToleratedMaterialOverdueEvent(delegationId, material, check.forDate()),
                        systemActor()));
    }

    @CommandHandler
    long handle(ConvertAssistToProxyCommand command, ServiceItemCatalog catalog, AgentRegistry agents,
                AcceptanceFormNumbers formNumbers, StationRegistry stations, DelegationPolicy policy) {
        requireOpen("convert");
        if (kind != DelegationKind.ASSIST) {
            throw DomainRuleException.illegalTransition("assist-only", "only an assist can become a proxy");
        }
        ServiceItemDefinition definition = catalog.find(itemCode)
                .orElseThrow(() -> DomainRuleException.unknownReference("itemCode", "no service item " + itemCode))
                .definition();
        requireProxyAllowed(definition, command.client(), command.needsAnalysis(), command.teamLeaderId(),
                command.applicantSigned(), originStation, agents);
        String supervisionPhone = stations.find(originStation).map(StationRegistry.RegisteredStation::supervisionPhone)
                .orElse(null);
        apply(new AssistConvertedToProxyEvent(delegationId, command.client(),
                formNumbers.next(originStation, today(policy)), command.needsAnalysis(), command.teamLeaderId(),
                command.applicantSigned(), command.notes(), supervisionPhone));
        return getVersion();
    }

    @CommandHandler
    long handle(TransferDelegationCommand command) {
        requireOpen("transfer");
        if (command.toWindow().equals(window)) {
            throw DomainRuleException.ruleViolated("different-window", "toWindow", "it is already at " + window);
        }
        apply(new DelegationTransferredEvent(delegationId, window, command.toWindow(), command.reason()));
        return getVersion();
    }

    @CommandHandler
    long handle(RecordParallelTaskCompletedCommand command) {
        requireOpen("record a department's result on");
        Boolean done = parallelTasks.get(command.department());
        if (done == null) {
            throw DomainRuleException.ruleViolated("parallel-task-exists", "department",
                    command.department() + " is not one of the departments of this matter: " + parallelTasks.keySet());
        }
        if (done) {
            throw DomainRuleException.illegalTransition("parallel-task-open",
                    command.department() + " has already reported its result");
        }
        apply(new ParallelTaskCompletedEvent(delegationId, command.department(), command.approved(), command.note()));
        return getVersion();
    }

    // --------------------------------------------------------------------------------------------- escalation

    @CommandHandler
    long handle(EscalateDelegationCommand command, StationRegistry stations, CalendarProvider calendars,
                DelegationPolicy policy, DeadlineManager deadlines) {
        requireStatus("escalate", DelegationStatus.HANDLING);
        StationRegistry.RegisteredStation target = stations.find(command.targetStationCode())
                .orElseThrow(() -> DomainRuleException.unknownReference("targetStationCode",
                        "no station " + command.targetStationCode()));
        if (target.status() != StationStatus.OPEN) {
            throw DomainRuleException.ruleViolated("station-open", "targetStationCode",
                    "station " + target.code() + " is " + target.status() + ", not OPEN");
        }
        if (!authorityLevels.contains(target.level())) {
            throw DomainRuleException.ruleViolated("escalate-to-authority", "targetStationCode",
                    "a " + target.level() + " has no authority over this matter; levels with authority: "
                            + authorityLevels);
        }
        StationCode from = hops.isEmpty() ? originStation : hops.get(hops.size() - 1).target();
        if (target.code().equals(from)) {
            throw DomainRuleException.ruleViolated("escalate-upwards", "targetStationCode",
                    "the matter is already at " + from);
        }
        WorkingDayCalendar calendar = calendar(calendars);
        LocalDate today = today(policy);
        LocalDate hopDue = latest(today, onCalendar(() -> calendar.minusWorkingDays(deadline,
                policy.returnWorkingDays())));
        int number = hops.size() + 1;
        apply(new DelegationEscalatedEvent(delegationId, number, from, target.code(), command.uploadedMaterialRefs(),
                command.note(), today, hopDue));
        schedule(deadlines, policy, endOf(hopDue, policy), HOP_DUE, new DeadlineCheck(hopDue, number));
        return getVersion();
    }

    @CommandHandler
    long handle(RecordUpperLevelDecisionCommand command, DelegationPolicy policy) {
        requireStatus("record an upper-level decision on", DelegationStatus.ESCALATED);
        Hop hop = currentHop(command.hopNumber());
        if (hop.approved() != null) {
            throw DomainRuleException.illegalTransition("hop-undecided",
                    "hop " + hop.number() + " has already been decided");
        }
        apply(new UpperLevelDecisionRecordedEvent(delegationId, hop.number(), hop.target(), command.approved(),
                command.certificateNumber(), command.reason(), today(policy)));
        return getVersion();
    }

    @CommandHandler
    long handle(ReturnResultCommand command, DelegationPolicy policy) {
        requireStatus("return the result of", DelegationStatus.ESCALATED);
        Hop hop = currentHop(command.hopNumber());
        if (hop.approved() == null) {
            throw DomainRuleException.illegalTransition("hop-decided",
                    "hop " + hop.number() + " has no decision yet to return");
        }
        apply(new ResultReturnedEvent(delegationId, hop.number(), originStation, today(policy)));
        return getVersion();
    }

    @DeadlineHandler(deadlineName = HOP_DUE)
    void onHopDue(DeadlineCheck check) {
        if (status.isFinal() || status == DelegationStatus.COMPLETED || status == DelegationStatus.DELIVERED) {
            return;
        }
        if (check.number() == 0) {
            if (hops.isEmpty()) {
                apply(new EscalationHopOverdueEvent(delegationId, 0, originStation, check.forDate()), systemActor());
            }
            return;
        }
        if (check.number() <= hops.size()) {
            Hop hop = hops.get(check.number() - 1);
            if (hop.approved() == null) {
                apply(new EscalationHopOverdueEvent(delegationId, hop.number(), hop.target(), check.forDate()),
                        systemActor());
            }
        }
    }

    // ------------------------------------------------------------------------------------------------- fees

    @CommandHandler
    long handle(NotifyStatutoryFeeCommand command) {
        requireOpen("notify a fee on");
        StatutoryFee fee = statutoryFee(command.feeName());
        if (notifiedFees.contains(fee.name())) {
            throw DomainRuleException.illegalTransition("fee-notified-once", fee.name() + " was already notified");
        }
        apply(new StatutoryFeeNotifiedEvent(delegationId, fee));
        return getVersion();
    }

    @CommandHandler
    long handle(RecordFeePaymentCommand command) {
        requireOpen("record a payment on");
        StatutoryFee fee = statutoryFee(command.feeName());
        if (!notifiedFees.contains(fee.name())) {
            throw DomainRuleException.ruleViolated("fee-told-before-paid", "feeName",
                    "the client must be told the fee (amount, legal basis, payee) before a payment is recorded");
        }
        if (paidFees.contains(fee.name())) {
            throw DomainRuleException.illegalTransition("fee-paid-once", fee.name() + " is already paid");
        }
        if (command.amountFen() != fee.amountFen()) {
            throw DomainRuleException.ruleViolated("statutory-amount", "amountFen",
                    "the statutory amount of " + fee.name() + " is " + fee.amountFen() + " fen");
        }
        apply(new StatutoryFeePaidEvent(delegationId, fee.name(), fee.amountFen(), fee.legalBasis(), fee.payee(),
                command.receiptNumber()));
        return getVersion();
    }

    // ------------------------------------------------------------------------------------ suspension, ending

    @CommandHandler
    long handle(SuspendDelegationCommand command, DelegationPolicy policy, DeadlineManager deadlines) {
        requireOpen("suspend");
        if (status == DelegationStatus.SUSPENDED) {
            throw DomainRuleException.illegalTransition("not-suspended", "the delegation is already suspended");
        }
        if (command.reason() == SuspensionReason.MATERIALS_OVERDUE) {
            throw DomainRuleException.ruleViolated("materials-overdue-is-automatic", "reason",
                    "suspension for overdue materials happens by itself after the one reminder");
        }
        if (command.reason() == SuspensionReason.FEES_UNPAID
                && (notifiedFees.isEmpty() || paidFees.containsAll(notifiedFees))) {
            throw DomainRuleException.ruleViolated("fee-outstanding", "reason", "no notified fee is outstanding");
        }
        suspend(command.reason(), command.note(), today(policy), policy, deadlines, false);
        return getVersion();
    }

    private void suspend(SuspensionReason reason, String note, LocalDate today, DelegationPolicy policy,
                         DeadlineManager deadlines, boolean bySystem) {
        LocalDate continuationDeadline = today.plusDays(policy.continuationCalendarDays());
        cancelDeadlineChecks(deadlines);
        DelegationSuspendedEvent event = new DelegationSuspendedEvent(delegationId, reason, note, today,
                continuationDeadline);
        if (bySystem) {
            apply(event, systemActor());
        } else {
            apply(event);
        }
        schedule(deadlines, policy, endOf(continuationDeadline, policy), CONTINUATION,
                new DeadlineCheck(continuationDeadline, 0));
    }

    @CommandHandler
    long handle(ResumeDelegationCommand command, CalendarProvider calendars, DelegationPolicy policy,
                DeadlineManager deadlines) {
        requireStatus("resume", DelegationStatus.SUSPENDED);
        WorkingDayCalendar calendar = calendar(calendars);
        LocalDate today = today(policy);
        // The clock stood still while suspended, and before that while waiting for materials if it was.
        LocalDate pausedSince = statusBeforeSuspension == DelegationStatus.AWAITING_SUPPLEMENT
                ? supplementRequestedOn : suspendedOn;
        int paused = onCalendar(() -> calendar.workingDaysBetween(pausedSince, today));
        LocalDate moved = onCalendar(() -> calendar.addWorkingDays(deadline, paused));
        deadlines.cancelAllWithinScope(CONTINUATION);
        apply(new DelegationResumedEvent(delegationId, today, paused, deadline, moved));
        scheduleDeadlineChecks(deadlines, calendar, policy);
        return getVersion();
    }

    @DeadlineHandler(deadlineName = CONTINUATION)
    void onContinuationDeadline(DeadlineCheck check, @Timestamp Instant firedAt, DelegationPolicy policy) {
        if (status != DelegationStatus.SUSPENDED) {
            return;
        }
        apply(new DelegationTerminatedEvent(delegationId, TerminationReason.CONTINUATION_DEADLINE_PASSED,
                "续办期限 " + check.forDate() + " 已过", dayOf(firedAt, policy)), systemActor());
    }

    @CommandHandler
    long handle(WithdrawDelegationCommand command, DelegationPolicy policy, DeadlineManager deadlines) {
        requireOpen("withdraw");
        cancelDeadlineChecks(deadlines);
        deadlines.cancelAllWithinScope(CONTINUATION);
        apply(new DelegationTerminatedEvent(delegationId, TerminationReason.CLIENT_WITHDREW, command.reason(),
                today(policy)));
        return getVersion();
    }

    @CommandHandler
    long handle(CompleteDelegationCommand command, CalendarProvider calendars, DelegationPolicy policy,
                DeadlineManager deadlines) {
        requireStatus("complete", DelegationStatus.HANDLING);
        if (outsideAuthority && command.successful()
                && hops.stream().noneMatch(hop -> Boolean.TRUE.equals(hop.approved()) && hop.returned())) {
            throw DomainRuleException.ruleViolated("authority", "successful",
                    "the station has no authority over this matter: it completes only with an approval returned "
                            + "from a level that has it (000 §7.2.3)");
        }
        if (parallelTasks.containsValue(false)) {
            throw DomainRuleException.ruleViolated("parallel-tasks-done", null,
                    "departments still working (并联办理): " + parallelTasks.entrySet().stream()
                            .filter(entry -> !entry.getValue()).map(Map.Entry::getKey).toList());
        }
        if (command.successful() && !toleratedOutstanding.isEmpty()) {
            throw DomainRuleException.ruleViolated("tolerated-materials-in", null,
                    "materials accepted as missing are still outstanding: " + toleratedOutstanding.keySet());
        }
        if (command.successful() && !paidFees.containsAll(notifiedFees)) {
            throw DomainRuleException.ruleViolated("fees-paid", null, "a notified statutory fee is unpaid");
        }
        WorkingDayCalendar calendar = calendar(calendars);
        LocalDate today = today(policy);
        int handling = onCalendar(() -> calendar.workingDaysBetween(commissionedOn, today)) - pausedWorkingDays;
        cancelDeadlineChecks(deadlines);
        deadlines.cancelAllWithinScope(HOP_DUE);
        apply(new DelegationCompletedEvent(delegationId, command.successful(), command.resultReference(),
                command.failureReason(), today, deadline, !today.isAfter(deadline), Math.max(0, handling)));
        return getVersion();
    }

    @CommandHandler
    long handle(DeliverResultCommand command, DelegationPolicy policy, DeadlineManager deadlines) {
        requireStatus("deliver", DelegationStatus.COMPLETED);
        LocalDate today = today(policy);
        apply(new ResultDeliveredEvent(delegationId, command.method(), command.trackingNumber(),
                command.handoverProof(), command.licenceInstructionsGiven(), command.method() == DeliveryMethod.POST,
                today, today));
        LocalDate remindOn = today.plusDays(policy.evaluationReminderDays());
        schedule(deadlines, policy, endOf(remindOn, policy), EVALUATION_REMINDER, new DeadlineCheck(remindOn, 0));
        return getVersion();
    }

    @DeadlineHandler(deadlineName = EVALUATION_REMINDER)
    void onEvaluationReminder(DeadlineCheck check) {
        if (status == DelegationStatus.DELIVERED && !validEvaluation && !evaluationReminded) {
            apply(new EvaluationReminderSentEvent(delegationId, deliveredOn), systemActor());
        }
    }

    // ------------------------------------------------------------------------------------ evaluation, archive

    @CommandHandler
    long handle(EvaluateDelegationCommand command, CalendarProvider calendars, DelegationPolicy policy,
                DeadlineManager deadlines) {
        requireStatus("evaluate", DelegationStatus.DELIVERED);
        if (validEvaluation) {
            throw DomainRuleException.illegalTransition("one-evaluation-per-matter",
                    "this matter has been evaluated already (一事一评)");
        }
        LocalDate today = today(policy);
        int number = evaluationCount + 1;
        apply(new DelegationEvaluatedEvent(delegationId, number, command.overall(), command.attitude(),
                command.quality(), command.efficiency(), command.channel(), command.comment(), today));
        if (command.overall().isPoor()) {
            WorkingDayCalendar calendar = calendar(calendars);
            LocalDate due = onCalendar(() -> calendar.addWorkingDays(today, policy.rectificationWorkingDays()));
            apply(new RectificationRequiredEvent(delegationId, number, command.overall(), due));
            schedule(deadlines, policy, endOf(due, policy), RECTIFICATION_DUE, new DeadlineCheck(due, number));
        }
        return getVersion();
    }

    @CommandHandler
    long handle(RecordRectificationFollowUpCommand command, DelegationPolicy policy) {
        if (!rectificationOpen) {
            throw DomainRuleException.illegalTransition("rectification-open", "no rectification is open");
        }
        apply(new RectificationFollowUpRecordedEvent(delegationId, command.callSummary(), today(policy)));
        return getVersion();
    }

    @CommandHandler
    long handle(CompleteRectificationCommand command, DelegationPolicy policy, DeadlineManager deadlines) {
        if (!rectificationOpen) {
            throw DomainRuleException.illegalTransition("rectification-open", "no rectification is open");
        }
        if (!rectificationFollowedUp) {
            throw DomainRuleException.ruleViolated("follow-up-call-first", null,
                    "a rectification starts with a follow-up call to the client");
        }
        LocalDate today = today(policy);
        deadlines.cancelAllWithinScope(RECTIFICATION_DUE);
        apply(new RectificationCompletedEvent(delegationId, command.measures(), today, !today.isAfter(rectificationDue)));
        return getVersion();
    }

    @DeadlineHandler(deadlineName = RECTIFICATION_DUE)
    void onRectificationDue(DeadlineCheck check) {
        if (rectificationOpen && check.forDate().equals(rectificationDue)) {
            apply(new RectificationOverdueEvent(delegationId, rectificationDue), systemActor());
        }
    }

    @CommandHandler
    long handle(VoidEvaluationCommand command, DeadlineManager deadlines) {
        if (!validEvaluation) {
            throw DomainRuleException.illegalTransition("evaluation-exists", "there is no valid evaluation to void");
        }
        if (status == DelegationStatus.ARCHIVED) {
            throw DomainRuleException.illegalTransition("not-archived", "the matter is archived");
        }
        deadlines.cancelAllWithinScope(RECTIFICATION_DUE);
        apply(new EvaluationVoidedEvent(delegationId, evaluationCount, command.reason()));
        return getVersion();
    }

    @CommandHandler
    long handle(ArchiveDelegationCommand command, DelegationPolicy policy) {
        requireStatus("archive", DelegationStatus.DELIVERED);
        if (!validEvaluation && !evaluationReminded) {
            throw DomainRuleException.ruleViolated("evaluation-before-archive", null,
                    "completion, delivery, evaluation and archive happen in that order: the client has not "
                            + "evaluated and has not yet been reminded");
        }
        if (rectificationOpen) {
            throw DomainRuleException.ruleViolated("rectification-closed", null,
                    "the rectification after a poor grade is still open");
        }
        apply(new DelegationArchivedEvent(delegationId, command.archiveReference(), command.documents(),
                today(policy)));
        return getVersion();
    }

    // -------------------------------------------------------------------------------------- deadline checks

    @DeadlineHandler(deadlineName = WARNING)
    void onWarning(DeadlineCheck check) {
        if (isRunning() && check.forDate().equals(deadline)) {
            apply(new DeadlineApproachingEvent(delegationId, deadline, check.number()), systemActor());
        }
    }

    @DeadlineHandler(deadlineName = OVERDUE)
    void onOverdue(DeadlineCheck check) {
        if (isRunning() && check.forDate().equals(deadline)) {
            apply(new DelegationOverdueEvent(delegationId, deadline), systemActor());
        }
    }

    /** Open and the clock running: handling or escalated (not waiting for materials, not suspended). */
    private boolean isRunning() {
        return status == DelegationStatus.HANDLING || status == DelegationStatus.ESCALATED;
    }

    private void scheduleDeadlineChecks(DeadlineManager deadlines, WorkingDayCalendar calendar,
                                        DelegationPolicy policy) {
        cancelDeadlineChecks(deadlines);
        LocalDate warnOn = onCalendar(() -> calendar.minusWorkingDays(deadline, policy.warningWorkingDays()));
        if (warnOn.isAfter(today(policy))) {
            schedule(deadlines, policy, warnOn.atStartOfDay(policy.zone()).toInstant(), WARNING,
                    new DeadlineCheck(deadline, policy.warningWorkingDays()));
        }
        schedule(deadlines, policy, endOf(deadline, policy), OVERDUE, new DeadlineCheck(deadline, 0));
    }

    private static void cancelDeadlineChecks(DeadlineManager deadlines) {
        deadlines.cancelAllWithinScope(WARNING);
        deadlines.cancelAllWithinScope(OVERDUE);
    }

    /** Deadlines fire as the system acting, on the station of the matter. */
    private void schedule(DeadlineManager deadlines, DelegationPolicy policy, Instant at, String name,
                          DeadlineCheck check) {
        deadlines.schedule(at, name, GenericDeadlineMessage.asDeadlineMessage(name, check, at)
                .withMetaData(systemActor()));
    }

    private MetaData systemActor() {
        return MetaData.with(MetadataKeys.ACTOR_ID, MetadataKeys.SYSTEM_ACTOR)
                .and(MetadataKeys.STATION_CODE, originStation.value());
    }

    // ----------------------------------------------------------------------------------------------- checks

    private static StationRegistry.RegisteredStation openStation(StationCode code, StationRegistry stations) {
        StationRegistry.RegisteredStation station = stations.find(code).orElseThrow(() ->
                DomainRuleException.unknownReference("stationCode", "no station " + code));
        if (station.status() != StationStatus.OPEN) {
            throw DomainRuleException.ruleViolated("station-open", "stationCode",
                    "only an open station takes delegations; " + code + " is " + station.status());
        }
        return station;
    }

    private static void requireResponsibleAgent(AgentId agentId, StationCode station, AgentRegistry agents,
                                                String field) {
        AgentRegistry.RegisteredAgent agent = agents.find(agentId).orElseThrow(() ->
                DomainRuleException.unknownReference(field, "no agent " + agentId));
        if (!agent.stationCode().equals(station)) {
            throw DomainRuleException.ruleViolated("agent-of-station", field,
                    agent.name() + " works at " + agent.stationCode() + ", not at " + station);
        }
        if (!agent.active()) {
            throw DomainRuleException.ruleViolated("agent-active", field, agent.name() + " is deactivated");
        }
        if (!agent.qualified()) {
            throw DomainRuleException.ruleViolated("agent-qualified", field, agent.name()
                    + " is not qualified yet: 上岗考核 passed and one year of intake experience (003 附件4 一2)");
        }
    }

    private static ServiceItemCatalog.PublishedServiceItem offeredItem(ServiceItemCode code,
                                                                       StationRegistry.RegisteredStation station,
                                                                       ServiceItemCatalog catalog) {
        ServiceItemCatalog.PublishedServiceItem item = catalog.find(code).orElseThrow(() ->
                DomainRuleException.unknownReference("itemCode", "no service item " + code));
        if (item.withdrawn()) {
            throw DomainRuleException.ruleViolated("item-published", "itemCode", code + " has been withdrawn");
        }
        if (!station.serviceItemCodes().contains(code.value())) {
            throw DomainRuleException.ruleViolated("item-offered", "itemCode",
                    "station " + station.code() + " does not offer " + code);
        }
        return item;
    }

    private static void requireProxyAllowed(ServiceItemDefinition definition, Client client, NeedsAnalysis analysis,
                                            AgentId teamLeaderId, boolean applicantSigned, StationCode station,
                                            AgentRegistry agents) {
        if (definition.touchesPrivacy()) {
            throw DomainRuleException.ruleViolated("privacy-item-not-proxied", "kind",
                    definition.name() + " touches personal privacy: it may be assisted, never proxied (000 §4.1)");
        }
        if (!client.identifiedForProxy()) {
            String field = client.phone() == null ? "client.phone"
                    : client.kind() == ClientKind.CITIZEN ? "client.residentId" : "client.creditCode";
            throw DomainRuleException.ruleViolated("proxy-client-identified", field,
                    "a proxy needs the client's resident ID (or credit code) and phone number");
        }
        if (analysis == null || !analysis.confirmedByClient()) {
            throw DomainRuleException.ruleViolated("needs-analysis-confirmed", "needsAnalysis",
                    "a proxy needs a needs analysis confirmed with the client (002 代办服务流程)");
        }
        if (!applicantSigned) {
            throw DomainRuleException.ruleViolated("applicant-signed", "applicantSigned",
                    "the applicant signs the acceptance form");
        }
        if (teamLeaderId == null) {
            throw DomainRuleException.ruleViolated("team-leader-sign-off", "teamLeaderId",
                    "the acceptance form carries the team leader's sign-off (队长签字)");
        }
        AgentRegistry.RegisteredAgent leader = agents.find(teamLeaderId).orElseThrow(() ->
                DomainRuleException.unknownReference("teamLeaderId", "no agent " + teamLeaderId));
        if (leader.role() != AgentRole.ZONE_LEAD || !leader.active() || !leader.stationCode().equals(station)) {
            throw DomainRuleException.ruleViolated("team-leader-sign-off", "teamLeaderId",
                    leader.name() + " is not an active team leader (队长) of " + station);
        }
    }

    private static void requireToleratedGaps(List<ToleratedGap> gaps, ServiceItemDefinition definition,
                                             LocalDate today) {
        for (ToleratedGap gap : gaps) {
            Optional<RequiredMaterial> material = definition.materials().stream()
                    .filter(candidate -> candidate.name().equals(gap.materialName())).findFirst();
            if (material.isEmpty()) {
                throw DomainRuleException.ruleViolated("tolerated-material-listed", "toleratedGaps",
                        gap.materialName() + " is not a material of " + definition.name());
            }
            if (material.get().essential()) {
                throw DomainRuleException.ruleViolated("tolerated-material-non-essential", "toleratedGaps",
                        gap.materialName() + " is essential: only non-essential materials may be missing (容缺受理)");
            }
            if (gap.committedDate().isBefore(today)) {
                throw DomainRuleException.ruleViolated("committed-date-not-past", "toleratedGaps",
                        "the committed date for " + gap.materialName() + " is in the past");
            }
        }
    }

    private StatutoryFee statutoryFee(String name) {
        return fees.stream().filter(fee -> fee.name().equals(name)).findFirst().orElseThrow(() ->
                DomainRuleException.ruleViolated("service-is-free", "feeName",
                        "the service itself is free (无偿, 000 §4.5); only the statutory fees of the item can be "
                                + "recorded: " + fees.stream().map(StatutoryFee::name).toList()));
    }

    private Hop currentHop(int number) {
        if (hops.isEmpty() || hops.get(hops.size() - 1).number() != number) {
            throw DomainRuleException.ruleViolated("current-hop", "hopNumber",
                    "hop " + number + " is not the current escalation step");
        }
        return hops.get(hops.size() - 1);
    }

    private void requireOpen(String action) {
        if (status.isFinal() || status == DelegationStatus.COMPLETED || status == DelegationStatus.DELIVERED) {
            throw DomainRuleException.illegalTransition("delegation-open",
                    "cannot " + action + " delegation " + delegationId + ": it is " + status);
        }
    }

    private void requireStatus(String action, DelegationStatus expected) {
        if (status != expected) {
            throw DomainRuleException.illegalTransition("delegation-status",
                    "cannot " + action + " delegation " + delegationId + ": it is " + status + ", not " + expected);
        }
    }

    private static WorkingDayCalendar calendar(CalendarProvider calendars) {
        return calendars.current();
    }

    private static <T> T onCalendar(java.util.function.Supplier<T> computation) {
        try {
            return computation.get();
        } catch (CalendarYearNotLoadedException e) {
            throw DomainRuleException.ruleViolated("calendar-year-not-loaded", null, e.getMessage());
        }
    }

    private static LocalDate latest(LocalDate a, LocalDate b) {
        return a.isAfter(b) ? a : b;
    }

    private static LocalDate today(DelegationPolicy policy) {
        return dayOf(GenericEventMessage.clock.instant(), policy);
    }

    /** Deadline handlers date what they do by the moment the deadline was set for. */
    private static LocalDate dayOf(Instant instant, DelegationPolicy policy) {
        return LocalDate.ofInstant(instant, policy.zone());
    }

    /** The end of a day: the first instant of the next day in the centre's time zone. */
    private static Instant endOf(LocalDate day, DelegationPolicy policy) {
        return day.plusDays(1).atStartOfDay(policy.zone()).toInstant();
    }

    // --------------------------------------------------------------------------------------- state changes

    @EventSourcingHandler
    void on(DelegationCommissionedEvent event) {
        delegationId = event.delegationId();
        kind = event.kind();
        status = DelegationStatus.HANDLING;
        originStation = event.stationCode();
        window = event.window();
        agentId = event.agentId();
        itemCode = event.itemCode();
        authorityLevels = event.authorityLevels();
        fees = event.statutoryFees();
        outsideAuthority = event.outsideAuthority();
        commissionedOn = event.commissionedOn();
        deadline = event.deadline();
        event.parallelDepartments().forEach(department -> parallelTasks.put(department, false));
        event.toleratedGaps().forEach(gap -> toleratedOutstanding.put(gap.materialName(), gap.committedDate()));
    }

    @EventSourcingHandler
    void on(DelegationDeclinedEvent event) {
        delegationId = event.delegationId();
        kind = event.kind();
        originStation = event.stationCode();
        agentId = event.agentId();
        status = DelegationStatus.DECLINED;
    }

    @EventSourcingHandler
    void on(AgentReassignedEvent event) {
        agentId = event.newAgentId();
    }

    @EventSourcingHandler
    void on(SupplementRequestedEvent event) {
        supplementRequests = event.requestNumber();
        openSupplement = event.requestNumber();
        supplementRequestedOn = event.requestedOn();
        supplementDueDate = event.dueDate();
        status = DelegationStatus.AWAITING_SUPPLEMENT;
    }

    @EventSourcingHandler
    void on(SupplementReceivedEvent event) {
        openSupplement = null;
        pausedWorkingDays += event.pausedWorkingDays();
        deadline = event.deadline();
        status = DelegationStatus.HANDLING;
    }

    @EventSourcingHandler
    void on(ToleratedMaterialReceivedEvent event) {
        toleratedOutstanding.remove(event.materialName());
    }

    @EventSourcingHandler
    void on(AssistConvertedToProxyEvent event) {
        kind = DelegationKind.PROXY;
    }

    @EventSourcingHandler
    void on(DelegationTransferredEvent event) {
        window = event.toWindow();
    }

    @EventSourcingHandler
    void on(ParallelTaskCompletedEvent event) {
        parallelTasks.put(event.department(), true);
    }

    @EventSourcingHandler
    void on(DelegationEscalatedEvent event) {
        hops.add(new Hop(event.hopNumber(), event.targetStationCode(), event.hopDueDate(), null, false));
        status = DelegationStatus.ESCALATED;
    }

    @EventSourcingHandler
    void on(UpperLevelDecisionRecordedEvent event) {
        Hop hop = hops.remove(hops.size() - 1);
        hops.add(new Hop(hop.number(), hop.target(), hop.dueDate(), event.approved(), false));
    }

    @EventSourcingHandler
    void on(ResultReturnedEvent event) {
        Hop hop = hops.remove(hops.size() - 1);
        hops.add(new Hop(hop.number(), hop.target(), hop.dueDate(), hop.approved(), true));
        status = DelegationStatus.HANDLING;
    }

    @EventSourcingHandler
    void on(StatutoryFeeNotifiedEvent event) {
        notifiedFees.add(event.fee().name());
    }

    @EventSourcingHandler
    void on(StatutoryFeePaidEvent event) {
        paidFees.add(event.feeName());
    }

    @EventSourcingHandler
    void on(DelegationSuspendedEvent event) {
        statusBeforeSuspension = status;
        suspendedOn = event.suspendedOn();
        status = DelegationStatus.SUSPENDED;
    }

    @EventSourcingHandler
    void on(DelegationResumedEvent event) {
        pausedWorkingDays += event.pausedWorkingDays();
        deadline = event.deadline();
        status = statusBeforeSuspension;
        if (status == DelegationStatus.AWAITING_SUPPLEMENT) {
            // Still waiting for the materials: the days up to now were counted on resuming.
            supplementRequestedOn = event.resumedOn();
        }
        statusBeforeSuspension = null;
        suspendedOn = null;
    }

    @EventSourcingHandler
    void on(DelegationTerminatedEvent event) {
        status = DelegationStatus.TERMINATED;
    }

    @EventSourcingHandler
    void on(DelegationCompletedEvent event) {
        successful = event.successful();
        status = DelegationStatus.COMPLETED;
    }

    @EventSourcingHandler
    void on(ResultDeliveredEvent event) {
        status = DelegationStatus.DELIVERED;
        deliveredOn = event.deliveredOn();
    }

    @EventSourcingHandler
    void on(EvaluationReminderSentEvent event) {
        evaluationReminded = true;
    }

    @EventSourcingHandler
    void on(DelegationEvaluatedEvent event) {
        evaluationCount = event.evaluationNumber();
        validEvaluation = true;
    }

    @EventSourcingHandler
    void on(RectificationRequiredEvent event) {
        rectificationOpen = true;
        rectificationFollowedUp = false;
        rectificationDue = event.dueDate();
    }

    @EventSourcingHandler
    void on(RectificationFollowUpRecordedEvent event) {
        rectificationFollowedUp = true;
    }

    @EventSourcingHandler
    void on(RectificationCompletedEvent event) {
        rectificationOpen = false;
    }

    @EventSourcingHandler
    void on(EvaluationVoidedEvent event) {
        validEvaluation = false;
        rectificationOpen = false;
    }

    @EventSourcingHandler
    void on(DelegationArchivedEvent event) {
        status = DelegationStatus.ARCHIVED;
    }
}
