package cn.daiban.kernel.delegation;

import cn.daiban.kernel.privacy.DataSubject;
import cn.daiban.kernel.privacy.PersonalData;

import cn.daiban.kernel.agent.AgentId;
import cn.daiban.kernel.catalogue.ServiceItemCode;
import cn.daiban.kernel.catalogue.StatutoryFee;
import cn.daiban.kernel.station.StationCode;
import cn.daiban.kernel.station.StationLevel;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import cn.daiban.kernel.clientcategory.ClientCategoryCode;
import org.axonframework.serialization.Revision;

/** A delegation was commissioned. Carries the service item's revision and what it promised at this moment, so a later revision of the item never changes it; the deadline is frozen here and only moved out by time spent waiting for materials or suspended. */
@Revision("1")
public record DelegationCommissionedEvent(
        @DataSubject DelegationId delegationId,
        DelegationKind kind,
        ServiceMode mode,
        StationCode stationCode,
        String window,
        AgentId agentId,
        ServiceItemCode itemCode,
        int itemRevision,
        String itemName,
        String department,
        Set<StationLevel> authorityLevels,
        List<StatutoryFee> statutoryFees,
        Client client,
        AcceptanceFormNumber acceptanceFormNumber,
        NeedsAnalysis needsAnalysis,
        List<ToleratedGap> toleratedGaps,
        List<String> parallelDepartments,
        AgentId teamLeaderId,
        boolean applicantSigned,
        List<String> notes,
        String supervisionPhone,
        boolean specialHandling,
        boolean outsideAuthority,
        LocalDate commissionedOn,
        int promisedWorkingDays,
        LocalDate deadline,
        String consultationId,
        DelegationId previousDelegationId,
        // Added later, at the end and nullable: events stored before them deserialize with null, so no @Revision
        // bump. The client's categories and the agreed home visit (read categories through clientCategoriesOrNone());
        // the first receiver's and the team leader's names as registered when received (003 三(五), 002 表A.2 受理人 /
        // 队长签字); when the client applied (申请时间, defaults to the moment of acceptance); the version of the
        // 注意事项 text the applicant signed (ApplicantCommitments; proxies only).
        Set<ClientCategoryCode> clientCategories,
        HomeVisitAppointment homeVisit,
        String agentName,
        String teamLeaderName,
        Instant appliedAt,
        String commitmentsVersion,
        // Added last and nullable: events stored before the pre-check have no checklist and still deserialize
        // (null = not pre-checked). Otherwise every material of the item's list, with how it stood.
        List<MaterialCheck> materials,
        // Added last and nullable: events stored before it deserialize with null (= not provisional).
        // The deadline reaches into a year whose working-day calendar is not loaded yet: computed on weekends
        // alone, to be recomputed when that year is loaded (DOMAIN.md "Time").
        Boolean deadlineProvisional) {

    /** The client's categories; none for an event stored before categories existed. */
    public Set<ClientCategoryCode> clientCategoriesOrNone() {
        return clientCategories == null ? Set.of() : clientCategories;
    }

    /**
     * The event as written before the categories, home visits, names, application time, commitments' version,
     * checklist and provisional mark: a deadline on loaded calendar years only.
     */
    public DelegationCommissionedEvent(DelegationId delegationId, DelegationKind kind, ServiceMode mode,
                                       StationCode stationCode, String window, AgentId agentId,
                                       ServiceItemCode itemCode, int itemRevision, String itemName, String department,
                                       Set<StationLevel> authorityLevels, List<StatutoryFee> statutoryFees,
                                       Client client, AcceptanceFormNumber acceptanceFormNumber,
                                       NeedsAnalysis needsAnalysis, List<ToleratedGap> toleratedGaps,
                                       List<String> parallelDepartments, AgentId teamLeaderId,
                                       boolean applicantSigned, List<String> notes, String supervisionPhone,
                                       boolean specialHandling, boolean outsideAuthority, LocalDate commissionedOn,
                                       int promisedWorkingDays, LocalDate deadline, String consultationId,
                                       DelegationId previousDelegationId) {
        this(delegationId, kind, mode, stationCode, window, agentId, itemCode, itemRevision, itemName, department,
                authorityLevels, statutoryFees, client, acceptanceFormNumber, needsAnalysis, toleratedGaps,
                parallelDepartments, teamLeaderId, applicantSigned, notes, supervisionPhone, specialHandling,
                outsideAuthority, commissionedOn, promisedWorkingDays, deadline, consultationId, previousDelegationId,
                null, null, null, null, null, null, null, null);
    }

    /** Whether the promised date is provisional (a year not loaded yet); false for events stored before. */
    public boolean isDeadlineProvisional() {
        return Boolean.TRUE.equals(deadlineProvisional);
    }
}
