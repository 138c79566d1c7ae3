package cn.daiban.kernel.delegation;

import cn.daiban.kernel.common.Require;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** A supervisor voids a mistaken or malicious grade on appeal (申诉复核); the voided grade stays in the history. */
public record VoidEvaluationCommand(@TargetAggregateIdentifier DelegationId delegationId, String reason) implements DelegationTargeted {

    public VoidEvaluationCommand {
        Require.present(delegationId, "delegationId");
        reason = Require.text(reason, "reason", 500);
    }
}
