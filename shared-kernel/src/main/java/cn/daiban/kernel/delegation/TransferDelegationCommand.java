package cn.daiban.kernel.delegation;

import cn.daiban.kernel.common.Require;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Transfer to another zone or window; the first receiver stays responsible (`003 三(五)`). */
public record TransferDelegationCommand(@TargetAggregateIdentifier DelegationId delegationId, String toWindow, String reason) implements DelegationTargeted {

    public TransferDelegationCommand {
        Require.present(delegationId, "delegationId");
        toWindow = Require.text(toWindow, "toWindow", 32);
        reason = Require.text(reason, "reason", 500);
    }
}
