package cn.daiban.command.delegation;

import cn.daiban.command.common.DomainRuleException;
import cn.daiban.kernel.catalogue.StatutoryFee;
import cn.daiban.kernel.delegation.DelegationCommissionedEvent;
import cn.daiban.kernel.delegation.NotifyStatutoryFeeCommand;
import cn.daiban.kernel.delegation.RecordFeePaymentCommand;
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

    StatutoryFees(Delegation delegation) {
        this.delegation = delegation;
    }

    /** A fee has been told to the client and is not paid yet. */
    boolean outstanding() {
        return !notified.isEmpty() && !paid.containsAll(notified);
    }

    boolean allNotifiedPaid() {
        return paid.containsAll(notified);
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
        if (command.amountFen() != fee.amountFen()) {
            throw DomainRuleException.ruleViolated(STATUTORY_AMOUNT, "amountFen",
                    "the statutory amount of " + fee.name() + " is " + fee.amountFen() + " fen");
        }
        apply(new StatutoryFeePaidEvent(delegation.id(), fee.name(), fee.amountFen(), fee.legalBasis(), fee.payee(),
                command.receiptNumber()));
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
        fees = event.statutoryFees();
    }

    @EventSourcingHandler
    void on(StatutoryFeeNotifiedEvent event) {
        notified.add(event.fee().name());
    }

    @EventSourcingHandler
    void on(StatutoryFeePaidEvent event) {
        paid.add(event.feeName());
    }
}
