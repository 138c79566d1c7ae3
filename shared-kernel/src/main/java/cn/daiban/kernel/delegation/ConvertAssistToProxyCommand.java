package cn.daiban.kernel.delegation;

import cn.daiban.kernel.common.InputLimits;
import cn.daiban.kernel.agent.AgentId;
import cn.daiban.kernel.common.Require;
import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The client finds it too hard: the assist becomes a proxy under an acceptance form (`002 帮办 承办`). */
public record ConvertAssistToProxyCommand(
        @TargetAggregateIdentifier DelegationId delegationId,
        Client client,
        NeedsAnalysis needsAnalysis,
        AgentId teamLeaderId,
        boolean applicantSigned,
        List<String> notes) implements DelegationTargeted {

    public ConvertAssistToProxyCommand {
        // Upper sizes (InputLimits): the HTTP boundary checks them first; here for every other sender.
        Require.atMost(notes, InputLimits.NOTES, "notes");
        if (needsAnalysis != null) {
            Require.atMost(needsAnalysis.steps(), InputLimits.STEPS, "needsAnalysis.steps");
        }
        Require.present(delegationId, "delegationId");
        Require.present(client, "client");
        notes = notes == null ? List.of() : List.copyOf(notes);
    }
}
