package cn.daiban.kernel.station;

import cn.daiban.kernel.common.InvalidValueException;
import cn.daiban.kernel.common.Require;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * The 申请条件 of an application to open a station (`004 附录A 表A.1`: 申请单位; 选址附近人流量、人员配置、硬件配置、场地是否
 * 宽敞明亮、选址处单位经营是否稳定), as the applicant states them: the applying organisation, the foot traffic near the
 * site, the staff it will have, its equipment ({@link OfficeEquipment}), whether the place is spacious and bright, and
 * whether the host's business is stable; {@code note} for anything else the approver should know.
 */
public record SiteConditions(String applicant, String footTraffic, int staffCount, Set<OfficeEquipment> equipment,
                             boolean spaciousAndBright, boolean hostStable, String note) {

    public SiteConditions {
        applicant = Require.text(applicant, "siteConditions.applicant", 100);
        footTraffic = Require.text(footTraffic, "siteConditions.footTraffic", 200);
        Require.between(staffCount, 1, 100, "siteConditions.staffCount");
        if (equipment != null && equipment.stream().anyMatch(Objects::isNull)) {
            throw new InvalidValueException("siteConditions.equipment", "must not hold an empty entry");
        }
        equipment = equipment == null || equipment.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(equipment));
        note = Require.optionalText(note, "siteConditions.note", 500);
    }

    /** The basic equipment (`004 §5.2.1`) the site lacks, in the standard's order. */
    public Set<OfficeEquipment> missingBasicEquipment() {
        Set<OfficeEquipment> missing = EnumSet.copyOf(OfficeEquipment.BASIC);
        missing.removeAll(equipment);
        return missing;
    }
}
