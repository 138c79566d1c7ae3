package cn.daiban.kernel.catalogue;

import cn.daiban.kernel.common.Require;
import cn.daiban.kernel.station.StationLevel;

import java.util.List;
import java.util.Set;

/** What a service item is and promises. */
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
    }
}
