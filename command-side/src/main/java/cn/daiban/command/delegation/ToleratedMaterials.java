package cn.daiban.command.delegation;

import cn.daiban.command.calendar.CalendarProvider;
import cn.daiban.command.common.DomainRuleException;
import cn.daiban.kernel.calendar.WorkingDayCalendar;
import cn.daiban.kernel.delegation.DelegationStatus;
import cn.daiban.kernel.delegation.DelegationCommissionedEvent;
import cn.daiban.kernel.delegation.MaterialsCompletedOnSpotEvent;
import cn.daiban.kernel.delegation.ReceiveToleratedMaterialCommand;
import cn.daiban.kernel.delegation.ToleratedMaterialOverdueEvent;
import cn.daiban.kernel.delegation.ToleratedGap;
import cn.daiban.kernel.delegation.ToleratedMaterialReceivedEvent;
import cn.daiban.kernel.delegation.SuspensionReason;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.annotation.DeadlineHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.eventsourcing.EventSourcingHandler;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static cn.daiban.command.delegation.DelegationRules.*;
import static org.axonframework.modelling.command.AggregateLifecycle.apply;
import static org.axonframework.modelling.command.AggregateLifecycle.getVersion;

/**
 * 容缺受理: the non-essential materials accepted as missing at commissioning, each with the date the client committed
 * to; one past its date is followed up like a supplement (`DOMAIN.md` "Tolerated gaps"): the client is reminded once
 * (the overdue event), and still missing after the supplement's grace the matter is suspended, materials overdue,
 * as an overdue supplement is. A successful completion needs them all in. A member of {@link Delegation}.
 */
class ToleratedMaterials {

    /** The grace after a tolerated material's reminder has passed (see {@link #onToleratedFinal}). */
    static final String TOLERATED_FINAL = "tolerated-material-final";

    private final Delegation delegation;
    /** Material name → committed date, while outstanding. */
    private final Map<String, LocalDate> outstanding = new LinkedHashMap<>();
    /** Every material accepted as missing, in the commissioning's order: a due check names one by its place. */
    private final List<String> accepted = new ArrayList<>();

    ToleratedMaterials(Delegation delegation) {
        this.delegation = delegation;
    }

    Set<String> outstanding() {
        return outstanding.keySet();
    }

    /** The materials still outstanding whose committed date is before {@code day}, in commissioning order. */
    List<String> overdueOn(LocalDate day) {
        return outstanding.entrySet().stream().filter(entry -> entry.getValue().isBefore(day))
                .map(Map.Entry::getKey).toList();
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

    /**
     * The committed date of the check's material has passed and it is still outstanding: the client is reminded once
     * (the overdue event, which the outbox sends), and the final check is set after the supplement's grace. One check
     * per material (its place at commissioning), so two materials due the same day are each reminded of once.
     */
    @DeadlineHandler(deadlineName = Delegation.TOLERATED_DUE)
    void onToleratedDue(Delegation.DeadlineCheck check, CalendarProvider calendars, DelegationPolicy policy,
                        DeadlineManager deadlines) {
        String material = stillMissing(check, check.forDate());
        if (delegation.status().isFinal() || material == null) {
            return;
        }
        apply(new ToleratedMaterialOverdueEvent(delegation.id(), material, check.forDate()), delegation.systemActor());
        WorkingDayCalendar calendar = WorkingDays.calendar(calendars);
        LocalDate finalDate = WorkingDays.onCalendar(() -> calendar.addWorkingDays(check.forDate(),
                policy.supplementGraceWorkingDays()));
        delegation.schedule(deadlines, Delegation.endOf(finalDate, policy), TOLERATED_FINAL,
                new Delegation.DeadlineCheck(check.forDate(), check.number()));
    }

    /**
     * Still missing after the reminder and the grace: the matter is suspended, materials overdue (逾期未补正材料), as
     * after an overdue supplement's reminder; the client may bring it and continue (续办) by the continuation
     * deadline. Nothing while the matter is suspended already or no longer open (completed, delivered or ended).
     * The check carries the committed date, so a material's check is known as its own.
     */
    @DeadlineHandler(deadlineName = TOLERATED_FINAL)
    void onToleratedFinal(Delegation.DeadlineCheck check, @Timestamp Instant firedAt, DelegationPolicy policy,
                          DeadlineManager deadlines) {
        String material = stillMissing(check, check.forDate());
        DelegationStatus status = delegation.status();
        if (material == null || status.isFinal() || status == DelegationStatus.COMPLETED
                || status == DelegationStatus.DELIVERED || status == DelegationStatus.SUSPENDED) {
            return;
        }
        delegation.timeLimit().suspend(SuspensionReason.MATERIALS_OVERDUE,
                "逾期未补交容缺材料（" + material + "，承诺" + check.forDate() + "前补交），已提醒一次",
                Delegation.dayOf(firedAt, policy), policy, deadlines, true);
    }

    /** The check's material, if it is still outstanding with that committed date; null otherwise. */
    private String stillMissing(Delegation.DeadlineCheck check, LocalDate committed) {
        if (check.number() < 0 || check.number() >= accepted.size()) {
            return null;
        }
        String material = accepted.get(check.number());
        return committed.equals(outstanding.get(material)) ? material : null;
    }

    @EventSourcingHandler
    void on(DelegationCommissionedEvent event) {
        event.toleratedGaps().forEach(gap -> {
            outstanding.put(gap.materialName(), gap.committedDate());
            accepted.add(gap.materialName());
        });
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
