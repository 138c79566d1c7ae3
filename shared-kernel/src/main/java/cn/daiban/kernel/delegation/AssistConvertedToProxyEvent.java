package cn.daiban.kernel.delegation;

import cn.daiban.kernel.privacy.DataSubject;
import cn.daiban.kernel.privacy.PersonalData;

import cn.daiban.kernel.agent.AgentId;
import java.util.List;
import org.axonframework.serialization.Revision;

@Revision("1")
public record AssistConvertedToProxyEvent(
        @DataSubject DelegationId delegationId,
        Client client,
        AcceptanceFormNumber acceptanceFormNumber,
        NeedsAnalysis needsAnalysis,
        AgentId teamLeaderId,
        boolean applicantSigned,
        List<String> notes,
        String supervisionPhone,
        // Added later, at the end and nullable: events stored before them deserialize with null, so no @Revision bump.
        // The team leader's name (队长签字) and the version of the 注意事项 text the applicant signed.
        String teamLeaderName,
        String commitmentsVersion) {

    /** The event as written before the team leader's name and the commitments' version were added. */
    public AssistConvertedToProxyEvent(DelegationId delegationId, Client client,
                                       AcceptanceFormNumber acceptanceFormNumber, NeedsAnalysis needsAnalysis,
                                       AgentId teamLeaderId, boolean applicantSigned, List<String> notes,
                                       String supervisionPhone) {
        this(delegationId, client, acceptanceFormNumber, needsAnalysis, teamLeaderId, applicantSigned, notes,
                supervisionPhone, null, null);
    }
}
