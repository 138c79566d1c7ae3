package cn.daiban.kernel.delegation;

import cn.daiban.kernel.agent.AgentId;
import cn.daiban.kernel.common.Require;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Change the responsible agent: only with a reason and after the client was told (`002 一对一服务`). */
public record ReassignAgentCommand(@TargetAggregateIdentifier DelegationId delegationId, AgentId newAgentId, String reason, boolean clientInformed) implements DelegationTargeted {

    public ReassignAgentCommand {
        Require.present(delegationId, "delegationId");
        Require.present(newAgentId, "newAgentId");
        reason = Require.text(reason, "reason", 500);
    }
}
