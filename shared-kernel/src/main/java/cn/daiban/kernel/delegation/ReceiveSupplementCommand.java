package cn.daiban.kernel.delegation;

import cn.daiban.kernel.common.Require;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The client handed in the requested materials. */
public record ReceiveSupplementCommand(@TargetAggregateIdentifier DelegationId delegationId, String note) implements DelegationTargeted {

    public ReceiveSupplementCommand {
        Require.present(delegationId, "delegationId");
        note = Require.optionalText(note, "note", 500);
    }
}
