package cn.daiban.kernel.agent;

import org.axonframework.serialization.Revision;

@Revision("1")
public record AgentRoleChangedEvent(AgentId agentId, AgentRole role, String reason) {
}
