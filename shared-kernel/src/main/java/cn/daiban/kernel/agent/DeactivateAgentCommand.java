package cn.daiban.kernel.agent;

import cn.daiban.kernel.common.Require;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The agent stops; their history stays. */
public record DeactivateAgentCommand(@TargetAggregateIdentifier AgentId agentId, String reason) implements AgentTargeted {

    public DeactivateAgentCommand {
        Require.present(agentId, "agentId");
        reason = Require.text(reason, "reason", 500);
    }
}
