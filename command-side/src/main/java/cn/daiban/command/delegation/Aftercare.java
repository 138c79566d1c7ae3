package cn.daiban.command.delegation;

import cn.daiban.command.calendar.CalendarProvider;
import cn.daiban.command.common.DomainRuleException;
import cn.daiban.kernel.calendar.WorkingDayCalendar;
import cn.daiban.kernel.delegation.ArchiveDelegationCommand;
import cn.daiban.kernel.delegation.CompleteRectificationCommand;
import cn.daiban.kernel.delegation.DelegationArchivedEvent;
import cn.daiban.kernel.delegation.DelegationEvaluatedEvent;
import cn.daiban.kernel.delegation.DelegationStatus;
import cn.daiban.kernel.delegation.DeliverResultCommand;
import cn.daiban.kernel.delegation.DeliveryMethod;
import cn.daiban.kernel.common.MetadataKeys;
import cn.daiban.kernel.delegation.EvaluateDelegationCommand;
import cn.daiban.kernel.delegation.EvaluationChannel;
import cn.daiban.kernel.delegation.GradeByInvitationCommand;
import cn.daiban.kernel.delegation.PhoneFollowUpRecordedEvent;
import cn.daiban.kernel.delegation.RecordPhoneFollowUpCommand;
import cn.daiban.kernel.delegation.SatisfactionGrade;
import cn.daiban.kernel.delegation.EvaluationReminderSentEvent;
import cn.daiban.kernel.delegation.EvaluationVoidedEvent;
import cn.daiban.kernel.delegation.HandBackMaterialsCommand;
import cn.daiban.kernel.delegation.MaterialsHandedBackEvent;
import cn.daiban.kernel.delegation.RecordRectificationFollowUpCommand;
import cn.daiban.kernel.delegation.RecheckRectificationCommand;
import cn.daiban.kernel.delegation.RectificationAcceptedEvent;
import cn.daiban.kernel.delegation.RectificationAwaitingRecheckEvent;
import cn.daiban.kernel.delegation.RectificationCompletedEvent;
import cn.daiban.kernel.delegation.RectificationSentBackEvent;
import cn.daiban.kernel.delegation.RectificationFollowUpRecordedEvent;
import cn.daiban.kernel.delegation.RectificationOverdueEvent;
import cn.daiban.kernel.delegation.RectificationRequiredEvent;
import cn.daiban.kernel.delegation.ResultDeliveredEvent;
import cn.daiban.kernel.delegation.VoidEvaluationCommand;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.annotation.DeadlineHandler;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.annotation.MetaDataValue;

import java.time.LocalDate;

import static cn.daiban.command.delegation.DelegationRules.*;
import static org.axonframework.modelling.command.AggregateLifecycle.apply;
import static org.axonframework.modelling.command.AggregateLifecycle.getVersion;

/**
 * After completion, in this order: delivery of the result, the client's evaluation (一事一评, one reminder when none
 * comes), a rectification after a poor grade (follow-up call first, due in working days), and the archive. A member
 * of {@link Delegation}.
 */
class Aftercare {

    private final Delegation delegation;
    private LocalDate deliveredOn;
    private int evaluationCount;
    private boolean validEvaluation;
    private boolean evaluationReminded;
    private boolean rectificationOpen;
    private boolean rectificationFollowedUp;
    private LocalDate rectificationDue;
    /** Marked done by the station, not yet re-checked by supervision: still open (not closed). */
    private boolean rectificationAwaitingRecheck;
    private boolean rectificationDoneOnTime;
    private LocalDate rectificationFlaggedLateFor;
    private int rectificationNumber;
    private boolean materialsHandedBack;
    private SatisfactionGrade lastOverall;
    private int phoneFollowUps;
    private int followUpContacts;

    Aftercare(Delegation delegation) {
        this.delegation = delegation;
    }

