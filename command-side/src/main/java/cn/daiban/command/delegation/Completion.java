package cn.daiban.command.delegation;

import cn.daiban.command.calendar.CalendarProvider;
import cn.daiban.command.common.DomainRuleException;
import cn.daiban.kernel.calendar.WorkingDayCalendar;
import cn.daiban.kernel.delegation.CompleteDelegationCommand;
import cn.daiban.kernel.delegation.DelegationCompletedEvent;
import cn.daiban.kernel.delegation.DelegationStatus;
import cn.daiban.kernel.delegation.DelegationTerminatedEvent;
import cn.daiban.kernel.delegation.TerminationReason;
import cn.daiban.kernel.delegation.WithdrawDelegationCommand;
import org.axonframework.commandhandling.CommandHandler;

import java.time.LocalDate;
import java.util.List;

import static cn.daiban.command.delegation.DelegationRules.*;
import static org.axonframework.modelling.command.AggregateLifecycle.apply;
import static org.axonframework.modelling.command.AggregateLifecycle.getVersion;

/**
 * How handling ends: completed, with the working days it took (less those the clock stood still) and whether by the
 * deadline; or withdrawn by the client while still open. A completion asks the members what the matter still waits
 * for: an approval from above for a matter outside the station's authority ({@link Escalation}), every department of
 * a parallel matter ({@link ParallelTasks}), and, for a successful one, the tolerated materials
 * ({@link ToleratedMaterials}) and every notified fee paid ({@link StatutoryFees}): it is given those members and
 * holds no state of its own. A member of {@link Delegation}; what follows completion is {@link Aftercare}.
 */
class Completion {

    private final Delegation delegation;
    private final Escalation escalation;
    private final ParallelTasks parallelTasks;
    private final ToleratedMaterials tolerated;
    private final StatutoryFees fees;
    private final TimeLimit timeLimit;

    Completion(Delegation delegation, Escalation escalation, ParallelTasks parallelTasks, ToleratedMaterials tolerated,
               StatutoryFees fees, TimeLimit timeLimit) {
        this.delegation = delegation;
        this.escalation = escalation;
        this.parallelTasks = parallelTasks;
        this.tolerated = tolerated;
        this.fees = fees;
        this.timeLimit = timeLimit;
    }

    @CommandHandler
    long handle(WithdrawDelegationCommand command, DelegationPolicy policy) {
        delegation.requireOpen("withdraw");
        // Its deadlines are not cancelled: every handler ignores a terminated matter.
        apply(new DelegationTerminatedEvent(delegation.id(), TerminationReason.CLIENT_WITHDREW, command.reason(),
                Delegation.today(policy)));
        return getVersion();
    }

    @CommandHandler
    long handle(CompleteDelegationCommand command, CalendarProvider calendars, DelegationPolicy policy) {
        delegation.requireStatus("complete", DelegationStatus.HANDLING);
        if (escalation.outsideAuthority() && command.successful() && !escalation.approvalReturned()) {
            throw DomainRuleException.ruleViolated(AUTHORITY, "successful",
                    "the station has no authority over this matter: it completes only with an approval returned "
                            + "from a level that has it (000 §7.2.3)");
        }
        List<String> stillWorking = parallelTasks.stillWorking();
        if (!stillWorking.isEmpty()) {
            throw DomainRuleException.ruleViolated(PARALLEL_TASKS_DONE, null,
                    "departments still working (并联办理): " + stillWorking);
        }
        // 002 一站式办理 (协调各部门开展并联办理): the matter is done only when every department approved its part; one
        // refused and it completes as failed (the failure reason says which), never as done.
        if (command.successful() && !parallelTasks.refused().isEmpty()) {
            throw DomainRuleException.ruleViolated(PARALLEL_TASKS_APPROVED, "successful",
                    "departments refused their part (并联办理): " + parallelTasks.refused()
                            + "; the matter completes as failed, naming the reason");
        }
        if (command.successful() && !tolerated.outstanding().isEmpty()) {
            throw DomainRuleException.ruleViolated(TOLERATED_MATERIALS_IN, null,
                    "materials accepted as missing are still outstanding: " + tolerated.outstanding());
        }
        if (command.successful() && !fees.unsettled().isEmpty()) {
            throw DomainRuleException.ruleViolated(FEES_PAID, null, "statutory fees of the item neither told and "
                    + "paid nor recorded as exempt (000 §6.3.5 应明确告知): " + fees.unsettled());
        }
        WorkingDayCalendar calendar = WorkingDays.calendar(calendars);
        LocalDate today = Delegation.today(policy);
        LocalDate deadline = timeLimit.deadline();
        int handling = timeLimit.handlingWorkingDays(today, calendar);
        // Its deadlines are not cancelled: the clock's checks and the hop checks ignore a completed matter.
        apply(new DelegationCompletedEvent(delegation.id(), command.successful(), command.resultReference(),
                command.failureReason(), today, deadline, !today.isAfter(deadline), Math.max(0, handling)));
        return getVersion();
    }
}
