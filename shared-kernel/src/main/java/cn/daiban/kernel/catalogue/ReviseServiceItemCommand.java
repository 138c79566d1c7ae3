package cn.daiban.kernel.catalogue;

import cn.daiban.kernel.common.Require;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Revise an item; delegations already commissioned keep what they were promised (they carry their revision). */
public record ReviseServiceItemCommand(@TargetAggregateIdentifier ServiceItemCode code, ServiceItemDefinition definition, String reason) {

    public ReviseServiceItemCommand {
        Require.present(code, "code");
        Require.present(definition, "definition");
        reason = Require.text(reason, "reason", 500);
    }
}
