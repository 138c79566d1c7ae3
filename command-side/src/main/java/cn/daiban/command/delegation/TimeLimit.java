package cn.daiban.command.delegation;

import cn.daiban.command.calendar.CalendarProvider;
import cn.daiban.command.common.DomainRuleException;
import cn.daiban.kernel.calendar.WorkingDayCalendar;
import cn.daiban.kernel.delegation.DeadlineApproachingEvent;
import cn.daiban.kernel.delegation.DelegationCommissionedEvent;
import cn.daiban.kernel.delegation.DelegationOverdueEvent;
import cn.daiban.kernel.delegation.DelegationResumedEvent;
import cn.daiban.kernel.delegation.DelegationStatus;
import cn.daiban.kernel.delegation.DelegationSuspendedEvent;
import cn.daiban.kernel.delegation.DelegationTerminatedEvent;
import cn.daiban.kernel.delegation.ProvisionalDeadlineRecomputedEvent;
import cn.daiban.kernel.delegation.RecomputeProvisionalDeadlineCommand;
import cn.daiban.kernel.delegation.ResumeDelegationCommand;
import cn.daiban.kernel.delegation.SupplementReceivedEvent;
import cn.daiban.kernel.delegation.SuspendDelegationCommand;
import cn.daiban.kernel.delegation.SuspensionReason;
import cn.daiban.kernel.delegation.TerminationReason;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.annotation.DeadlineHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.eventsourcing.EventSourcingHandler;

import java.time.Instant;
import java.time.LocalDate;

import static cn.daiban.command.delegation.DelegationRules.*;
import static org.axonframework.modelling.command.AggregateLifecycle.apply;
import static org.axonframework.modelling.command.AggregateLifecycle.getVersion;

/**
 * The clock of a delegation: its deadline on the working-day calendar, moved out only by the working days it stood
 * still (waiting for materials, suspended); the warning and overdue checks; suspension with its continuation
 * deadline, and resumption. A member of {@link Delegation}.
 */
class TimeLimit {

    private final Delegation delegation;
    private final ToleratedMaterials tolerated;
    private LocalDate deadline;
    private int pausedWorkingDays;
    private LocalDate suspendedOn;
    private SuspensionReason suspendedFor;
    private LocalDate continuationDeadline;
    // Whether the warning / the overdue check has been raised since the deadline was last set. Checks are never
    // cancelled (cancelling scans every scheduled deadline), so when a pause leaves the deadline where it was, the
    // earlier checks and the rescheduled ones are both pending for the same date: the first raises, the rest are
    // ignored, as a cancelled one would have been.
    private boolean warned;
    private boolean overdueRaised;
    // What the promised date was computed from at commissioning, and whether it reaches into a year not loaded.
    private LocalDate commissionedOn;
    private int promisedWorkingDays;
    private boolean provisional;

    TimeLimit(Delegation delegation, ToleratedMaterials tolerated) {
        this.delegation = delegation;
        this.tolerated = tolerated;
    }

    LocalDate deadline() {
        return deadline;
    }

    /** Working days handled from commissioning to {@code day}, less those the clock stood still. */
    int handlingWorkingDays(LocalDate day, WorkingDayCalendar calendar) {
        return WorkingDays.onCalendar(() -> calendar.workingDaysBetween(commissionedOn, day)) - pausedWorkingDays;
    }

    @CommandHandler
    long handle(SuspendDelegationCommand command, DelegationPolicy policy, DeadlineManager deadlines) {
        delegation.requireOpen("suspend");
        if (delegation.status() == DelegationStatus.SUSPENDED) {
            throw DomainRuleException.illegalTransition(NOT_SUSPENDED, "the delegation is already suspended");
        }
        if (command.reason() == SuspensionReason.MATERIALS_OVERDUE) {
            throw DomainRuleException.ruleViolated(MATERIALS_OVERDUE_IS_AUTOMATIC, "reason",
                    "suspension for overdue materials happens by itself after the one reminder");
        }
        if (command.reason() == SuspensionReason.FEES_UNPAID && !delegation.fees().outstanding()) {
            throw DomainRuleException.ruleViolated(FEE_OUTSTANDING, "reason", "no notified fee is outstanding");
        }
        suspend(command.reason(), command.note(), Delegation.today(policy), policy, deadlines, false);
        return getVersion();
    }

    /** The clock stops; the matter ends by itself unless resumed by the continuation deadline. */
    void suspend(SuspensionReason reason, String note, LocalDate today, DelegationPolicy policy,
                 DeadlineManager deadlines, boolean bySystem) {
        LocalDate continuationDeadline = today.plusDays(policy.continuationCalendarDays());
        // The warning and overdue checks stay scheduled: they are ignored while suspended (see isRunning).
        DelegationSuspendedEvent event = new DelegationSuspendedEvent(delegation.id(), reason, note, today,
                continuationDeadline);
        if (bySystem) {
            apply(event, delegation.systemActor());
        } else {
            apply(event);
        }
        delegation.schedule(deadlines, Delegation.endOf(continuationDeadline, policy), Delegation.CONTINUATION,
                new Delegation.DeadlineCheck(continuationDeadline, 0));
    }

