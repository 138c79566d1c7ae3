package cn.daiban.kernel.delegation;

import cn.daiban.kernel.agent.AgentId;
import cn.daiban.kernel.common.Require;
import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The client finds it too hard: the assist becomes a proxy under an acceptance form (`002 帮办 承办`). */
public record ConvertAssistToProxyCommand(@TargetAggregateIdentifier DelegationId delegationId, Client client, NeedsAnalysis needsAnalysis, AgentId teamLeaderId, boolean applicantSigned, List<String> notes) {

    public ConvertAssistToProxyCommand {
        Require.present(delegationId, "delegationId");
        Require.present(client, "client");
        notes = notes == null ? List.of() : List.copyOf(notes);
    }
}
