package cn.daiban.command.delegation;

import cn.daiban.command.common.DomainRuleException;
import cn.daiban.kernel.common.MetadataKeys;
import cn.daiban.kernel.delegation.DelegationStatus;
import cn.daiban.kernel.delegation.FollowUpContactRecordedEvent;
import cn.daiban.kernel.delegation.PhoneFollowUpRecordedEvent;
import cn.daiban.kernel.delegation.RecordFollowUpContactCommand;
import cn.daiban.kernel.delegation.RecordPhoneFollowUpCommand;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.annotation.MetaDataValue;

import java.time.Instant;

import static cn.daiban.command.delegation.DelegationRules.*;
import static org.axonframework.modelling.command.AggregateLifecycle.apply;
import static org.axonframework.modelling.command.AggregateLifecycle.getVersion;

/**
 * The contacts with the client after completion, each a numbered record of its own (who, when, what was said): the
 * phone follow-up (电话回访, `004 §7.1.3`), which feeds the satisfaction figures and may follow the archive, and the
 * follow-up contact (跟踪服务, `002 一站式办理`), the station's service to the client until the archive. Neither is
 * dated in the future (a minute's leeway for clocks). A member of {@link Delegation}; what it reads of the delivery
 * and the evaluation is {@link Aftercare}'s.
 */
class FollowUps {

    private final Delegation delegation;
    private final Aftercare aftercare;
    private int phoneFollowUps;
    private int followUpContacts;

    FollowUps(Delegation delegation, Aftercare aftercare) {
        this.delegation = delegation;
        this.aftercare = aftercare;
    }

    /**
     * A phone follow-up call: who called, when, reached or not, what was said; after delivery, also once an
     * evaluation exists or the matter is archived. A call after a poor grade is marked so.
     */
    @CommandHandler
    long handle(RecordPhoneFollowUpCommand command, @MetaDataValue(MetadataKeys.ACTOR_ID) String actor) {
        if (!aftercare.delivered()) {
            throw DomainRuleException.illegalTransition(FOLLOW_UP_AFTER_DELIVERY,
                    "a phone follow-up is made once the result has been delivered");
        }
        Instant calledAt = madeAlready(command.calledAt(), FOLLOW_UP_AFTER_DELIVERY, "calledAt",
                "a follow-up call is recorded once it has been made, not ahead of time");
        apply(new PhoneFollowUpRecordedEvent(delegation.id(), phoneFollowUps + 1, actor, calledAt,
                command.reached(), command.summary(), aftercare.validEvaluationNumber(),
                aftercare.validGradePoor()));
        return getVersion();
    }

    /**
     * A follow-up contact after completion (办理完结后…提供跟踪服务; rule {@code follow-up-until-archived}): on a
     * COMPLETED or DELIVERED matter, until it is archived.
     */
    @CommandHandler
    long handle(RecordFollowUpContactCommand command, @MetaDataValue(MetadataKeys.ACTOR_ID) String actor) {
        DelegationStatus status = delegation.status();
        if (status != DelegationStatus.COMPLETED && status != DelegationStatus.DELIVERED) {
            throw DomainRuleException.illegalTransition(FOLLOW_UP_UNTIL_ARCHIVED, "a follow-up contact is recorded "
                    + "on a completed or delivered matter until it is archived; it is " + status);
        }
        Instant contactedAt = madeAlready(command.contactedAt(), FOLLOW_UP_UNTIL_ARCHIVED, "contactedAt",
                "a follow-up contact is recorded once it has been made, not ahead of time");
        apply(new FollowUpContactRecordedEvent(delegation.id(), followUpContacts + 1, actor, contactedAt,
                command.channel(), command.summary()));
        return getVersion();
    }

    /** When a contact was made: as given (now when not), and not more than a minute ahead of now. */
    private static Instant madeAlready(Instant given, String rule, String field, String detail) {
        Instant now = GenericEventMessage.clock.instant();
        Instant at = given != null ? given : now;
        if (at.isAfter(now.plusSeconds(60))) {
            throw DomainRuleException.ruleViolated(rule, field, detail);
        }
        return at;
    }

    @EventSourcingHandler
    void on(PhoneFollowUpRecordedEvent event) {
        phoneFollowUps = event.number();
    }

    @EventSourcingHandler
    void on(FollowUpContactRecordedEvent event) {
        followUpContacts = event.number();
    }
}
