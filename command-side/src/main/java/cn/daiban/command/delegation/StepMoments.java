package cn.daiban.command.delegation;

import cn.daiban.command.calendar.CalendarProvider;
import cn.daiban.command.common.DomainRuleException;
import cn.daiban.kernel.calendar.WorkingDayCalendar;
import cn.daiban.kernel.common.MetadataKeys;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;

import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Optional;

import static cn.daiban.command.delegation.DelegationRules.*;

/**
 * When the steps of a delegation happened, for steps recorded after the fact (补录): a village station works on
 * paper and enters the step later, with the moment it happened and why it is late (the command's metadata
 * {@link MetadataKeys#OCCURRED_AT} / {@link MetadataKeys#BACKDATING_REASON}, from the HTTP headers
 * {@code X-Occurred-At} / {@code X-Backdating-Reason}). Such a step is taken only when it names its reason, did not
 * happen in the future, not before the previous step a person recorded, and at most
 * {@link BackdatingPolicy#maxWorkingDaysBack()} working days before today. Its events keep both moments: their
 * timestamp is when they were recorded, their metadata when it happened; the clock of the matter (its day, the
 * time limit, the pauses) runs on when it happened ({@link Delegation#today}). A member of {@link Delegation}.
 *
 * <p>Assumption: what the system does by itself (deadline warnings, overdue checks, automatic suspension) is not a
 * "previous step" a paper record must follow: a completion that happened on the deadline day and is entered the
 * next morning stays possible although the overdue check ran at midnight in between.
 */
class StepMoments {

    /** The moment the latest step recorded by a person happened (its occurrence if back-dated), or null. */
    private Instant previousStepAt;

    StepMoments() {
        // reads nothing of the root: only when the steps happened
    }

    /** Refuses a back-dated step that breaks one of the rules; a step recorded as it happens passes untouched. */
    void check(CommandMessage<?> command, CalendarProvider calendars, BackdatingPolicy backdating,
               DelegationPolicy policy) {
        MetaData metaData = command.getMetaData();
        if (metaData.get(MetadataKeys.OCCURRED_AT) == null) {
            return;
        }
        Instant occurredAt = occurredAt(metaData).orElseThrow(() -> DomainRuleException.ruleViolated(
                BACKDATING_REASON_GIVEN, OCCURRED_AT_FIELD, "the moment the step happened is not an instant"));
        if (!BackdatedSteps.accepts(command.getPayload())) {
            throw DomainRuleException.ruleViolated(BACKDATED_STEP, OCCURRED_AT_FIELD,
                    "only a step done at the counter (taking the matter in, progress, materials asked for or "
                            + "received, suspension, continuation, completion, delivery) may be recorded after the fact");
        }
        Object reason = metaData.get(MetadataKeys.BACKDATING_REASON);
        if (reason == null || reason.toString().isBlank()) {
            throw DomainRuleException.ruleViolated(BACKDATING_REASON_GIVEN, REASON_FIELD,
                    "a step recorded after the fact says why it is recorded late (补录原因)");
        }
        Instant now = GenericEventMessage.clock.instant();
        if (occurredAt.isAfter(now)) {
            throw DomainRuleException.ruleViolated(OCCURRED_NOT_IN_FUTURE, OCCURRED_AT_FIELD,
                    "the step cannot have happened at " + occurredAt + ", later than now");
        }
        if (previousStepAt != null && occurredAt.isBefore(previousStepAt)) {
            throw DomainRuleException.ruleViolated(OCCURRED_AFTER_PREVIOUS_STEP, OCCURRED_AT_FIELD,
                    "the step cannot have happened at " + occurredAt + ", before the previous step of the matter ("
                            + previousStepAt + ")");
        }
        WorkingDayCalendar calendar = WorkingDays.calendar(calendars);
        LocalDate occurredOn = Delegation.dayOf(occurredAt, policy);
        LocalDate today = Delegation.dayOf(now, policy);
        int back = WorkingDays.onCalendar(() -> calendar.workingDaysBetween(occurredOn, today));
        if (back > backdating.maxWorkingDaysBack()) {
            throw DomainRuleException.ruleViolated(BACKDATING_WINDOW, OCCURRED_AT_FIELD,
                    "a step may be recorded at most " + backdating.maxWorkingDaysBack()
                            + " working days after it happened; " + occurredOn + " is " + back + " working days ago");
        }
    }

    /**
     * The moment the step being handled happened, when it is recorded after the fact: read from the command the
     * current unit of work handles (never from a deadline or an event: those happen now).
     */
    static Optional<Instant> currentOccurredAt() {
        if (!CurrentUnitOfWork.isStarted()) {
            return Optional.empty();
        }
        Message<?> message = CurrentUnitOfWork.get().getMessage();
        return message instanceof CommandMessage<?> ? occurredAt(message.getMetaData()) : Optional.empty();
    }

    private static Optional<Instant> occurredAt(MetaData metaData) {
        Object value = metaData.get(MetadataKeys.OCCURRED_AT);
        if (value == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.parse(value.toString()));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /**
     * A work-log entry (工作日志), a follow-up contact and a phone follow-up are notes with a moment of their own, not
     * steps at the counter: recorded now, they must not keep a step that happened earlier from being entered after them
     * (a village enters both from paper).
     */
    @EventSourcingHandler
    void on(Object event, EventMessage<?> message) {
        if (MetadataKeys.SYSTEM_ACTOR.equals(message.getMetaData().get(MetadataKeys.ACTOR_ID)) || isNote(event)) {
            return;
        }
        previousStepAt = occurredAt(message.getMetaData()).orElse(message.getTimestamp());
    }

    private static boolean isNote(Object event) {
        return event instanceof cn.daiban.kernel.delegation.WorkLogEntryRecordedEvent
                || event instanceof cn.daiban.kernel.delegation.FollowUpContactRecordedEvent
                || event instanceof cn.daiban.kernel.delegation.PhoneFollowUpRecordedEvent;
    }

    /** The HTTP headers the moment and the reason come from: what a refusal names as its field. */
    static final String OCCURRED_AT_FIELD = "X-Occurred-At";
    static final String REASON_FIELD = "X-Backdating-Reason";
}
