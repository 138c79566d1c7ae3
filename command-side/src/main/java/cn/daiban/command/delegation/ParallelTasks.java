package cn.daiban.command.delegation;

import cn.daiban.command.common.DomainRuleException;
import cn.daiban.kernel.delegation.DelegationCommissionedEvent;
import cn.daiban.kernel.delegation.ParallelTaskCompletedEvent;
import cn.daiban.kernel.delegation.RecordParallelTaskCompletedCommand;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static cn.daiban.command.delegation.DelegationRules.*;
import static org.axonframework.modelling.command.AggregateLifecycle.apply;
import static org.axonframework.modelling.command.AggregateLifecycle.getVersion;

/**
 * 并联办理: one sub-task per department of a matter that touches several, each reporting its result once; the matter
 * completes only when all are done. A member of {@link Delegation}.
 */
class ParallelTasks {

    private final Delegation delegation;
    /** Department → has reported its result. */
    private final Map<String, Boolean> tasks = new LinkedHashMap<>();

    ParallelTasks(Delegation delegation) {
        this.delegation = delegation;
    }

    /** The departments that reported a refusal, in the order they reported. */
    private final List<String> refused = new ArrayList<>();

    /** The departments that refused (并联办理: one refusal and the matter as a whole is not done). */
    List<String> refused() {
        return List.copyOf(refused);
    }

    /** The departments that have not reported yet, in commissioning order. */
    List<String> stillWorking() {
        return tasks.entrySet().stream().filter(entry -> !entry.getValue()).map(Map.Entry::getKey).toList();
    }

    @CommandHandler
    long handle(RecordParallelTaskCompletedCommand command) {
        delegation.requireOpen("record a department's result on");
        Boolean done = tasks.get(command.department());
        if (done == null) {
            throw DomainRuleException.ruleViolated(PARALLEL_TASK_EXISTS, "department",
                    command.department() + " is not one of the departments of this matter: " + tasks.keySet());
        }
        if (done) {
            throw DomainRuleException.illegalTransition(PARALLEL_TASK_OPEN,
                    command.department() + " has already reported its result");
        }
        apply(new ParallelTaskCompletedEvent(delegation.id(), command.department(), command.approved(),
                command.note()));
        return getVersion();
    }

    @EventSourcingHandler
    void on(DelegationCommissionedEvent event) {
        event.parallelDepartments().forEach(department -> tasks.put(department, false));
    }

    @EventSourcingHandler
    void on(ParallelTaskCompletedEvent event) {
        tasks.put(event.department(), true);
        if (!event.approved()) {
            refused.add(event.department());
        }
    }
}
