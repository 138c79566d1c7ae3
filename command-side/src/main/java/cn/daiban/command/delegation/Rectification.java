package cn.daiban.command.delegation;

import cn.daiban.command.calendar.CalendarProvider;
import cn.daiban.command.common.DomainRuleException;
import cn.daiban.kernel.calendar.WorkingDayCalendar;
import cn.daiban.kernel.common.MetadataKeys;
import cn.daiban.kernel.delegation.CompleteRectificationCommand;
import cn.daiban.kernel.delegation.EvaluationVoidedEvent;
import cn.daiban.kernel.delegation.RecheckRectificationCommand;
import cn.daiban.kernel.delegation.RecordRectificationFollowUpCommand;
import cn.daiban.kernel.delegation.RectificationAcceptedEvent;
import cn.daiban.kernel.delegation.RectificationAwaitingRecheckEvent;
import cn.daiban.kernel.delegation.RectificationCompletedEvent;
import cn.daiban.kernel.delegation.RectificationFollowUpRecordedEvent;
import cn.daiban.kernel.delegation.RectificationOverdueEvent;
import cn.daiban.kernel.delegation.RectificationRequiredEvent;
import cn.daiban.kernel.delegation.RectificationSentBackEvent;
import cn.daiban.kernel.delegation.SatisfactionGrade;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.annotation.DeadlineHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.annotation.MetaDataValue;

import java.time.LocalDate;

import static cn.daiban.command.delegation.DelegationRules.*;
import static org.axonframework.modelling.command.AggregateLifecycle.apply;
import static org.axonframework.modelling.command.AggregateLifecycle.getVersion;

/**
 * The rectification after a poor grade (整改): opened by the evaluation ({@link Aftercare}) and due in working days; a
 * follow-up call to the client first, then the station marks it done, and supervision's re-check (复查, `000 §8.2.2`,
 * `004 §7.2.2` 督促、跟踪、复查, `003 四(三)`) closes it or sends it back with a new due date. Still open on its due
 * date, and not awaiting the re-check, it is flagged late. While it is open the matter is not archived. A member of
 * {@link Delegation}.
 */
class Rectification {

    private final Delegation delegation;
    private boolean open;
    private boolean followedUp;
    private LocalDate due;
    /** Marked done by the station, not yet re-checked by supervision: still open (not closed). */
    private boolean awaitingRecheck;
    private boolean doneOnTime;
    private LocalDate flaggedLateFor;
    /** The evaluation the open rectification follows: a due check of an earlier one is ignored. */
    private int number;

    Rectification(Delegation delegation) {
        this.delegation = delegation;
    }

    /** A rectification is open (awaiting the re-check included): the archive waits ({@code rectification-closed}). */
    boolean open() {
        return open;
    }

    /**
     * A poor grade (evaluation {@code evaluationNumber}) opens a rectification, due the policy's working days from
     * {@code today} and checked on that date.
     */
    void requireAfter(int evaluationNumber, SatisfactionGrade overall, LocalDate today, CalendarProvider calendars,
                      DelegationPolicy policy, DeadlineManager deadlines) {
        WorkingDayCalendar calendar = WorkingDays.calendar(calendars);
        LocalDate dueOn = WorkingDays.onCalendar(() ->
                calendar.addWorkingDays(today, policy.rectificationWorkingDays()));
        apply(new RectificationRequiredEvent(delegation.id(), evaluationNumber, overall, dueOn));
        delegation.schedule(deadlines, Delegation.endOf(dueOn, policy), Delegation.RECTIFICATION_DUE,
                new Delegation.DeadlineCheck(dueOn, evaluationNumber));
    }

    @CommandHandler
    long handle(RecordRectificationFollowUpCommand command, DelegationPolicy policy) {
        requireOpen();
        apply(new RectificationFollowUpRecordedEvent(delegation.id(), command.callSummary(),
                Delegation.today(policy)));
        return getVersion();
    }

