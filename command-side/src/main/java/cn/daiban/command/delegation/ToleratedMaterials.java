package cn.daiban.command.delegation;

import cn.daiban.command.common.DomainRuleException;
import cn.daiban.kernel.delegation.DelegationCommissionedEvent;
import cn.daiban.kernel.delegation.MaterialsCompletedOnSpotEvent;
import cn.daiban.kernel.delegation.ReceiveToleratedMaterialCommand;
import cn.daiban.kernel.delegation.ToleratedMaterialOverdueEvent;
import cn.daiban.kernel.delegation.ToleratedGap;
import cn.daiban.kernel.delegation.ToleratedMaterialReceivedEvent;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.annotation.DeadlineHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static cn.daiban.command.delegation.DelegationRules.*;
import static org.axonframework.modelling.command.AggregateLifecycle.apply;
import static org.axonframework.modelling.command.AggregateLifecycle.getVersion;

/**
 * 容缺受理: the non-essential materials accepted as missing at commissioning, each with the date the client committed
 * to; one past its date is followed up, and a successful completion needs them all in. A member of
 * {@link Delegation}.
 */
class ToleratedMaterials {

    private final Delegation delegation;
    /** Material name → committed date, while outstanding. */
    private final Map<String, LocalDate> outstanding = new LinkedHashMap<>();

    ToleratedMaterials(Delegation delegation) {
        this.delegation = delegation;
    }

    Set<String> outstanding() {
        return outstanding.keySet();
    }

    /** Each material accepted as missing at commissioning is checked on the date the client committed to. */
    void scheduleDueChecks(List<ToleratedGap> gaps, DelegationPolicy policy, DeadlineManager deadlines) {
        for (ToleratedGap gap : gaps) {
            delegation.schedule(deadlines, Delegation.endOf(gap.committedDate(), policy), Delegation.TOLERATED_DUE,
                    new Delegation.DeadlineCheck(gap.committedDate(), gaps.indexOf(gap)));
        }
    }

    @CommandHandler
    long handle(ReceiveToleratedMaterialCommand command, DelegationPolicy policy) {
        delegation.requireOpen("receive materials for");
        if (!outstanding.containsKey(command.materialName())) {
            throw DomainRuleException.ruleViolated(TOLERATED_MATERIAL_OUTSTANDING, "materialName",
                    command.materialName() + " is not an outstanding tolerated material of this delegation");
        }
        apply(new ToleratedMaterialReceivedEvent(delegation.id(), command.materialName(), Delegation.today(policy)));
        return getVersion();
    }

    /** The committed date has passed: every material still outstanding for that date is followed up. */
    @DeadlineHandler(deadlineName = Delegation.TOLERATED_DUE)
    void onToleratedDue(Delegation.DeadlineCheck check) {
        if (delegation.status().isFinal()) {
            return;
        }
        outstanding.entrySet().stream()
                .filter(entry -> entry.getValue().equals(check.forDate()))
                .map(Map.Entry::getKey)
                .toList()
                .forEach(material -> apply(new ToleratedMaterialOverdueEvent(delegation.id(), material,
                        check.forDate()), delegation.systemActor()));
    }

    @EventSourcingHandler
    void on(DelegationCommissionedEvent event) {
        event.toleratedGaps().forEach(gap -> outstanding.put(gap.materialName(), gap.committedDate()));
    }

    /** A tolerated material completed at the counter (当场补正) is in. */
    @EventSourcingHandler
    void on(MaterialsCompletedOnSpotEvent event) {
        event.materialNames().forEach(outstanding::remove);
    }

    @EventSourcingHandler
    void on(ToleratedMaterialReceivedEvent event) {
        outstanding.remove(event.materialName());
    }
}
