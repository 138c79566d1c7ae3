package cn.daiban.kernel.delegation;

import cn.daiban.kernel.common.InvalidValueException;
import cn.daiban.kernel.common.Require;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** A statutory fee was paid; a payment needs a receipt number (`001 §6.4.3`). */
public record RecordFeePaymentCommand(@TargetAggregateIdentifier DelegationId delegationId, String feeName, long amountFen, String receiptNumber) implements DelegationTargeted {

    public RecordFeePaymentCommand {
        Require.present(delegationId, "delegationId");
        feeName = Require.text(feeName, "feeName", 100);
        receiptNumber = Require.text(receiptNumber, "receiptNumber", 64);
        if (amountFen <= 0) { throw new InvalidValueException("amountFen", "must be positive"); }
    }
}
