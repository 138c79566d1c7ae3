package cn.daiban.kernel.catalogue;

import cn.daiban.kernel.common.InputLimits;
import cn.daiban.kernel.common.Require;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Publish a new item in the catalogue; {@code sample} marks the shipped starter catalogue. */
public record PublishServiceItemCommand(@TargetAggregateIdentifier ServiceItemCode code, ServiceItemDefinition definition, boolean sample) {

    public PublishServiceItemCommand {
        Require.present(code, "code");
        Require.present(definition, "definition");
        // Upper sizes (InputLimits): the HTTP boundary checks them first; here for every other sender.
        Require.atMost(definition.authorityLevels(), InputLimits.AUTHORITY_LEVELS, "definition.authorityLevels");
        Require.atMost(definition.materials(), InputLimits.MATERIALS, "definition.materials");
        Require.atMost(definition.fees(), InputLimits.FEES, "definition.fees");
    }
}
