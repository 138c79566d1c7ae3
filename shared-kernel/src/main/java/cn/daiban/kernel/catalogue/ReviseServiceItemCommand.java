package cn.daiban.kernel.catalogue;

import cn.daiban.kernel.common.InputLimits;
import cn.daiban.kernel.common.Require;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Revise an item; delegations already commissioned keep what they were promised (they carry their revision). */
public record ReviseServiceItemCommand(@TargetAggregateIdentifier ServiceItemCode code, ServiceItemDefinition definition, String reason) {

    public ReviseServiceItemCommand {
        Require.present(code, "code");
        Require.present(definition, "definition");
        // Upper sizes (InputLimits): the HTTP boundary checks them first; here for every other sender.
        Require.atMost(definition.authorityLevels(), InputLimits.AUTHORITY_LEVELS, "definition.authorityLevels");
        Require.atMost(definition.materials(), InputLimits.MATERIALS, "definition.materials");
        Require.atMost(definition.fees(), InputLimits.FEES, "definition.fees");
        reason = Require.text(reason, "reason", 500);
    }
}
