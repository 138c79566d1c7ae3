package cn.daiban.kernel.delegation;

import cn.daiban.kernel.common.InputLimits;
import cn.daiban.kernel.common.Require;
import cn.daiban.kernel.station.StationCode;
import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Hand the matter up to a level that has authority (`000 §7.2.3`): materials confirmed, scanned and uploaded. */
public record EscalateDelegationCommand(@TargetAggregateIdentifier DelegationId delegationId, StationCode targetStationCode, List<String> uploadedMaterialRefs, String note) implements DelegationTargeted {

    public EscalateDelegationCommand {
        // Upper sizes (InputLimits): the HTTP boundary checks them first; here for every other sender.
        Require.atMost(uploadedMaterialRefs, InputLimits.UPLOADED_MATERIAL_REFS, "uploadedMaterialRefs");
        Require.present(delegationId, "delegationId");
        Require.present(targetStationCode, "targetStationCode");
        uploadedMaterialRefs = List.copyOf(Require.notEmpty(uploadedMaterialRefs, "uploadedMaterialRefs"));
        uploadedMaterialRefs.forEach(r -> Require.text(r, "uploadedMaterialRefs", 200));
        note = Require.optionalText(note, "note", 500);
    }
}