    @CommandHandler
    long handle(ResumeDelegationCommand command, CalendarProvider calendars, DelegationPolicy policy,
                DeadlineManager deadlines) {
        delegation.requireStatus("resume", DelegationStatus.SUSPENDED);
        WorkingDayCalendar calendar = WorkingDays.calendar(calendars);
        LocalDate today = Delegation.today(policy);
        causeRemoved(today);
        boolean backToWaiting = delegation.statusBeforeSuspension() == DelegationStatus.AWAITING_SUPPLEMENT;
        boolean overdueMaterials = suspendedFor == SuspensionReason.MATERIALS_OVERDUE;
        // The clock stood still while suspended, and before that while waiting for materials if it was.
        LocalDate pausedSince = backToWaiting ? delegation.supplements().waitingSince() : suspendedOn;
        int paused = WorkingDays.onCalendar(() -> calendar.workingDaysBetween(pausedSince, today));
        LocalDate moved = WorkingDays.onCalendar(() -> calendar.addWorkingDays(deadline, paused));
        // The continuation check stays scheduled: it is ignored unless suspended again with that same date.
        apply(new DelegationResumedEvent(delegation.id(), today, paused, deadline, moved,
                calendar.isProvisional(moved) ? Boolean.TRUE : null));
        scheduleDeadlineChecks(deadlines, calendar, policy);
        if (backToWaiting && overdueMaterials) {
            delegation.supplements().followUpAfterResuming(today, calendar, policy, deadlines);
        }
        return getVersion();
    }

    /**
     * 续办 once the cause is gone (`002 服务中止与续办`: 中止原因消除后，服务对象可继续申请): a matter suspended for an unpaid
     * fee resumes once every notified fee is paid, and one suspended for overdue materials once no tolerated material
     * (容缺) is past its committed date (received while suspended: both are recorded while suspended), whichever
     * material the suspension came from (a matter waiting for a supplement may have a tolerated material overdue too).
     * Assumption: a matter suspended for an overdue supplement resumes waiting for it, since the supplement is received
     * only once the wait is back (the receipt moves the clock), and is followed up again from the resumption
     * ({@link Supplements#followUpAfterResuming}); the client asked, force majeure, and suspensions stored before the
     * reason was kept are the agent's to judge.
     */
    private void causeRemoved(LocalDate today) {
        String remaining = null;
        if (suspendedFor == SuspensionReason.FEES_UNPAID && delegation.fees().outstanding()) {
            remaining = "a notified statutory fee is still unpaid: record its payment first";
        } else if (suspendedFor == SuspensionReason.MATERIALS_OVERDUE && !tolerated.overdueOn(today).isEmpty()) {
            remaining = "tolerated materials past their committed date are still missing: "
                    + tolerated.overdueOn(today) + "; record their receipt first";
        }
        if (remaining != null) {
            throw DomainRuleException.ruleViolated(SUSPENSION_CAUSE_REMOVED, null,
                    "the matter was suspended for " + suspendedFor.label() + " and " + remaining
                            + " (002 服务中止与续办: 中止原因消除后续办)");
        }
    }

    /**
     * The calendar year a provisional promised date reached into is loaded (`DOMAIN.md` "Time": a date computed on
     * weekends alone is recomputed when the year's notice is loaded, and the client told if it moved). The same
     * arithmetic as at commissioning, {@code commissionedOn + promised} working days, plus the working days the clock
     * stood still so far ({@link #pausedWorkingDays}); on a consistent calendar that is exactly where the pauses
     * since moved the deadline step by step (n working days after the m-th working day is the (m+n)-th).
     *
     * <p>A matter suspended or waiting for materials now gets its date recomputed the same way: the pause under way
     * is not counted yet, and is added on resuming, as it always is. Assumption: the paused working days are kept as
     * they were counted when the clock restarted; a pause that itself fell into a year not loaded (the service
     * running in January before the notice) is not recounted.
     *
     * <p>Idempotent: a delegation whose date is no longer provisional, or that is no longer open, ignores it. The
     * event is applied even when the date did not move, so the provisional mark goes; only a date that is still
     * provisional and did not move (a year loaded that this date does not reach) records nothing.
     */
    @CommandHandler
    long handle(RecomputeProvisionalDeadlineCommand command, CalendarProvider calendars, DelegationPolicy policy,
                DeadlineManager deadlines) {
        DelegationStatus status = delegation.status();
        if (!provisional || status.isFinal() || status == DelegationStatus.COMPLETED
                || status == DelegationStatus.DELIVERED) {
            return getVersion();
        }
        WorkingDayCalendar calendar = WorkingDays.calendar(calendars);
        int days = promisedWorkingDays + pausedWorkingDays;
        LocalDate recomputed = WorkingDays.onCalendar(() -> calendar.addWorkingDays(commissionedOn, days));
        boolean stillProvisional = calendar.isProvisional(recomputed);
        boolean moved = !recomputed.equals(deadline);
        if (stillProvisional && !moved) {
            return getVersion();
        }
        apply(new ProvisionalDeadlineRecomputedEvent(delegation.id(), deadline, recomputed, stillProvisional, moved),
                delegation.systemActor());
        if (moved) {
            // Checks for the earlier date are ignored (another date); while paused these are too, until resumed.
            scheduleDeadlineChecks(deadlines, calendar, policy);
        }
        return getVersion();
    }

