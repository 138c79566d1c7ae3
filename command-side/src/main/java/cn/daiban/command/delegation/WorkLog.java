package cn.daiban.command.delegation;

import cn.daiban.command.common.DomainRuleException;
import cn.daiban.kernel.common.MetadataKeys;
import cn.daiban.kernel.delegation.DelegationStatus;
import cn.daiban.kernel.delegation.RecordWorkLogEntryCommand;
import cn.daiban.kernel.delegation.WorkLogEntryKind;
import cn.daiban.kernel.delegation.WorkLogEntryRecordedEvent;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.annotation.MetaDataValue;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import static cn.daiban.command.delegation.DelegationRules.*;
import static org.axonframework.modelling.command.AggregateLifecycle.apply;
import static org.axonframework.modelling.command.AggregateLifecycle.getVersion;

/**
 * The matter's work log (工作日志): `002 代办·承办` (代办服务过程中出现问题，应及时进行分析、解决和记录，对代办事项进行跟踪、协调…
 * 建立工作日志) and `004 §6.3.3.2.3` (应对帮办事项进行跟踪，建立帮办工作日志，协助做好与有关审批部门工作人员的沟通工作). Each entry
 * is numbered; a problem recorded without its resolution stays open until a later entry resolves it. A member of
 * {@link Delegation}.
 *
 * <p>Assumptions: the log is kept for assists and proxies alike (the two seeds name both), from intake until the
 * archive, ended and declined matters included (a problem met while handing the materials back is logged too); an
 * entry may be dated before intake (a problem met during the pre-check belongs to the matter), never ahead of now (a
 * minute's leeway for clocks), and the views keep when it was recorded beside it; each problem is resolved once, by
 * one later entry dated no earlier than the problem. An entry is a note, not a step at the counter: it does not
 * bound the steps recorded after the fact ({@link StepMoments}).
 */
class WorkLog {

    private final Delegation delegation;
    private int entries;
    /** The problems recorded without a resolution and not resolved since, with when each happened. */
    private final Map<Integer, Instant> openProblems = new HashMap<>();

    WorkLog(Delegation delegation) {
        this.delegation = delegation;
    }

    /**
     * Rules {@code work-log-until-archived}, {@code work-log-not-ahead}, {@code work-log-resolves-an-open-problem} (an
     * open problem of the matter, and not dated before it).
     */
    @CommandHandler
    long handle(RecordWorkLogEntryCommand command, @MetaDataValue(MetadataKeys.ACTOR_ID) String actor) {
        DelegationStatus status = delegation.status();
        if (status == DelegationStatus.ARCHIVED) {
            throw DomainRuleException.illegalTransition(WORK_LOG_UNTIL_ARCHIVED,
                    "the work log is kept from intake until the archive; the matter is " + status);
        }
        Instant now = GenericEventMessage.clock.instant();
        Instant occurredAt = command.occurredAt() != null ? command.occurredAt() : now;
        if (occurredAt.isAfter(now.plusSeconds(60))) {
            throw DomainRuleException.ruleViolated(WORK_LOG_NOT_AHEAD, "occurredAt",
                    "an entry records what happened, not what is planned");
        }
        if (command.resolves() != null) {
            Instant problem = openProblems.get(command.resolves());
            if (problem == null) {
                throw DomainRuleException.ruleViolated(WORK_LOG_RESOLVES_AN_OPEN_PROBLEM, "resolves",
                        "entry " + command.resolves() + " is not a problem of this matter still open");
            }
            if (occurredAt.isBefore(problem)) {
                throw DomainRuleException.ruleViolated(WORK_LOG_RESOLVES_AN_OPEN_PROBLEM, "occurredAt",
                        "a problem is resolved after it was met (" + problem + "), not before");
            }
        }
        apply(new WorkLogEntryRecordedEvent(delegation.id(), entries + 1, actor, occurredAt, command.kind(),
                command.summary(), command.analysis(), command.resolution(), command.department(), command.contact(),
                command.resolves()));
        return getVersion();
    }

    @EventSourcingHandler
    void on(WorkLogEntryRecordedEvent event) {
        entries = event.number();
        if (event.kind() == WorkLogEntryKind.PROBLEM && event.resolution() == null) {
            openProblems.put(event.number(), event.occurredAt());
        }
        if (event.resolves() != null) {
            openProblems.remove(event.resolves());
        }
    }
}
