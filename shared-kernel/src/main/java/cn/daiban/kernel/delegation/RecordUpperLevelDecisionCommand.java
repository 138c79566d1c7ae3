package cn.daiban.kernel.delegation;

import cn.daiban.kernel.common.InvalidValueException;
import cn.daiban.kernel.common.Require;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The upper level reviewed, signed, stamped and issued (or rejected, with the reason). */
public record RecordUpperLevelDecisionCommand(@TargetAggregateIdentifier DelegationId delegationId, int hopNumber, boolean approved, String certificateNumber, String reason) implements DelegationTargeted {

    public RecordUpperLevelDecisionCommand {
        Require.present(delegationId, "delegationId");
        certificateNumber = Require.optionalText(certificateNumber, "certificateNumber", 64);
        reason = Require.optionalText(reason, "reason", 500);
        if (approved && certificateNumber == null) { throw new InvalidValueException("certificateNumber", "is required when the upper level approves"); }
        if (!approved && reason == null) { throw new InvalidValueException("reason", "is required when the upper level rejects"); }
    }
}
