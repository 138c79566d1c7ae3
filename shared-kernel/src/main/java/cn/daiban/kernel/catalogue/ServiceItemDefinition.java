package cn.daiban.kernel.catalogue;

import cn.daiban.kernel.common.InvalidValueException;
import cn.daiban.kernel.common.Require;
import cn.daiban.kernel.station.StationLevel;

import java.util.List;
import java.util.Set;

/**
 * What a service item is and promises (事项清单, `000 §7.1`): its department, the levels with authority to decide
 * it, the materials (each with how to obtain it), the promised limit in working days (0 = settled on the spot),
 * its statutory fees, whether it touches personal privacy (then it may be assisted but never proxied) and whether
 * it can be done online.
 */
public record ServiceItemDefinition(String name, String department, Set<StationLevel> authorityLevels,
                                    List<RequiredMaterial> materials, int timeLimitWorkingDays,
                                    List<StatutoryFee> fees, boolean touchesPrivacy, boolean onlineAvailable) {

    public ServiceItemDefinition {
        name = Require.text(name, "name", 100);
        department = Require.text(department, "department", 64);
        authorityLevels = Set.copyOf(Require.notEmpty(authorityLevels, "authorityLevels"));
        materials = materials == null ? List.of() : List.copyOf(materials);
        Require.between(timeLimitWorkingDays, 0, 365, "timeLimitWorkingDays");
        fees = fees == null ? List.of() : List.copyOf(fees);
        if (materials.stream().map(RequiredMaterial::name).distinct().count() != materials.size()) {
            throw new InvalidValueException("materials", "must not list a material twice");
        }
        if (fees.stream().map(StatutoryFee::name).distinct().count() != fees.size()) {
            throw new InvalidValueException("fees", "must not list a fee twice");
        }
    }
}
