package cn.daiban.kernel.delegation;

import cn.daiban.kernel.common.InputLimits;
import cn.daiban.kernel.agent.AgentId;
import cn.daiban.kernel.catalogue.ServiceItemCode;
import cn.daiban.kernel.common.InvalidValueException;
import cn.daiban.kernel.common.Require;
import cn.daiban.kernel.station.StationCode;
import cn.daiban.kernel.station.StationScoped;
import cn.daiban.kernel.clientcategory.ClientCategoryCode;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Commission a delegation (委托受理). {@code materials} is the pre-check checklist (资料预审, `004 §6.3.4.2.1`): how each material of the item stands; one it leaves out counts as missing. A proxy needs the needs analysis, the team leader's sign-off and the applicant's signature on the acceptance form; {@code promisedWorkingDays} defaults to the item's published limit and may only be shorter. */
public record CommissionDelegationCommand(
        @TargetAggregateIdentifier DelegationId delegationId,
        DelegationKind kind,
        ServiceMode mode,
        StationCode stationCode,
        String window,
        AgentId agentId,
        ServiceItemCode itemCode,
        Client client,
        boolean consentGiven,
        Integer promisedWorkingDays,
        NeedsAnalysis needsAnalysis,
        List<ToleratedGap> toleratedGaps,
        List<String> parallelDepartments,
        AgentId teamLeaderId,
        boolean applicantSigned,
        List<String> notes,
        boolean specialHandling,
        String consultationId,
        DelegationId previousDelegationId,
        // Added later, at the end and optional, so commands built before still read: the client's categories
        // (002 服务对象; none = empty) and, for a HOME_VISIT, the agreed time and address (000 §7.2.2 b); when the
        // client applied (申请时间, 002 表A.2; absent, the moment of acceptance).
        Set<ClientCategoryCode> clientCategories,
        HomeVisitAppointment homeVisit,
        Instant appliedAt,
        // Added last and optional, for the senders written before the checklist: without it nothing is pre-checked.
        List<MaterialCheck> materials) implements StationScoped {

    /** Without categories, a home visit, the application time or a checklist: the client applied when the matter was accepted. */
    public CommissionDelegationCommand(DelegationId delegationId, DelegationKind kind, ServiceMode mode,
                                       StationCode stationCode, String window, AgentId agentId,
                                       ServiceItemCode itemCode, Client client, boolean consentGiven,
                                       Integer promisedWorkingDays, NeedsAnalysis needsAnalysis,
                                       List<ToleratedGap> toleratedGaps, List<String> parallelDepartments,
                                       AgentId teamLeaderId, boolean applicantSigned, List<String> notes,
                                       boolean specialHandling, String consultationId,
                                       DelegationId previousDelegationId) {
        this(delegationId, kind, mode, stationCode, window, agentId, itemCode, client, consentGiven,
                promisedWorkingDays, needsAnalysis, toleratedGaps, parallelDepartments, teamLeaderId,
                applicantSigned, notes, specialHandling, consultationId, previousDelegationId, null, null, null, null);
    }

    public CommissionDelegationCommand {
        // Upper sizes (InputLimits): the HTTP boundary checks them first; here for every other sender.
        Require.atMost(toleratedGaps, InputLimits.TOLERATED_GAPS, "toleratedGaps");
        Require.atMost(parallelDepartments, InputLimits.PARALLEL_DEPARTMENTS, "parallelDepartments");
        Require.atMost(notes, InputLimits.NOTES, "notes");
        Require.atMost(materials, InputLimits.MATERIALS, "materials");
        if (needsAnalysis != null) {
            Require.atMost(needsAnalysis.steps(), InputLimits.STEPS, "needsAnalysis.steps");
        }
        Require.present(delegationId, "delegationId");
        Require.present(kind, "kind");
        Require.present(mode, "mode");
        Require.present(stationCode, "stationCode");
        window = Require.optionalText(window, "window", 32);
        Require.present(agentId, "agentId");
        Require.present(itemCode, "itemCode");
        Require.present(client, "client");
        if (promisedWorkingDays != null) { Require.between(promisedWorkingDays, 0, 365, "promisedWorkingDays"); }
        toleratedGaps = toleratedGaps == null ? List.of() : List.copyOf(toleratedGaps);
        materials = materials == null ? List.of() : List.copyOf(materials);
        if (materials.stream().map(MaterialCheck::materialName).distinct().count() != materials.size()) { throw new InvalidValueException("materials", "must not list a material twice"); }
        // One record of 容缺, not two: the checklist's TOLERATED lines are the tolerated gaps. A sender may give
        // either (or both, if they say the same); the delegation follows the gaps up as before.
        List<ToleratedGap> fromChecklist = materials.stream()
                .filter(check -> check.status() == MaterialCheckStatus.TOLERATED)
                .map(check -> new ToleratedGap(check.materialName(), check.committedDate())).toList();
        if (!materials.isEmpty()) {
            if (toleratedGaps.isEmpty()) {
                toleratedGaps = fromChecklist;
            } else if (!java.util.Set.copyOf(toleratedGaps).equals(java.util.Set.copyOf(fromChecklist))) {
                throw new InvalidValueException("toleratedGaps", "must be the TOLERATED lines of materials (or left out)");
            }
        }
        parallelDepartments = parallelDepartments == null ? List.of() : List.copyOf(parallelDepartments);
        parallelDepartments.forEach(d -> Require.text(d, "parallelDepartments", 64));
        if (parallelDepartments.stream().distinct().count() != parallelDepartments.size()) { throw new InvalidValueException("parallelDepartments", "must not repeat a department"); }
        notes = notes == null ? List.of() : List.copyOf(notes);
        notes.forEach(n -> Require.text(n, "notes", 300));
        consultationId = Require.optionalText(consultationId, "consultationId", 64);
        clientCategories = clientCategories == null ? Set.of() : Set.copyOf(clientCategories);
        Require.atMost(clientCategories, ChangeClientCategoriesCommand.MAX_CATEGORIES, "clientCategories");
    }
}
