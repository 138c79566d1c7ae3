package cn.daiban.kernel.delegation;

import cn.daiban.kernel.common.Require;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The follow-up call to the client who graded poorly. */
public record RecordRectificationFollowUpCommand(@TargetAggregateIdentifier DelegationId delegationId, String callSummary) implements DelegationTargeted {

    public RecordRectificationFollowUpCommand {
        Require.present(delegationId, "delegationId");
        callSummary = Require.text(callSummary, "callSummary", 1000);
    }
}
