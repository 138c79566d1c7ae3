package cn.daiban.kernel.delegation;

import cn.daiban.kernel.common.Require;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** What was done about the poor grade. */
public record CompleteRectificationCommand(@TargetAggregateIdentifier DelegationId delegationId, String measures) implements DelegationTargeted {

    public CompleteRectificationCommand {
        Require.present(delegationId, "delegationId");
        measures = Require.text(measures, "measures", 1000);
    }
}
