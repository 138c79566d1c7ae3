package cn.daiban.kernel.delegation;

import cn.daiban.kernel.common.Require;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * The sending side takes back a transfer still waiting for its receiver (撤回转办: sent to the wrong zone or window,
 * or no longer needed), saying why; the matter stays where it is and may be transferred again (`003 三(五)`).
 */
public record WithdrawDelegationTransferCommand(@TargetAggregateIdentifier DelegationId delegationId, String reason)
        implements DelegationTargeted {

    public WithdrawDelegationTransferCommand {
        Require.present(delegationId, "delegationId");
        reason = Require.text(reason, "reason", 500);
    }
}
