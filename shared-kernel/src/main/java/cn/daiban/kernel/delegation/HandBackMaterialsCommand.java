package cn.daiban.kernel.delegation;

import cn.daiban.kernel.common.InputLimits;
import cn.daiban.kernel.common.Require;
import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * A matter ended without a delivered result (terminated, withdrawn, declined after intake) hands every material and
 * approval document back to the client, who signs the handover (`002 帮办·办结`: 向服务对象移交全部资料和审批文件，填写服务表单
 * 并签字确认; `002 代办·办结`: 交接证明). Only then is it archived (`002 资料归档`).
 */
public record HandBackMaterialsCommand(@TargetAggregateIdentifier DelegationId delegationId, List<String> materials,
                                       boolean signedByClient, String note) implements DelegationTargeted {

    public HandBackMaterialsCommand {
        // Upper sizes (InputLimits): the HTTP boundary checks them first; here for every other sender.
        Require.atMost(materials, InputLimits.MATERIALS, "materials");
        Require.present(delegationId, "delegationId");
        materials = List.copyOf(Require.notEmpty(materials, "materials"));
        materials.forEach(material -> Require.text(material, "materials", 100));
        note = Require.optionalText(note, "note", 500);
    }
}
