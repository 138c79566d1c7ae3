package cn.daiban.kernel.delegation;

import cn.daiban.kernel.common.Require;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** A material accepted as missing at intake (容缺) was handed in. */
public record ReceiveToleratedMaterialCommand(@TargetAggregateIdentifier DelegationId delegationId, String materialName) implements DelegationTargeted {

    public ReceiveToleratedMaterialCommand {
        Require.present(delegationId, "delegationId");
        materialName = Require.text(materialName, "materialName", 100);
    }
}
