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
        String supervisionPhone) {
}
