package cn.daiban.command.catalogue;

import cn.daiban.command.common.DomainRuleException;
import cn.daiban.command.station.StationRegistry;
import cn.daiban.kernel.catalogue.RequiredMaterial;
import cn.daiban.kernel.catalogue.ServiceItemCode;
import cn.daiban.kernel.catalogue.ServiceItemDefinition;
import cn.daiban.kernel.delegation.MaterialCheck;
import cn.daiban.kernel.delegation.MaterialCheckStatus;
import cn.daiban.kernel.delegation.MissingMaterial;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The pre-check (资料预审, `002 代办·委托`, `004 §6.3.4.2.1`, `001 §6.2.1`): the materials the client brought, held
 * against the service item's list. Used where a matter is commissioned and where a consultation is pre-checked at
 * the counter, so both refuse by the same rules; their names (the problem's {@code rule}) are here, and the
 * delegation's rule catalogue ({@code DelegationRules}) lists them too. Kept with the catalogue, not the delegation,
 * because the consultation must not lean on the delegation.
 *
 * <p>Assumption: a material the checklist does not name counts as missing: what is not on the counter is not in
 * hand. A checklist line naming a material the item does not list is refused, as is a tolerated (容缺) line for an
 * essential material or with a committed date in the past.
 */
public final class MaterialChecklist {

    public static final String ITEM_PUBLISHED = "item-published";
    public static final String ITEM_OFFERED = "item-offered";
    public static final String CHECKLIST_MATERIAL_LISTED = "checklist-material-listed";
    public static final String TOLERATED_MATERIAL_NON_ESSENTIAL = "tolerated-material-non-essential";
    public static final String COMMITTED_DATE_NOT_PAST = "committed-date-not-past";
    public static final String MATERIALS_COMPLETE = "materials-complete";

    private MaterialChecklist() {
    }

    /** The item is published and the station offers it ({@code item-published}, {@code item-offered}). */
    public static ServiceItemCatalog.PublishedServiceItem offeredItem(ServiceItemCode code,
                                                                      StationRegistry.RegisteredStation station,
                                                                      ServiceItemCatalog catalog) {
        ServiceItemCatalog.PublishedServiceItem item = catalog.find(code).orElseThrow(() ->
                DomainRuleException.unknownReference("itemCode", "no service item " + code));
        if (item.withdrawn()) {
            throw DomainRuleException.ruleViolated(ITEM_PUBLISHED, "itemCode", code + " has been withdrawn");
        }
        if (!station.serviceItemCodes().contains(code.value())) {
            throw DomainRuleException.ruleViolated(ITEM_OFFERED, "itemCode",
                    "station " + station.code() + " does not offer " + code);
        }
        return item;
    }

    /**
     * Every material of the item's list, in the list's order, with how it stands: as the checklist says, or MISSING
     * where it says nothing. Refuses a line that names no material of the item ({@code checklist-material-listed}),
     * and a tolerated one that is essential or committed to a past date.
     */
    public static List<MaterialCheck> complete(ServiceItemDefinition definition, List<MaterialCheck> given,
                                               LocalDate today) {
        Map<String, RequiredMaterial> listed = definition.materials().stream()
                .collect(Collectors.toMap(RequiredMaterial::name, Function.identity()));
        for (MaterialCheck check : given) {
            RequiredMaterial material = listed.get(check.materialName());
            if (material == null) {
                throw DomainRuleException.ruleViolated(CHECKLIST_MATERIAL_LISTED, "materials",
                        check.materialName() + " is not a material of " + definition.name() + "; its list: "
                                + listed.keySet());
            }
            if (check.status() == MaterialCheckStatus.TOLERATED) {
                if (material.essential()) {
                    throw DomainRuleException.ruleViolated(TOLERATED_MATERIAL_NON_ESSENTIAL, "materials",
                            check.materialName() + " is essential: only non-essential materials may be missing (容缺受理)");
                }
                if (check.committedDate().isBefore(today)) {
                    throw DomainRuleException.ruleViolated(COMMITTED_DATE_NOT_PAST, "materials",
                            "the committed date for " + check.materialName() + " is in the past");
                }
            }
        }
        Map<String, MaterialCheck> byName = given.stream()
                .collect(Collectors.toMap(MaterialCheck::materialName, Function.identity()));
        return definition.materials().stream()
                .map(material -> byName.getOrDefault(material.name(),
                        new MaterialCheck(material.name(), MaterialCheckStatus.MISSING, null)))
                .toList();
    }

    /** The missing materials of a completed checklist, each with how to obtain it (what the notice lists). */
    public static List<MissingMaterial> missing(ServiceItemDefinition definition, List<MaterialCheck> checklist) {
        Map<String, RequiredMaterial> listed = definition.materials().stream()
                .collect(Collectors.toMap(RequiredMaterial::name, Function.identity()));
        return checklist.stream().filter(check -> check.status() == MaterialCheckStatus.MISSING)
                .map(check -> new MissingMaterial(check.materialName(), listed.get(check.materialName()).howToObtain()))
                .toList();
    }

    /**
     * 材料齐全: a proxy is taken on only with every material in hand or tolerated (`004 §6.3.4.2.1`, `001 §6.2.1`);
     * otherwise the client gets the one-time notice instead. The refusal ({@code materials-complete}) lists every
     * missing material with how to obtain it, and says where the printed notice comes from.
     */
    public static void proxyMaterialsComplete(ServiceItemDefinition definition, List<MaterialCheck> checklist) {
        List<MissingMaterial> missing = missing(definition, checklist);
        if (missing.isEmpty()) {
            return;
        }
        String list = missing.stream().map(material -> material.name() + "（" + material.howToObtain() + "）")
                .collect(Collectors.joining("；"));
        boolean essential = missing.stream().anyMatch(material -> definition.materials().stream()
                .anyMatch(required -> required.name().equals(material.name()) && required.essential()));
        throw DomainRuleException.ruleViolated(MATERIALS_COMPLETE, "materials",
                "a proxy is taken on only with its materials complete (材料齐全, 004 §6.3.4.2.1)"
                        + (essential ? "" : "; a non-essential one may be tolerated (容缺) with a committed date")
                        + ". 一次性告知 missing: " + list + ". Give the printed one-time notice (一次性告知单) with "
                        + "POST /api/consultations/{id}/pre-check, then GET /api/consultations/{id}/documents/"
                        + "one-time-notice");
    }
}