    @CommandHandler
    long handle(DeliverResultCommand command, DelegationPolicy policy, DeadlineManager deadlines) {
        delegation.requireStatus("deliver", DelegationStatus.COMPLETED);
        LocalDate today = Delegation.today(policy);
        apply(new ResultDeliveredEvent(delegation.id(), command.method(), command.trackingNumber(),
                command.handoverProof(), command.licenceInstructionsGiven(), command.method() == DeliveryMethod.POST,
                today, today));
        LocalDate remindOn = today.plusDays(policy.evaluationReminderDays());
        delegation.schedule(deadlines, Delegation.endOf(remindOn, policy), Delegation.EVALUATION_REMINDER,
                new Delegation.DeadlineCheck(remindOn, 0));
        return getVersion();
    }

    /** No grade within the reminder days: the client is reminded once. */
    @DeadlineHandler(deadlineName = Delegation.EVALUATION_REMINDER)
    void onEvaluationReminder(Delegation.DeadlineCheck check) {
        if (delegation.status() == DelegationStatus.DELIVERED && !validEvaluation && !evaluationReminded) {
            apply(new EvaluationReminderSentEvent(delegation.id(), deliveredOn), delegation.systemActor());
        }
    }

    /**
     * A grade typed in by staff (evaluation device, paper form, phone follow-up, online desk, `004 §7.1.3`): the
     * channel and who entered it are recorded. The client's own channel is reserved to their invitation.
     */
    @CommandHandler
    long handle(EvaluateDelegationCommand command, CalendarProvider calendars, DelegationPolicy policy,
                DeadlineManager deadlines, @MetaDataValue(MetadataKeys.ACTOR_ID) String actor) {
        if (command.channel() == EvaluationChannel.CLIENT) {
            throw DomainRuleException.ruleViolated(CLIENT_GRADES_BY_INVITATION, "channel",
                    "a grade with channel CLIENT is the client's own, entered through their invitation; staff "
                            + "record the channel they typed it in from (DEVICE, PAPER, PHONE_FOLLOW_UP, ONLINE)");
        }
        return evaluate(command.overall(), command.attitude(), command.quality(), command.efficiency(),
                command.channel(), command.comment(), actor, calendars, policy, deadlines);
    }

    /**
     * The client's own grade through the one-time code of their invitation (一事一评, `003 三(二)3`, 国办发〔2019〕51号):
     * channel CLIENT, entered by nobody but the client.
     */
    @CommandHandler
    long handle(GradeByInvitationCommand command, CalendarProvider calendars, DelegationPolicy policy,
                DeadlineManager deadlines) {
        return evaluate(command.overall(), command.attitude(), command.quality(), command.efficiency(),
                EvaluationChannel.CLIENT, command.comment(), null, calendars, policy, deadlines);
    }

    private long evaluate(SatisfactionGrade overall, SatisfactionGrade attitude, SatisfactionGrade quality,
                          SatisfactionGrade efficiency, EvaluationChannel channel, String comment, String enteredBy,
                          CalendarProvider calendars, DelegationPolicy policy, DeadlineManager deadlines) {
        delegation.requireStatus("evaluate", DelegationStatus.DELIVERED);
        if (validEvaluation) {
            throw DomainRuleException.illegalTransition(ONE_EVALUATION_PER_MATTER,
                    "this matter has been evaluated already (一事一评)");
        }
        LocalDate today = Delegation.today(policy);
        int number = evaluationCount + 1;
        apply(new DelegationEvaluatedEvent(delegation.id(), number, overall, attitude, quality, efficiency, channel,
                comment, today, enteredBy));
        if (overall.isPoor()) {
            WorkingDayCalendar calendar = WorkingDays.calendar(calendars);
            LocalDate due = WorkingDays.onCalendar(() ->
                    calendar.addWorkingDays(today, policy.rectificationWorkingDays()));
            apply(new RectificationRequiredEvent(delegation.id(), number, overall, due));
            delegation.schedule(deadlines, Delegation.endOf(due, policy), Delegation.RECTIFICATION_DUE,
                    new Delegation.DeadlineCheck(due, number));
        }
        return getVersion();
    }

