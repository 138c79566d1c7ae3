package cn.daiban.kernel.delegation;

import cn.daiban.kernel.common.InvalidValueException;
import cn.daiban.kernel.common.Require;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** 办结: success with the result (licence, certificate, approval number) or failure with the reason. */
public record CompleteDelegationCommand(@TargetAggregateIdentifier DelegationId delegationId, boolean successful, String resultReference, String failureReason) implements DelegationTargeted {

    public CompleteDelegationCommand {
        Require.present(delegationId, "delegationId");
        resultReference = Require.optionalText(resultReference, "resultReference", 100);
        failureReason = Require.optionalText(failureReason, "failureReason", 500);
        if (successful && resultReference == null) { throw new InvalidValueException("resultReference", "is required for a successful completion"); }
        if (!successful && failureReason == null) { throw new InvalidValueException("failureReason", "is required for a failed completion"); }
    }
}
