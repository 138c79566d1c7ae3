package cn.daiban.kernel.delegation;

import cn.daiban.kernel.common.Require;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Transfer to another zone or window; the first receiver stays responsible (`003 三(五)`). It waits for the receiver
 * to accept it ({@link AcceptDelegationTransferCommand}).
 */
public record TransferDelegationCommand(@TargetAggregateIdentifier DelegationId delegationId, String toWindow, String reason) implements DelegationTargeted {

    public TransferDelegationCommand {
        Require.present(delegationId, "delegationId");
        toWindow = Require.text(toWindow, "toWindow", 32);
        reason = Require.text(reason, "reason", 500);
    }
}