    /**
     * A phone follow-up call (电话回访, `004 §7.1.3`), a record of its own: who called, when, reached or not, what was
     * said; after delivery, also once an evaluation exists or the matter is archived. A call is not dated in the
     * future.
     */
    @CommandHandler
    long handle(RecordPhoneFollowUpCommand command, @MetaDataValue(MetadataKeys.ACTOR_ID) String actor) {
        if (deliveredOn == null) {
            throw DomainRuleException.illegalTransition(FOLLOW_UP_AFTER_DELIVERY,
                    "a phone follow-up is made once the result has been delivered");
        }
        java.time.Instant now = GenericEventMessage.clock.instant();
        java.time.Instant calledAt = command.calledAt() != null ? command.calledAt() : now;
        if (calledAt.isAfter(now.plusSeconds(60))) {
            throw DomainRuleException.ruleViolated(FOLLOW_UP_AFTER_DELIVERY, "calledAt",
                    "a follow-up call is recorded once it has been made, not ahead of time");
        }
        apply(new PhoneFollowUpRecordedEvent(delegation.id(), phoneFollowUps + 1, actor, calledAt,
                command.reached(), command.summary(), validEvaluation ? evaluationCount : null,
                validEvaluation && lastOverall != null && lastOverall.isPoor()));
        return getVersion();
    }

    /**
     * A follow-up contact after completion (跟踪服务, `002 一站式办理`: 办理完结后…提供跟踪服务; rule
     * {@code follow-up-until-archived}): on a COMPLETED or DELIVERED matter, until it is archived; not dated in the
     * future. A record of its own beside the phone follow-up, which feeds the satisfaction figures and is also
     * made after the archive (for a poor grade); this one is the station's service to the client, so it ends there.
     */
    @CommandHandler
    long handle(cn.daiban.kernel.delegation.RecordFollowUpContactCommand command,
                @MetaDataValue(MetadataKeys.ACTOR_ID) String actor) {
        if (delegation.status() != DelegationStatus.COMPLETED && delegation.status() != DelegationStatus.DELIVERED) {
            throw DomainRuleException.illegalTransition(FOLLOW_UP_UNTIL_ARCHIVED, "a follow-up contact is recorded "
                    + "on a completed or delivered matter until it is archived; it is " + delegation.status());
        }
        java.time.Instant now = GenericEventMessage.clock.instant();
        java.time.Instant contactedAt = command.contactedAt() != null ? command.contactedAt() : now;
        if (contactedAt.isAfter(now.plusSeconds(60))) {
            throw DomainRuleException.ruleViolated(FOLLOW_UP_UNTIL_ARCHIVED, "contactedAt",
                    "a follow-up contact is recorded once it has been made, not ahead of time");
        }
        apply(new cn.daiban.kernel.delegation.FollowUpContactRecordedEvent(delegation.id(), followUpContacts + 1,
                actor, contactedAt, command.channel(), command.summary()));
        return getVersion();
    }

    @EventSourcingHandler
    void on(cn.daiban.kernel.delegation.FollowUpContactRecordedEvent event) {
        followUpContacts = event.number();
    }

    @CommandHandler
    long handle(RecordRectificationFollowUpCommand command, DelegationPolicy policy) {
        requireRectificationOpen();
        apply(new RectificationFollowUpRecordedEvent(delegation.id(), command.callSummary(),
                Delegation.today(policy)));
        return getVersion();
    }

