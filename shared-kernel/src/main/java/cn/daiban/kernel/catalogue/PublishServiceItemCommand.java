package cn.daiban.kernel.catalogue;

import cn.daiban.kernel.common.Require;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Publish a new item in the catalogue; {@code sample} marks the shipped starter catalogue. */
public record PublishServiceItemCommand(@TargetAggregateIdentifier ServiceItemCode code, ServiceItemDefinition definition, boolean sample) {

    public PublishServiceItemCommand {
        Require.present(code, "code");
        Require.present(definition, "definition");
    }
}
