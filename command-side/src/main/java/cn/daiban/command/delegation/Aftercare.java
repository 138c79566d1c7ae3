package cn.daiban.command.delegation;

import cn.daiban.command.calendar.CalendarProvider;
import cn.daiban.command.common.DomainRuleException;
import cn.daiban.kernel.common.MetadataKeys;
import cn.daiban.kernel.delegation.ArchiveDelegationCommand;
import cn.daiban.kernel.delegation.DelegationArchivedEvent;
import cn.daiban.kernel.delegation.DelegationCompletedEvent;
import cn.daiban.kernel.delegation.DelegationEvaluatedEvent;
import cn.daiban.kernel.delegation.DelegationStatus;
import cn.daiban.kernel.delegation.DeliverResultCommand;
import cn.daiban.kernel.delegation.DeliveryAttempt;
import cn.daiban.kernel.delegation.DeliveryMethod;
import cn.daiban.kernel.delegation.EvaluateDelegationCommand;
import cn.daiban.kernel.delegation.EvaluationChannel;
import cn.daiban.kernel.delegation.EvaluationReminderSentEvent;
import cn.daiban.kernel.delegation.EvaluationVoidedEvent;
import cn.daiban.kernel.delegation.GradeByInvitationCommand;
import cn.daiban.kernel.delegation.HandBackMaterialsCommand;
import cn.daiban.kernel.delegation.HoldResultForCollectionCommand;
import cn.daiban.kernel.delegation.MaterialsHandedBackEvent;
import cn.daiban.kernel.delegation.ResultDeliveredEvent;
import cn.daiban.kernel.delegation.ResultHeldForCollectionEvent;
import cn.daiban.kernel.delegation.SatisfactionGrade;
import cn.daiban.kernel.delegation.VoidEvaluationCommand;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.annotation.DeadlineHandler;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.annotation.MetaDataValue;

import java.time.Instant;
import java.time.LocalDate;

import static cn.daiban.command.delegation.DelegationRules.*;
import static org.axonframework.modelling.command.AggregateLifecycle.apply;
import static org.axonframework.modelling.command.AggregateLifecycle.getVersion;

/**
 * After completion, in this order: delivery of the result, the client's evaluation (一事一评, one reminder when none
 * comes), and the archive, which waits for an open {@link Rectification}; a result that could not be handed over is
 * kept for collection and the matter archived without an evaluation; an ended matter hands its materials back
 * before it is archived. A poor grade opens the rectification; the contacts with the client after completion are
 * {@link FollowUps}. A member of {@link Delegation}.
 */
class Aftercare {

    private final Delegation delegation;
    private final Rectification rectification;
    private LocalDate deliveredOn;
    private int evaluationCount;
    private boolean validEvaluation;
    private boolean evaluationReminded;
    private boolean materialsHandedBack;
    private SatisfactionGrade lastOverall;
    /** The day of completion (its tries to deliver are dated from it). */
    private LocalDate completedOn;
    /** The result is kept for the client to collect ({@link ResultHeldForCollectionEvent}). */
    private boolean resultHeld;

    Aftercare(Delegation delegation, Rectification rectification) {
        this.delegation = delegation;
        this.rectification = rectification;
    }

    /** The result has been delivered (a phone follow-up is made from then on). */
    boolean delivered() {
        return deliveredOn != null;
    }

    /** The number of the valid evaluation, or null when there is none (none yet, or voided). */
    Integer validEvaluationNumber() {
        return validEvaluation ? evaluationCount : null;
    }

    /** The valid evaluation's overall grade is poor. */
    boolean validGradePoor() {
        return validEvaluation && lastOverall != null && lastOverall.isPoor();
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

    /**
     * The result could not be handed over (留存待领): the tries made, each dated from the day of completion to now (rule
     * {@code result-held-after-attempts}), and where it is kept; once (rule {@code result-held-once}). Assumption (the
     * seeds set none): no number of tries is required, supervision reads them. The matter stays COMPLETED, so a
     * delivery when the client comes is recorded as any other; until then it is no longer late for delivery, and it
     * may be archived without an evaluation (一事一评 follows a delivery).
     */
    @CommandHandler
    long handle(HoldResultForCollectionCommand command, DelegationPolicy policy) {
        delegation.requireStatus("hold the result for collection", DelegationStatus.COMPLETED);
        if (resultHeld) {
            throw DomainRuleException.illegalTransition(RESULT_HELD_ONCE,
                    "the result is kept for collection already; a delivery when the client comes is recorded");
        }
        Instant now = GenericEventMessage.clock.instant();
        for (DeliveryAttempt attempt : command.attempts()) {
            if (attempt.at().isAfter(now.plusSeconds(60))
                    || completedOn != null && Delegation.dayOf(attempt.at(), policy).isBefore(completedOn)) {
                throw DomainRuleException.ruleViolated(RESULT_HELD_AFTER_ATTEMPTS, "attempts.at",
                        "a try to deliver is dated from the day of completion (" + completedOn + ") to now, not "
                                + attempt.at());
            }
        }
        apply(new ResultHeldForCollectionEvent(delegation.id(), command.attempts(), command.keptAt(),
                Delegation.today(policy)));
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
            rectification.requireAfter(number, overall, today, calendars, policy, deadlines);
        }
        return getVersion();
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
     * 002 资料归档: a delivered matter once evaluated (or reminded), a completed one whose result is kept for collection,
     * and — "因其他原因终止" — an ended matter once its materials are handed back ({@code materials-handed-back}); it then
     * leaves the count of matters to archive.
     */
    @CommandHandler
    long handle(ArchiveDelegationCommand command, DelegationPolicy policy) {
        if (ended()) {
            if (!materialsHandedBack) {
                throw DomainRuleException.ruleViolated(MATERIALS_HANDED_BACK, null,
                        "an ended matter hands every material back to the client, signed for, before it is archived"
                                + " (002 帮办·办结, 002 资料归档)");
            }
        } else if (!resultHeld || delegation.status() != DelegationStatus.COMPLETED) {
            // A result kept for collection and never handed over has nothing to evaluate (一事一评 follows a delivery).
            delegation.requireStatus("archive", DelegationStatus.DELIVERED);
            if (!validEvaluation && !evaluationReminded) {
                throw DomainRuleException.ruleViolated(EVALUATION_BEFORE_ARCHIVE, null,
                        "completion, delivery, evaluation and archive happen in that order: the client has not "
                                + "evaluated and has not yet been reminded");
            }
            if (rectification.open()) {
                throw DomainRuleException.ruleViolated(RECTIFICATION_CLOSED, null,
                        "the rectification after a poor grade is still open");
            }
        }
        apply(new DelegationArchivedEvent(delegation.id(), command.archiveReference(), command.documents(),
                Delegation.today(policy)));
        return getVersion();
    }

    @EventSourcingHandler
    void on(DelegationCompletedEvent event) {
        completedOn = event.completedOn();
    }

    @EventSourcingHandler
    void on(ResultHeldForCollectionEvent event) {
        resultHeld = true;
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
    void on(EvaluationVoidedEvent event) {
        validEvaluation = false;
    }
}
