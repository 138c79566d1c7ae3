package cn.daiban.kernel.agent;

import cn.daiban.kernel.common.Require;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record ChangeAgentRoleCommand(@TargetAggregateIdentifier AgentId agentId, AgentRole role, String reason) implements AgentTargeted {

    public ChangeAgentRoleCommand {
        Require.present(agentId, "agentId");
        Require.present(role, "role");
        reason = Require.text(reason, "reason", 500);
    }
}
