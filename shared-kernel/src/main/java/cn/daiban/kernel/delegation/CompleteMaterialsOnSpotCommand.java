package cn.daiban.kernel.delegation;

import cn.daiban.kernel.common.InputLimits;
import cn.daiban.kernel.common.InvalidValueException;
import cn.daiban.kernel.common.Require;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.List;

/**
 * Materials completed at the counter with the agent's help (当场补正, `000 §6.3.3`, `004 §6.3.3.2.2`): recorded as
 * such, with no supplement wait and no pause of the clock.
 */
public record CompleteMaterialsOnSpotCommand(@TargetAggregateIdentifier DelegationId delegationId,
                                             List<String> materialNames) implements DelegationTargeted {

    public CompleteMaterialsOnSpotCommand {
        Require.atMost(materialNames, InputLimits.MATERIALS, "materialNames");
        Require.present(delegationId, "delegationId");
        materialNames = List.copyOf(Require.notEmpty(materialNames, "materialNames"));
        materialNames.forEach(name -> Require.text(name, "materialNames", 100));
        if (materialNames.stream().distinct().count() != materialNames.size()) {
            throw new InvalidValueException("materialNames", "must not list a material twice");
        }
    }
}
