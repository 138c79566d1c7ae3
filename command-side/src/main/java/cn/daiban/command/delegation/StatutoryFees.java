package cn.daiban.command.delegation;

import cn.daiban.command.common.DomainRuleException;
import cn.daiban.kernel.catalogue.StatutoryFee;
import cn.daiban.kernel.delegation.DelegationCommissionedEvent;
import cn.daiban.kernel.delegation.NotifyStatutoryFeeCommand;
import cn.daiban.kernel.delegation.RecordFeeExemptionCommand;
import cn.daiban.kernel.delegation.RecordFeePaymentCommand;
import cn.daiban.kernel.delegation.StatutoryFeeExemptedEvent;
import cn.daiban.kernel.delegation.StatutoryFeeNotifiedEvent;
import cn.daiban.kernel.delegation.StatutoryFeePaidEvent;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import static cn.daiban.command.delegation.DelegationRules.*;
import static org.axonframework.modelling.command.AggregateLifecycle.apply;
import static org.axonframework.modelling.command.AggregateLifecycle.getVersion;

/**
 * The statutory fees of the item (the service itself is free, 无偿 000 §4.5): each told to the client before its
 * payment is recorded, at its statutory amount, once. A member of {@link Delegation}.
 */
class StatutoryFees {

    private final Delegation delegation;
    private List<StatutoryFee> fees = List.of();
    private final Set<String> notified = new LinkedHashSet<>();
    private final Set<String> paid = new LinkedHashSet<>();
    private final Set<String> exempted = new LinkedHashSet<>();

    StatutoryFees(Delegation delegation) {
        this.delegation = delegation;
    }

    /** A fee has been told to the client and is neither paid nor exempted yet. */
    boolean outstanding() {
        return notified.stream().anyMatch(name -> !paid.contains(name) && !exempted.contains(name));
    }

    /**
     * The item's fees not settled: not told and paid, nor recorded as exempt (`000 §6.3.5` 对…依法缴纳的费用，应明确告知;
     * `001 §6.4.3`): a successful completion waits for none. Assumption: the fees are the item's as published when the
     * matter was commissioned; a matter commissioned before fees were carried has none.
     */
    List<String> unsettled() {
        return fees.stream().map(StatutoryFee::name)
                .filter(name -> !paid.contains(name) && !exempted.contains(name)).toList();
    }

    @CommandHandler
    long handle(NotifyStatutoryFeeCommand command) {
        delegation.requireOpen("notify a fee on");
        StatutoryFee fee = statutoryFee(command.feeName());
        if (notified.contains(fee.name())) {
            throw DomainRuleException.illegalTransition(FEE_NOTIFIED_ONCE, fee.name() + " was already notified");
        }
        apply(new StatutoryFeeNotifiedEvent(delegation.id(), fee));
        return getVersion();
    }

    @CommandHandler
    long handle(RecordFeePaymentCommand command) {
        delegation.requireOpen("record a payment on");
        StatutoryFee fee = statutoryFee(command.feeName());
        if (!notified.contains(fee.name())) {
            throw DomainRuleException.ruleViolated(FEE_TOLD_BEFORE_PAID, "feeName",
                    "the client must be told the fee (amount, legal basis, payee) before a payment is recorded");
        }
        if (paid.contains(fee.name())) {
            throw DomainRuleException.illegalTransition(FEE_PAID_ONCE, fee.name() + " is already paid");
        }
        if (exempted.contains(fee.name())) {
            throw DomainRuleException.illegalTransition(FEE_SETTLED_ONCE, fee.name() + " is recorded as exempt");
        }
        if (command.amountFen() != fee.amountFen()) {
            throw DomainRuleException.ruleViolated(STATUTORY_AMOUNT, "amountFen",
                    "the statutory amount of " + fee.name() + " is " + fee.amountFen() + " fen");
        }
        apply(new StatutoryFeePaidEvent(delegation.id(), fee.name(), fee.amountFen(), fee.legalBasis(), fee.payee(),
                command.receiptNumber()));
        return getVersion();
    }

    /**
     * The fee does not apply to this client (依法减免): recorded with its ground, in place of a payment, whether or not
     * the fee was told first (recording it is telling the client it is not due). Not once it is paid, and once.
     */
    @CommandHandler
    long handle(RecordFeeExemptionCommand command) {
        delegation.requireOpen("record a fee exemption on");
        StatutoryFee fee = statutoryFee(command.feeName());
        if (paid.contains(fee.name()) || exempted.contains(fee.name())) {
            throw DomainRuleException.illegalTransition(FEE_SETTLED_ONCE, fee.name() + " is already "
                    + (paid.contains(fee.name()) ? "paid" : "recorded as exempt"));
        }
        apply(new StatutoryFeeExemptedEvent(delegation.id(), fee.name(), command.reason()));
        return getVersion();
    }

    /** Only a statutory fee of the item can be recorded ({@code service-is-free}). */
    private StatutoryFee statutoryFee(String name) {
        return fees.stream().filter(fee -> fee.name().equals(name)).findFirst().orElseThrow(() ->
                DomainRuleException.ruleViolated(SERVICE_IS_FREE, "feeName",
                        "the service itself is free (无偿, 000 §4.5); only the statutory fees of the item can be "
                                + "recorded: " + fees.stream().map(StatutoryFee::name).toList()));
    }

    @EventSourcingHandler
    void on(DelegationCommissionedEvent event) {
        fees = event.statutoryFees() == null ? List.of() : event.statutoryFees();
    }

    @EventSourcingHandler
    void on(StatutoryFeeNotifiedEvent event) {
        notified.add(event.fee().name());
    }

    @EventSourcingHandler
    void on(StatutoryFeePaidEvent event) {
        paid.add(event.feeName());
    }

    @EventSourcingHandler
    void on(StatutoryFeeExemptedEvent event) {
        exempted.add(event.feeName());
    }
}
