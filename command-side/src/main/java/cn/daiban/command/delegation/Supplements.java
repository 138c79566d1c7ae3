package cn.daiban.command.delegation;

import cn.daiban.command.calendar.CalendarProvider;
import cn.daiban.command.catalogue.ServiceItemCatalog;
import cn.daiban.kernel.catalogue.RequiredMaterial;
import cn.daiban.kernel.delegation.CompleteMaterialsOnSpotCommand;
import cn.daiban.kernel.delegation.MaterialsCompletedOnSpotEvent;
import cn.daiban.command.common.DomainRuleException;
import cn.daiban.kernel.calendar.WorkingDayCalendar;
import cn.daiban.kernel.delegation.DelegationResumedEvent;
import cn.daiban.kernel.delegation.DelegationStatus;
import cn.daiban.kernel.delegation.ReceiveSupplementCommand;
import cn.daiban.kernel.delegation.RequestSupplementCommand;
import cn.daiban.kernel.delegation.SupplementReceivedEvent;
import cn.daiban.kernel.delegation.SupplementReminderSentEvent;
import cn.daiban.kernel.delegation.SupplementRequestedEvent;
import cn.daiban.kernel.delegation.SuspensionReason;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.annotation.DeadlineHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.eventsourcing.EventSourcingHandler;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import static cn.daiban.command.delegation.DelegationRules.*;
import static org.axonframework.modelling.command.AggregateLifecycle.apply;
import static org.axonframework.modelling.command.AggregateLifecycle.getVersion;

/**
 * Requests for missing materials (补正): all at once (一次性告知), a further one only with a justification and as a
 * recorded breach; the clock stands still while waiting; one reminder when overdue, then the delegation is
 * suspended. A member of {@link Delegation}; the time limit it stops and moves is {@link TimeLimit}.
 */
class Supplements {

    private final Delegation delegation;
    private int requests;
    /** The number of the request still waiting for its materials, or {@code null}. */
    private Integer open;
    /** Since when the clock has stood still for the open request (moved to the resumption after a suspension). */
    private LocalDate waitingSince;

    Supplements(Delegation delegation) {
        this.delegation = delegation;
    }

    LocalDate waitingSince() {
        return waitingSince;
    }

    @CommandHandler
    long handle(RequestSupplementCommand command, DelegationPolicy policy, DeadlineManager deadlines) {
        delegation.requireStatus("request materials for", DelegationStatus.HANDLING);
        LocalDate today = Delegation.today(policy);
        if (command.dueDate().isBefore(today)) {
            throw DomainRuleException.ruleViolated(DUE_DATE_NOT_PAST, "dueDate", "the due date is in the past");
        }
        boolean breach = requests > 0;
        if (breach && command.justification() == null) {
            throw DomainRuleException.ruleViolated(ONE_TIME_NOTICE, "justification",
                    "all missing materials are listed at once (一次性告知); a further request needs a justification"
                            + " and is recorded as a breach");
        }
        int number = requests + 1;
        apply(new SupplementRequestedEvent(delegation.id(), number, command.materials(), today, command.dueDate(),
                command.justification(), breach));
        delegation.schedule(deadlines, Delegation.endOf(command.dueDate(), policy), Delegation.SUPPLEMENT_DUE,
                new Delegation.DeadlineCheck(command.dueDate(), number));
        return getVersion();
    }

    /**
     * 当场补正 (`000 §6.3.3`, `004 §6.3.3.2.2`): what can be completed at the counter is completed there, and recorded
     * as such; it opens no wait and the clock runs on (the status stays HANDLING, the deadline where it is).
     * Assumption: the materials are checked against the item's current catalogue entry (a material is rarely
     * renamed between revisions); one still outstanding as tolerated (容缺) is thereby in.
     */
    @CommandHandler
    long handle(CompleteMaterialsOnSpotCommand command, ServiceItemCatalog catalog, DelegationPolicy policy) {
        delegation.requireStatus("complete materials on the spot for", DelegationStatus.HANDLING);
        List<String> listed = catalog.find(delegation.itemCode())
                .map(item -> item.definition().materials().stream().map(RequiredMaterial::name).toList())
                .orElse(List.of());
        for (String name : command.materialNames()) {
            if (!listed.contains(name)) {
                throw DomainRuleException.ruleViolated(CHECKLIST_MATERIAL_LISTED, "materialNames",
                        name + " is not a material of " + delegation.itemCode() + "; its list: " + listed);
            }
        }
        apply(new MaterialsCompletedOnSpotEvent(delegation.id(), command.materialNames(), Delegation.today(policy)));
        return getVersion();
    }

