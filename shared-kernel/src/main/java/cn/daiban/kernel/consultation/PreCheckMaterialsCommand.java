package cn.daiban.kernel.consultation;

import cn.daiban.kernel.catalogue.ServiceItemCode;
import cn.daiban.kernel.common.InputLimits;
import cn.daiban.kernel.common.InvalidValueException;
import cn.daiban.kernel.common.Require;
import cn.daiban.kernel.delegation.MaterialCheck;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.List;

/**
 * Check the materials the visitor brought against the item's list before anything is commissioned (资料预审,
 * `002 代办·委托`, `004 §6.3.4.2.1`, `001 §6.2.1`). A material the checklist leaves out counts as missing, so a
 * visitor who only asks (nothing brought) is pre-checked with an empty list. Anything missing gives the one-time
 * notice (一次性告知单, `003 附件3 六3`, `004 §6.3.5`).
 */
public record PreCheckMaterialsCommand(@TargetAggregateIdentifier ConsultationId consultationId,
                                       ServiceItemCode itemCode, List<MaterialCheck> materials)
        implements ConsultationTargeted {

    public PreCheckMaterialsCommand {
        Require.atMost(materials, InputLimits.MATERIALS, "materials");
        Require.present(consultationId, "consultationId");
        Require.present(itemCode, "itemCode");
        materials = materials == null ? List.of() : List.copyOf(materials);
        if (materials.stream().map(MaterialCheck::materialName).distinct().count() != materials.size()) {
            throw new InvalidValueException("materials", "must not list a material twice");
        }
    }
}