    /**
     * The station marks its rectification done: it then awaits supervision's re-check and stays open — only an
     * accepted re-check closes it.
     */
    @CommandHandler
    long handle(CompleteRectificationCommand command, DelegationPolicy policy) {
        requireOpen();
        if (awaitingRecheck) {
            throw DomainRuleException.illegalTransition(RECTIFICATION_AWAITING_RECHECK,
                    "the rectification is marked done already and awaits supervision's re-check");
        }
        if (!followedUp) {
            throw DomainRuleException.ruleViolated(FOLLOW_UP_CALL_FIRST, null,
                    "a rectification starts with a follow-up call to the client");
        }
        LocalDate today = Delegation.today(policy);
        // No cancel of the due check: it is ignored while awaiting the re-check or once closed (onDue).
        apply(new RectificationAwaitingRecheckEvent(delegation.id(), command.measures(), today, !today.isAfter(due)));
        return getVersion();
    }

    /**
     * Supervision re-checks a rectification the station marked done (rule {@code recheck-by-supervision}: who may
     * is checked by the command policy — a supervisor over the station, or an administrator): accepted closes it;
     * sent back reopens it with a reason and a new due date, not in the past, checked again on that date.
     */
    @CommandHandler
    long handle(RecheckRectificationCommand command, DelegationPolicy policy, DeadlineManager deadlines,
                @MetaDataValue(MetadataKeys.ACTOR_ID) String actor) {
        requireOpen();
        if (!awaitingRecheck) {
            throw DomainRuleException.illegalTransition(RECTIFICATION_AWAITING_RECHECK,
                    "the station has not marked the rectification done: there is nothing to re-check yet");
        }
        LocalDate today = Delegation.today(policy);
        if (command.accepted()) {
            apply(new RectificationAcceptedEvent(delegation.id(), actor, command.reason(), today, doneOnTime));
            return getVersion();
        }
        if (command.newDueDate().isBefore(today)) {
            throw DomainRuleException.ruleViolated(DUE_DATE_NOT_PAST, "newDueDate", "the new due date is in the past");
        }
        apply(new RectificationSentBackEvent(delegation.id(), actor, command.reason(), today, command.newDueDate()));
        delegation.schedule(deadlines, Delegation.endOf(command.newDueDate(), policy), Delegation.RECTIFICATION_DUE,
                new Delegation.DeadlineCheck(command.newDueDate(), number));
        return getVersion();
    }

    /**
     * The rectification is still open on its due date: flagged late. The check is never cancelled: one for a
     * closed rectification, or for an earlier one (another evaluation number, even with the same due date), is
     * ignored here.
     */
    @DeadlineHandler(deadlineName = Delegation.RECTIFICATION_DUE)
    void onDue(Delegation.DeadlineCheck check) {
        if (open && !awaitingRecheck && check.number() == number && check.forDate().equals(due)
                && !due.equals(flaggedLateFor)) {
            apply(new RectificationOverdueEvent(delegation.id(), due), delegation.systemActor());
        }
    }

    private void requireOpen() {
        if (!open) {
            throw DomainRuleException.illegalTransition(RECTIFICATION_OPEN, "no rectification is open");
        }
    }

    @EventSourcingHandler
    void on(RectificationRequiredEvent event) {
        open = true;
        followedUp = false;
        awaitingRecheck = false;
        due = event.dueDate();
        number = event.evaluationNumber();
    }

    @EventSourcingHandler
    void on(RectificationFollowUpRecordedEvent event) {
        followedUp = true;
    }

    /** A completion recorded before re-checks existed: closed, as it read then. */
    @EventSourcingHandler
    void on(RectificationCompletedEvent event) {
        open = false;
        awaitingRecheck = false;
    }

    @EventSourcingHandler
    void on(RectificationAwaitingRecheckEvent event) {
        awaitingRecheck = true;
        doneOnTime = event.onTime();
    }

    @EventSourcingHandler
    void on(RectificationAcceptedEvent event) {
        open = false;
        awaitingRecheck = false;
    }

    @EventSourcingHandler
    void on(RectificationSentBackEvent event) {
        awaitingRecheck = false;
        due = event.newDueDate();
    }

    @EventSourcingHandler
    void on(RectificationOverdueEvent event) {
        flaggedLateFor = event.dueDate();
    }

    /** The grade it followed is voided: so is the rectification. */
    @EventSourcingHandler
    void on(EvaluationVoidedEvent event) {
        open = false;
        awaitingRecheck = false;
    }
}