    /**
     * Not resumed by the continuation deadline: the delegation ends. The check of an earlier suspension (resumed
     * since) carries another date and is ignored.
     */
    @DeadlineHandler(deadlineName = Delegation.CONTINUATION)
    void onContinuationDeadline(Delegation.DeadlineCheck check, @Timestamp Instant firedAt,
                                DelegationPolicy policy) {
        if (delegation.status() != DelegationStatus.SUSPENDED || !check.forDate().equals(continuationDeadline)) {
            return;
        }
        apply(new DelegationTerminatedEvent(delegation.id(), TerminationReason.CONTINUATION_DEADLINE_PASSED,
                "续办期限 " + check.forDate() + " 已过", Delegation.dayOf(firedAt, policy)), delegation.systemActor());
    }

    @DeadlineHandler(deadlineName = Delegation.WARNING)
    void onWarning(Delegation.DeadlineCheck check) {
        if (isRunning() && check.forDate().equals(deadline) && !warned) {
            apply(new DeadlineApproachingEvent(delegation.id(), deadline, check.number()), delegation.systemActor());
        }
    }

    @DeadlineHandler(deadlineName = Delegation.OVERDUE)
    void onOverdue(Delegation.DeadlineCheck check) {
        if (isRunning() && check.forDate().equals(deadline) && !overdueRaised) {
            apply(new DelegationOverdueEvent(delegation.id(), deadline), delegation.systemActor());
        }
    }

    /** Open and the clock running: handling or escalated (not waiting for materials, not suspended). */
    private boolean isRunning() {
        return delegation.status() == DelegationStatus.HANDLING || delegation.status() == DelegationStatus.ESCALATED;
    }

    /**
     * The warning (if still ahead) and the overdue check for the current deadline. Earlier ones are not cancelled:
     * those for another date are ignored, and of those for the same date only the first raises (see warned).
     */
    void scheduleDeadlineChecks(DeadlineManager deadlines, WorkingDayCalendar calendar, DelegationPolicy policy) {
        LocalDate warnOn = WorkingDays.onCalendar(() ->
                calendar.minusWorkingDays(deadline, policy.warningWorkingDays()));
        if (warnOn.isAfter(Delegation.today(policy))) {
            delegation.schedule(deadlines, Delegation.startOf(warnOn, policy), Delegation.WARNING,
                    new Delegation.DeadlineCheck(deadline, policy.warningWorkingDays()));
        }
        delegation.schedule(deadlines, Delegation.endOf(deadline, policy), Delegation.OVERDUE,
                new Delegation.DeadlineCheck(deadline, 0));
    }

    @EventSourcingHandler
    void on(DelegationCommissionedEvent event) {
        deadline = event.deadline();
        commissionedOn = event.commissionedOn();
        promisedWorkingDays = event.promisedWorkingDays();
        provisional = event.isDeadlineProvisional();
        deadlineSet();
    }

    @EventSourcingHandler
    void on(ProvisionalDeadlineRecomputedEvent event) {
        provisional = event.stillProvisional();
        if (event.moved()) {
            deadline = event.newDeadline();
            deadlineSet();
        }
    }

    @EventSourcingHandler
    void on(SupplementReceivedEvent event) {
        pausedWorkingDays += event.pausedWorkingDays();
        deadline = event.deadline();
        // A pause that moves a firm date into a year not loaded makes it provisional (recomputed when the year is
        // loaded); a move onto loaded years leaves the mark as it was (a provisional date stays so until recomputed).
        provisional |= event.isDeadlineProvisional();
        deadlineSet();
    }

    @EventSourcingHandler
    void on(DelegationSuspendedEvent event) {
        suspendedOn = event.suspendedOn();
        suspendedFor = event.reason();
        continuationDeadline = event.continuationDeadline();
    }

    @EventSourcingHandler
    void on(DelegationResumedEvent event) {
        pausedWorkingDays += event.pausedWorkingDays();
        deadline = event.deadline();
        provisional |= event.isDeadlineProvisional();
        suspendedOn = null;
        suspendedFor = null;
        continuationDeadline = null;
        deadlineSet();
    }

    @EventSourcingHandler
    void on(DeadlineApproachingEvent event) {
        warned = true;
    }

    @EventSourcingHandler
    void on(DelegationOverdueEvent event) {
        overdueRaised = true;
    }

    /** The deadline was (re)set and its checks scheduled anew: none of them has been raised yet. */
    private void deadlineSet() {
        warned = false;
        overdueRaised = false;
    }
}
