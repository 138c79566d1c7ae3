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
 * it can be done online. {@code conditions} (申请条件) and {@code process} (办理流程) are what the one-time notice and
 * the service guide tell the client besides the materials (`004 §6.3.5`, `002 帮办·咨询`); they were added last and
 * are optional, so revisions stored before them still read (null = not published).
 *
 * <p>{@code process} (办事流程) and {@code legalBasis} (设定依据) were added later for the public face (公开原则,
 * `000 §4.4`, `004 §6.2.2`): both optional, so items published before read as they did (no process, no basis).
 */
public record ServiceItemDefinition(String name, String department, Set<StationLevel> authorityLevels,
                                    List<RequiredMaterial> materials, int timeLimitWorkingDays,
                                    List<StatutoryFee> fees, boolean touchesPrivacy, boolean onlineAvailable,
                                    // added last and optional (null = not published): conditions (申请条件) and
                                    // process (办理流程) for the one-time notice and the service guide, the legal
                                    // basis (设定依据) for the public face
                                    String conditions, List<String> process, String legalBasis) {

    /** An item without published conditions, process or legal basis. */
    public ServiceItemDefinition(String name, String department, Set<StationLevel> authorityLevels,
                                 List<RequiredMaterial> materials, int timeLimitWorkingDays, List<StatutoryFee> fees,
                                 boolean touchesPrivacy, boolean onlineAvailable) {
        this(name, department, authorityLevels, materials, timeLimitWorkingDays, fees, touchesPrivacy, onlineAvailable,
                null, null, null);
    }

    public ServiceItemDefinition {
        name = Require.text(name, "name", 100);
        department = Require.text(department, "department", 64);
        authorityLevels = Set.copyOf(Require.notEmpty(authorityLevels, "authorityLevels"));
        materials = materials == null ? List.of() : List.copyOf(materials);
        Require.between(timeLimitWorkingDays, 0, 365, "timeLimitWorkingDays");
        fees = fees == null ? List.of() : List.copyOf(fees);
        conditions = Require.optionalText(conditions, "conditions", 1000);
        process = process == null || process.isEmpty() ? null : List.copyOf(process);
        if (process != null) {
            Require.atMost(process, 30, "process");
            process.forEach(step -> Require.text(step, "process", 200));
        }
        legalBasis = Require.optionalText(legalBasis, "legalBasis", 500);
        if (materials.stream().map(RequiredMaterial::name).distinct().count() != materials.size()) {
            throw new InvalidValueException("materials", "must not list a material twice");
        }
        if (fees.stream().map(StatutoryFee::name).distinct().count() != fees.size()) {
            throw new InvalidValueException("fees", "must not list a fee twice");
        }
    }
}
