package cn.daiban.kernel.delegation;

import cn.daiban.kernel.common.Require;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The client withdraws the matter. */
public record WithdrawDelegationCommand(@TargetAggregateIdentifier DelegationId delegationId, String reason) implements DelegationTargeted {

    public WithdrawDelegationCommand {
        Require.present(delegationId, "delegationId");
        reason = Require.text(reason, "reason", 500);
    }
}
