package cn.daiban.kernel.delegation;

import cn.daiban.kernel.common.Require;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The cause is gone and the client continues (续办). */
public record ResumeDelegationCommand(@TargetAggregateIdentifier DelegationId delegationId, String note) implements DelegationTargeted {

    public ResumeDelegationCommand {
        Require.present(delegationId, "delegationId");
        note = Require.optionalText(note, "note", 500);
    }
}