    /**
     * The station marks its rectification done: it then awaits supervision's re-check (复查, `000 §8.2.2`,
     * `004 §7.2.2` 督促、跟踪、复查; `003 四(三)`) and stays open — only an accepted re-check closes it.
     */
    @CommandHandler
    long handle(CompleteRectificationCommand command, DelegationPolicy policy) {
        requireRectificationOpen();
        if (rectificationAwaitingRecheck) {
            throw DomainRuleException.illegalTransition(RECTIFICATION_AWAITING_RECHECK,
                    "the rectification is marked done already and awaits supervision's re-check");
        }
        if (!rectificationFollowedUp) {
            throw DomainRuleException.ruleViolated(FOLLOW_UP_CALL_FIRST, null,
                    "a rectification starts with a follow-up call to the client");
        }
        LocalDate today = Delegation.today(policy);
        // No cancel of the due check: it is ignored while awaiting the re-check or once closed (onRectificationDue).
        apply(new RectificationAwaitingRecheckEvent(delegation.id(), command.measures(), today,
                !today.isAfter(rectificationDue)));
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
        requireRectificationOpen();
        if (!rectificationAwaitingRecheck) {
            throw DomainRuleException.illegalTransition(RECTIFICATION_AWAITING_RECHECK,
                    "the station has not marked the rectification done: there is nothing to re-check yet");
        }
        LocalDate today = Delegation.today(policy);
        if (command.accepted()) {
            apply(new RectificationAcceptedEvent(delegation.id(), actor, command.reason(), today,
                    rectificationDoneOnTime));
            return getVersion();
        }
        if (command.newDueDate().isBefore(today)) {
            throw DomainRuleException.ruleViolated(DUE_DATE_NOT_PAST, "newDueDate", "the new due date is in the past");
        }
        apply(new RectificationSentBackEvent(delegation.id(), actor, command.reason(), today, command.newDueDate()));
        delegation.schedule(deadlines, Delegation.endOf(command.newDueDate(), policy), Delegation.RECTIFICATION_DUE,
                new Delegation.DeadlineCheck(command.newDueDate(), rectificationNumber));
        return getVersion();
    }

    /**
     * The rectification is still open on its due date: flagged late. The check is never cancelled: one for a
     * closed rectification, or for an earlier one (another evaluation number, even with the same due date), is
     * ignored here.
     */
    @DeadlineHandler(deadlineName = Delegation.RECTIFICATION_DUE)
    void onRectificationDue(Delegation.DeadlineCheck check) {
        if (rectificationOpen && !rectificationAwaitingRecheck && check.number() == rectificationNumber
                && check.forDate().equals(rectificationDue) && !rectificationDue.equals(rectificationFlaggedLateFor)) {
            apply(new RectificationOverdueEvent(delegation.id(), rectificationDue), delegation.systemActor());
        }
    }

    @CommandHandler
    long handle(VoidEvaluationCommand command) {
        if (!validEvaluation) {
            throw DomainRuleException.illegalTransition(EVALUATION_EXISTS, "there is no valid evaluation to void");
        }
        if (delegation.status() == DelegationStatus.ARCHIVED) {
            throw DomainRuleException.illegalTransition(NOT_ARCHIVED, "the matter is archived");
        }
        apply(new EvaluationVoidedEvent(delegation.id(), evaluationCount, command.reason()));
        return getVersion();
    }

    /**
     * 002 帮办·办结 / 代办·办结 (因其他原因终止后 … 移交全部资料和审批文件 … 签字确认): a matter ended without a result —
     * terminated (withdrawn by the client, past the continuation deadline) or declined after intake — hands every
     * material back, listed and signed for by the client, once. A delivered matter's handover is its delivery proof.
     */
    @CommandHandler
    long handle(HandBackMaterialsCommand command, DelegationPolicy policy) {
        if (!ended()) {
            throw DomainRuleException.illegalTransition(MATTER_ENDED, "cannot hand the materials of delegation "
                    + delegation.id() + " back as an ended matter: it is " + delegation.status()
                    + " (a matter with a result hands it over on delivery)");
        }
        if (materialsHandedBack) {
            throw DomainRuleException.illegalTransition(MATERIALS_HANDED_BACK,
                    "the materials have been handed back already");
        }
        if (!command.signedByClient()) {
            throw DomainRuleException.ruleViolated(HANDOVER_SIGNED, "signedByClient",
                    "the client signs the handover of the materials (签字确认, 002 帮办·办结)");
        }
        apply(new MaterialsHandedBackEvent(delegation.id(), command.materials(), true, command.note(),
                Delegation.today(policy)));
        return getVersion();
    }

