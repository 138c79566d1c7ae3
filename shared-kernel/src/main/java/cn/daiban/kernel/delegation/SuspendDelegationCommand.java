package cn.daiban.kernel.delegation;

import cn.daiban.kernel.common.Require;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Suspend (中止): the client asked, fees are unpaid, or force majeure (materials overdue suspends by itself). */
public record SuspendDelegationCommand(@TargetAggregateIdentifier DelegationId delegationId, SuspensionReason reason, String note) implements DelegationTargeted {

    public SuspendDelegationCommand {
        Require.present(delegationId, "delegationId");
        Require.present(reason, "reason");
        note = Require.optionalText(note, "note", 500);
    }
}
