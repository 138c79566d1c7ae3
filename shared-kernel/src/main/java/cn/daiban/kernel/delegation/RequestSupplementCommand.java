package cn.daiban.kernel.delegation;

import cn.daiban.kernel.common.InputLimits;
import cn.daiban.kernel.common.InvalidValueException;
import cn.daiban.kernel.common.Require;
import java.time.LocalDate;
import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The one-time notice of missing materials (一次性告知): every missing material at once, with how to obtain each, and the date they are due. A second request on the same delegation needs a justification and is recorded as a breach. */
public record RequestSupplementCommand(@TargetAggregateIdentifier DelegationId delegationId, List<MissingMaterial> materials, LocalDate dueDate, String justification) implements DelegationTargeted {

    public RequestSupplementCommand {
        // Upper sizes (InputLimits): the HTTP boundary checks them first; here for every other sender.
        Require.atMost(materials, InputLimits.MATERIALS, "materials");
        Require.present(delegationId, "delegationId");
        materials = List.copyOf(Require.notEmpty(materials, "materials"));
        if (materials.stream().map(MissingMaterial::name).distinct().count() != materials.size()) { throw new InvalidValueException("materials", "must not list a material twice"); }
        Require.present(dueDate, "dueDate");
        justification = Require.optionalText(justification, "justification", 500);
    }
}