    /** Ended without a result to deliver: terminated or declined (not yet archived). */
    private boolean ended() {
        return delegation.status() == DelegationStatus.TERMINATED || delegation.status() == DelegationStatus.DECLINED;
    }

    /**
     * 002 资料归档: a delivered matter once evaluated (or reminded), and — "因其他原因终止" — an ended matter once its
     * materials are handed back ({@code materials-handed-back}); it then leaves the count of matters to archive.
     */
    @CommandHandler
    long handle(ArchiveDelegationCommand command, DelegationPolicy policy) {
        if (ended()) {
            if (!materialsHandedBack) {
                throw DomainRuleException.ruleViolated(MATERIALS_HANDED_BACK, null,
                        "an ended matter hands every material back to the client, signed for, before it is archived"
                                + " (002 帮办·办结, 002 资料归档)");
            }
            apply(new DelegationArchivedEvent(delegation.id(), command.archiveReference(), command.documents(),
                    Delegation.today(policy)));
            return getVersion();
        }
        delegation.requireStatus("archive", DelegationStatus.DELIVERED);
        if (!validEvaluation && !evaluationReminded) {
            throw DomainRuleException.ruleViolated(EVALUATION_BEFORE_ARCHIVE, null,
                    "completion, delivery, evaluation and archive happen in that order: the client has not "
                            + "evaluated and has not yet been reminded");
        }
        if (rectificationOpen) {
            throw DomainRuleException.ruleViolated(RECTIFICATION_CLOSED, null,
                    "the rectification after a poor grade is still open");
        }
        apply(new DelegationArchivedEvent(delegation.id(), command.archiveReference(), command.documents(),
                Delegation.today(policy)));
        return getVersion();
    }

    private void requireRectificationOpen() {
        if (!rectificationOpen) {
            throw DomainRuleException.illegalTransition(RECTIFICATION_OPEN, "no rectification is open");
        }
    }

    @EventSourcingHandler
    void on(MaterialsHandedBackEvent event) {
        materialsHandedBack = true;
    }

    @EventSourcingHandler
    void on(ResultDeliveredEvent event) {
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
        lastOverall = event.overall();
    }

    @EventSourcingHandler
    void on(PhoneFollowUpRecordedEvent event) {
        phoneFollowUps = event.number();
    }

    @EventSourcingHandler
    void on(RectificationRequiredEvent event) {
        rectificationOpen = true;
        rectificationFollowedUp = false;
        rectificationAwaitingRecheck = false;
        rectificationDue = event.dueDate();
        rectificationNumber = event.evaluationNumber();
    }

    @EventSourcingHandler
    void on(RectificationFollowUpRecordedEvent event) {
        rectificationFollowedUp = true;
    }

    /** A completion recorded before re-checks existed: closed, as it read then. */
    @EventSourcingHandler
    void on(RectificationCompletedEvent event) {
        rectificationOpen = false;
        rectificationAwaitingRecheck = false;
    }

    @EventSourcingHandler
    void on(RectificationAwaitingRecheckEvent event) {
        rectificationAwaitingRecheck = true;
        rectificationDoneOnTime = event.onTime();
    }

    @EventSourcingHandler
    void on(RectificationAcceptedEvent event) {
        rectificationOpen = false;
        rectificationAwaitingRecheck = false;
    }

    @EventSourcingHandler
    void on(RectificationSentBackEvent event) {
        rectificationAwaitingRecheck = false;
        rectificationDue = event.newDueDate();
    }

    @EventSourcingHandler
    void on(RectificationOverdueEvent event) {
        rectificationFlaggedLateFor = event.dueDate();
    }

    @EventSourcingHandler
    void on(EvaluationVoidedEvent event) {
        validEvaluation = false;
        rectificationOpen = false;
        rectificationAwaitingRecheck = false;
    }
}
