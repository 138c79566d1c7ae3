package cn.daiban.kernel.delegation;

import cn.daiban.kernel.common.Require;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The result comes back down to the origin station, whose agent stays responsible and delivers. */
public record ReturnResultCommand(@TargetAggregateIdentifier DelegationId delegationId, int hopNumber) implements DelegationTargeted {

    public ReturnResultCommand {
        Require.present(delegationId, "delegationId");
    }
}
