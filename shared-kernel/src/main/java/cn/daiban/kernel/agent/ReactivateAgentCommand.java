package cn.daiban.kernel.agent;

import cn.daiban.kernel.common.Require;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record ReactivateAgentCommand(@TargetAggregateIdentifier AgentId agentId, String reason) implements AgentTargeted {

    public ReactivateAgentCommand {
        Require.present(agentId, "agentId");
        reason = Require.text(reason, "reason", 500);
    }
}