    @CommandHandler
    long handle(ReceiveSupplementCommand command, CalendarProvider calendars, DelegationPolicy policy,
                DeadlineManager deadlines) {
        delegation.requireStatus("receive materials for", DelegationStatus.AWAITING_SUPPLEMENT);
        WorkingDayCalendar calendar = WorkingDays.calendar(calendars);
        LocalDate today = Delegation.today(policy);
        LocalDate deadline = delegation.timeLimit().deadline();
        int paused = WorkingDays.onCalendar(() -> calendar.workingDaysBetween(waitingSince, today));
        LocalDate moved = WorkingDays.onCalendar(() -> calendar.addWorkingDays(deadline, paused));
        // The due and final checks of this request are not cancelled: once it is received no request is open,
        // and a later request has another number, so waitingFor ignores them.
        apply(new SupplementReceivedEvent(delegation.id(), open, today, paused, deadline, moved,
                calendar.isProvisional(moved) ? Boolean.TRUE : null));
        delegation.timeLimit().scheduleDeadlineChecks(deadlines, calendar, policy);
        return getVersion();
    }

    /** The due date has passed with the request still open: one reminder, and the final date after the grace. */
    @DeadlineHandler(deadlineName = Delegation.SUPPLEMENT_DUE)
    void onSupplementDue(Delegation.DeadlineCheck check, CalendarProvider calendars, DelegationPolicy policy,
                         DeadlineManager deadlines) {
        if (!waitingFor(check)) {
            return;
        }
        WorkingDayCalendar calendar = WorkingDays.calendar(calendars);
        LocalDate finalDate = WorkingDays.onCalendar(() -> calendar.addWorkingDays(check.forDate(),
                policy.supplementGraceWorkingDays()));
        apply(new SupplementReminderSentEvent(delegation.id(), check.number(), check.forDate(), finalDate),
                delegation.systemActor());
        delegation.schedule(deadlines, Delegation.endOf(finalDate, policy), Delegation.SUPPLEMENT_FINAL,
                new Delegation.DeadlineCheck(finalDate, check.number()));
    }

    /**
     * Back to waiting after a suspension for these overdue materials (续办 with the materials still to come): the due
     * and final checks have fired, so nothing would follow the request up again and the matter would wait with its
     * clock stopped for ever. The final check is set again, the supplement's grace from the resumption: still nothing
     * then, and the matter is suspended again, as after the reminder (the client was reminded once already).
     */
    void followUpAfterResuming(LocalDate today, WorkingDayCalendar calendar, DelegationPolicy policy,
                               DeadlineManager deadlines) {
        if (open == null) {
            return;
        }
        LocalDate finalDate = WorkingDays.onCalendar(() -> calendar.addWorkingDays(today,
                policy.supplementGraceWorkingDays()));
        delegation.schedule(deadlines, Delegation.endOf(finalDate, policy), Delegation.SUPPLEMENT_FINAL,
                new Delegation.DeadlineCheck(finalDate, open));
    }

    /** Still nothing after the reminder: the delegation is suspended, materials overdue. */
    @DeadlineHandler(deadlineName = Delegation.SUPPLEMENT_FINAL)
    void onSupplementFinal(Delegation.DeadlineCheck check, @Timestamp Instant firedAt, DelegationPolicy policy,
                           DeadlineManager deadlines) {
        if (!waitingFor(check)) {
            return;
        }
        delegation.timeLimit().suspend(SuspensionReason.MATERIALS_OVERDUE, "逾期未补正材料，已提醒一次",
                Delegation.dayOf(firedAt, policy), policy, deadlines, true);
    }

    private boolean waitingFor(Delegation.DeadlineCheck check) {
        return delegation.status() == DelegationStatus.AWAITING_SUPPLEMENT
                && Integer.valueOf(check.number()).equals(open);
    }

    @EventSourcingHandler
    void on(SupplementRequestedEvent event) {
        requests = event.requestNumber();
        open = event.requestNumber();
        waitingSince = event.requestedOn();
    }

    @EventSourcingHandler
    void on(SupplementReceivedEvent event) {
        open = null;
    }

    @EventSourcingHandler
    void on(DelegationResumedEvent event) {
        // A request is open only while waiting for materials, so a delegation resumed with one open goes back to
        // waiting for them (as its status does): the days up to now were counted on resuming.
        if (open != null) {
            waitingSince = event.resumedOn();
        }
    }
}
